package dev.sprawl.analyze;

import dev.sprawl.inventory.Owner;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Owners from metadata: IaC tags and Kubernetes labels or annotations whose key names an owner.
 * A key is compared by its last {@code /}-separated part, in lower case with {@code _ . space} and
 * camelCase humps turned into {@code -} ({@code Owner}, {@code acme.io/owner}, {@code owner_team}
 * and {@code ownerTeam} all count). When a resource has several, the earliest key in {@link #KEYS}
 * names the owner and the other values become co-owners.
 */
public final class OwnerKeys {

    /** Owner-like keys, in precedence order. */
    public static final List<String> KEYS = List.of("owner", "owners", "owned-by", "owner-team", "owning-team",
            "team", "team-name", "squad", "maintainer", "maintainers", "contact", "owner-email", "contact-email",
            "responsible");

    /** One owner-like tag or label as found: its key, its value and where it is. */
    public record Tag(String key, String value, int offset) {
    }

    private OwnerKeys() {
    }

    /** True when {@code key} names an owner. */
    public static boolean isOwnerKey(String key) {
        return rank(key) >= 0;
    }

    static int rank(String key) {
        if (key == null) {
            return -1;
        }
        String tail = key.substring(key.lastIndexOf('/') + 1);
        return KEYS.indexOf(String.join("-", CredentialKeys.words(tail)));
    }

    /**
     * The owner named by {@code tags} (non-owner keys are ignored), or null.
     *
     * @param source {@code iac-tag} or {@code k8s-label}
     */
    public static Owner owner(List<Tag> tags, String source, String path, Text text) {
        List<Tag> owners = new ArrayList<>();
        for (Tag t : tags) {
            if (rank(t.key()) >= 0 && t.value() != null && !t.value().isBlank()) {
                owners.add(t);
            }
        }
        if (owners.isEmpty()) {
            return null;
        }
        owners.sort(Comparator.comparingInt((Tag t) -> rank(t.key())).thenComparingInt(Tag::offset));
        Set<String> names = new LinkedHashSet<>();
        for (Tag t : owners) {
            for (String part : t.value().split("[,;]")) {
                String name = part.strip();
                if (!name.isEmpty() && name.length() <= 200) {
                    names.add(name);
                }
            }
        }
        if (names.isEmpty()) {
            return null;
        }
        List<String> all = new ArrayList<>(names);
        Tag first = owners.get(0);
        return new Owner(all.get(0), source, path + ":" + text.line(first.offset()), all.subList(1, all.size()));
    }
}
