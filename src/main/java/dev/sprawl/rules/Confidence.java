package dev.sprawl.rules;

import java.util.Locale;

/** How likely a finding is a real secret. Ordered from least to most likely. */
public enum Confidence {
    LOW, MEDIUM, HIGH;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public Confidence lower() {
        return this == HIGH ? MEDIUM : LOW;
    }

    public boolean atLeast(Confidence other) {
        return compareTo(other) >= 0;
    }

    /** Parses {@code low|medium|high} (any case); returns null when unknown. */
    public static Confidence fromLabel(String label) {
        for (Confidence c : values()) {
            if (c.label().equals(label.toLowerCase(Locale.ROOT))) {
                return c;
            }
        }
        return null;
    }
}
