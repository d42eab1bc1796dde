package dev.sprawl.detect;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Values that look like a secret's slot but are not a secret: variable references, templates,
 * documentation stand-ins and masked values. A match whose secret is a placeholder is not a finding.
 */
public final class Placeholders {

    /** Case-insensitive fragments whose presence marks a stand-in value. */
    static final List<String> MARKERS = List.of(
            "example", "xxxx", "changeme", "change_me", "change-me", "placeholder", "dummy", "sample",
            "your_", "your-", "yourkey", "yourtoken", "yoursecret", "yourpassword", "insert", "replace_me",
            "replaceme", "redacted", "****", "....", "0000000", "1234567", "abcdefg", "fake", "todo", "notreal",
            "not_real", "not-real", "secretkey_here", "_here", "-here");

    /** Whole-value stand-ins (case-insensitive). */
    private static final Pattern WHOLE = Pattern.compile(
            "(?i)(?:password|passwd|secret|token|apikey|api_key|key|none|null|nil|undefined|true|false"
                    + "|test|testing|admin|root|default|pass|string|value|empty|hidden|masked|required|optional"
                    + "|\\*+|x+|\\.+|-+|_+)");

    /** References and templates: ${X}, $X, ${{ x }}, {{ x }}, <x>, %(x)s, %X%, #{x}, @x@. */
    private static final Pattern TEMPLATE = Pattern.compile(
            "\\$\\{.*|\\$\\(.*|.*\\{\\{.*|<[^<>]{1,64}>|%\\(?[A-Za-z_][A-Za-z0-9_]{0,63}\\)?[sd%]?|#\\{.*\\}"
                    + "|@[A-Za-z_][A-Za-z0-9_]{0,63}@|\\$[A-Za-z_][A-Za-z0-9_]{0,63}|%[A-Za-z_][A-Za-z0-9_]{0,63}%");

    private Placeholders() {
    }

    /** True when {@code value} is a stand-in rather than a secret. */
    public static boolean isPlaceholder(String value) {
        if (value.isEmpty()) {
            return true;
        }
        if (singleRepeatedChar(value)) {
            return true;
        }
        String lower = value.toLowerCase(Locale.ROOT);
        for (String m : MARKERS) {
            if (lower.contains(m)) {
                return true;
            }
        }
        return WHOLE.matcher(value).matches() || TEMPLATE.matcher(value).matches()
                || value.contains("${") || value.contains("{{");
    }

    private static boolean singleRepeatedChar(String v) {
        char first = v.charAt(0);
        for (int i = 1; i < v.length(); i++) {
            if (v.charAt(i) != first) {
                return false;
            }
        }
        return true;
    }
}
