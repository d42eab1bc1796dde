package dev.sprawl.source.image;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.regex.Pattern;

/** {@code os/arch[/variant]}: which images of a multi-platform index to scan ({@code --platform}). */
public final class Platform {

    private static final Pattern VALID = Pattern.compile("[a-z0-9_.-]+/[a-z0-9_.-]+(/[a-z0-9_.-]+)?");

    private Platform() {
    }

    public static boolean valid(String platform) {
        return VALID.matcher(platform).matches();
    }

    /** {@code os/arch[/variant]} of an index descriptor's or a config's platform fields, or null. */
    public static String of(JsonNode node, String osField, String archField) {
        if (node == null || !node.path(osField).isTextual() || !node.path(archField).isTextual()) {
            return null;
        }
        String p = node.path(osField).asText() + "/" + node.path(archField).asText();
        if (node.path("variant").isTextual() && !node.path("variant").asText().isEmpty()) {
            p += "/" + node.path("variant").asText();
        }
        return p;
    }

    /** True when {@code actual} is the {@code wanted} platform; a wanted platform without variant takes any. */
    public static boolean matches(String wanted, String actual) {
        if (wanted == null) {
            return true;
        }
        if (actual == null) {
            return false;
        }
        return actual.equals(wanted) || actual.startsWith(wanted + "/") && wanted.chars().filter(c -> c == '/').count() == 1;
    }
}
