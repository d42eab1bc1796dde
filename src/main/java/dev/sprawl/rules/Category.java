package dev.sprawl.rules;

import java.util.Locale;

/** What kind of credential a rule finds (contract: the {@code category} field of the inventory). */
public enum Category {
    API_KEY("api-key"),
    TOKEN("token"),
    PASSWORD("password"),
    PRIVATE_KEY("private-key"),
    CERTIFICATE("certificate"),
    CONNECTION_STRING("connection-string"),
    GENERIC_SECRET("generic-secret");

    private final String label;

    Category(String label) {
        this.label = label;
    }

    /**
     * True for credentials a machine generates (keys, tokens, generated secrets, key material): their
     * values are random, never a word or a run typed by a person, unlike passwords and the passwords
     * inside connection strings.
     */
    public boolean machineMade() {
        return this != PASSWORD && this != CONNECTION_STRING;
    }

    public String label() {
        return label;
    }

    /** Parses a label such as {@code api-key}; returns null when unknown. */
    public static Category fromLabel(String label) {
        for (Category c : values()) {
            if (c.label.equals(label.toLowerCase(Locale.ROOT))) {
                return c;
            }
        }
        return null;
    }
}
