package dev.sprawl.detect.names;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Provider attribution from names: {@code ZENDESK_API_TOKEN} is a zendesk credential, a password
 * for {@code api.mailgun.net} a mailgun one. The provider names are data
 * ({@code rules/data/providers.txt}: one provider a line, its id then aliases), not code.
 */
public final class Providers {

    static final String RESOURCE = "rules/data/providers.txt";
    private static final Providers BUILT_IN = load();

    private final Map<String, String> byName;

    Providers(Map<String, String> byName) {
        this.byName = byName;
    }

    public static Providers builtIn() {
        return BUILT_IN;
    }

    /** The provider one of {@code words} (or two or three adjacent words joined) names, or null. */
    public String fromWords(List<String> words) {
        for (int i = 0; i < words.size(); i++) {
            String one = byName.get(words.get(i));
            if (one != null) {
                return one;
            }
            if (i + 1 < words.size()) {
                String two = byName.get(words.get(i) + words.get(i + 1));
                if (two != null) {
                    return two;
                }
                if (i + 2 < words.size()) {
                    String three = byName.get(words.get(i) + words.get(i + 1) + words.get(i + 2));
                    if (three != null) {
                        return three;
                    }
                }
            }
        }
        return null;
    }

    /** The provider a host name's labels name ({@code api.mailgun.net} → mailgun), or null. */
    public String fromHost(String host) {
        String[] labels = host.toLowerCase(Locale.ROOT).split("\\.");
        // the registrable part is the label before the public suffix: try every label but the last
        for (int i = labels.length - 2; i >= 0; i--) {
            String p = byName.get(labels[i].replace("-", ""));
            if (p != null) {
                return p;
            }
        }
        return null;
    }

    /** The provider of a URL scheme ({@code postgres}, {@code mongodb+srv}), or null. */
    public String fromScheme(String scheme) {
        String s = scheme.toLowerCase(Locale.ROOT);
        int plus = s.indexOf('+');
        return byName.get(plus > 0 ? s.substring(0, plus) : s);
    }

    private static Providers load() {
        try (InputStream in = Providers.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the build");
            }
            return new Providers(parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + RESOURCE, e);
        }
    }

    static Map<String, String> parse(BufferedReader r) throws IOException {
        Map<String, String> byName = new HashMap<>();
        String line;
        while ((line = r.readLine()) != null) {
            line = line.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] names = line.toLowerCase(Locale.ROOT).split("\\s+");
            for (String n : names) {
                byName.putIfAbsent(n.replace("-", ""), names[0]);
            }
        }
        return byName;
    }

    int size() {
        return (int) byName.values().stream().distinct().count();
    }
}
