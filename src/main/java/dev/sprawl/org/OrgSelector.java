package dev.sprawl.org;

/**
 * An organisation selector given as a target: {@code github:ORG} (an organisation's or a user's
 * repositories) or {@code gitlab:GROUP[/SUBGROUP...]} (a group's projects, subgroups included).
 */
public record OrgSelector(String kind, String name) {

    public static boolean isSelector(String text) {
        return text.startsWith("github:") || text.startsWith("gitlab:");
    }

    /** @throws IllegalArgumentException when the name is not a valid organisation or group path */
    public static OrgSelector parse(String text) {
        int colon = text.indexOf(':');
        String kind = text.substring(0, colon);
        String name = text.substring(colon + 1);
        boolean ok = kind.equals("github") ? name.matches("[A-Za-z0-9][A-Za-z0-9_.-]{0,99}")
                : name.matches("[A-Za-z0-9_][A-Za-z0-9_.-]{0,254}(/[A-Za-z0-9_][A-Za-z0-9_.-]{0,254}){0,20}");
        if (!ok) {
            throw new IllegalArgumentException("not a valid " + (kind.equals("github") ? "GitHub organisation or user"
                    : "GitLab group path") + ": " + text);
        }
        return new OrgSelector(kind, name);
    }

    @Override
    public String toString() {
        return kind + ":" + name;
    }
}
