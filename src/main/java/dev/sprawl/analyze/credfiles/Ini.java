package dev.sprawl.analyze.credfiles;

import dev.sprawl.analyze.Span;
import dev.sprawl.analyze.Text;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The INI and properties shape shared by many credential files ({@code .my.cnf}, {@code .pypirc},
 * {@code rclone.conf}, {@code ~/.aws/credentials}, {@code .s3cfg}, {@code gradle.properties}...):
 * {@code [section]} headers, {@code key = value} lines (also {@code key: value} and, when asked,
 * {@code key value}), {@code #} and {@code ;} comment lines. Values are taken as written, with one
 * pair of surrounding quotes removed; nothing after a value is read as a comment (passwords hold
 * {@code #} and {@code ;}). Keys before the first header belong to the section {@code ""}.
 */
final class Ini {

    /** One {@code key = value} line; {@code value} spans the value without its quotes. */
    record Entry(String key, String value, int keyOffset, Span valueSpan) {
        String lowerKey() {
            return key.toLowerCase(Locale.ROOT);
        }
    }

    /** A section: its name, its extent (header to the next header) and its entries in order. */
    record Section(String name, Span span, List<Entry> entries) {

        /** The last value of {@code key} (case-insensitive), or null. */
        Entry get(String key) {
            Entry found = null;
            for (Entry e : entries) {
                if (e.key().equalsIgnoreCase(key)) {
                    found = e;
                }
            }
            return found;
        }

        String value(String key) {
            Entry e = get(key);
            return e == null ? null : e.value();
        }
    }

    private Ini() {
    }

    /**
     * Parses {@code text}; with {@code spaceSeparated} a line {@code key value} is an entry too (Java
     * properties, msmtp). Lines that are none of these are ignored.
     */
    static List<Section> parse(Text text, boolean spaceSeparated) {
        return parse(text, true, spaceSeparated);
    }

    /** As {@link #parse(Text, boolean)}; without {@code colon} only {@code =} separates ({@code .npmrc} keys hold colons). */
    static List<Section> parse(Text text, boolean colon, boolean spaceSeparated) {
        String s = text.content();
        List<Section> out = new ArrayList<>();
        String name = "";
        int sectionStart = 0;
        List<Entry> entries = new ArrayList<>();
        int at = 0;
        while (at <= s.length()) {
            int nl = s.indexOf('\n', at);
            int end = nl < 0 ? s.length() : nl;
            int b = at;
            while (b < end && isBlank(s.charAt(b))) {
                b++;
            }
            int e = end;
            while (e > b && isBlank(s.charAt(e - 1))) {
                e--;
            }
            if (b < e) {
                char c = s.charAt(b);
                if (c == '[' && s.charAt(e - 1) == ']') {
                    if (!entries.isEmpty() || !name.isEmpty()) {
                        out.add(new Section(name, new Span(sectionStart, at), entries));
                    }
                    name = s.substring(b + 1, e - 1).strip();
                    sectionStart = at;
                    entries = new ArrayList<>();
                } else if (c != '#' && c != ';' && c != '!') {
                    Entry entry = entry(s, b, e, colon, spaceSeparated);
                    if (entry != null) {
                        entries.add(entry);
                    }
                }
            }
            if (nl < 0) {
                break;
            }
            at = nl + 1;
        }
        if (!entries.isEmpty() || !name.isEmpty()) {
            out.add(new Section(name, new Span(sectionStart, s.length()), entries));
        }
        return out;
    }

    private static Entry entry(String s, int b, int e, boolean colon, boolean spaceSeparated) {
        int eq = -1;
        for (int i = b; i < e; i++) {
            char c = s.charAt(i);
            if (c == '=' || c == ':' && colon) {
                eq = i;
                break;
            }
            if (isBlank(c)) {
                // `key = v`, `key : v`, or `key value`
                int j = i;
                while (j < e && isBlank(s.charAt(j))) {
                    j++;
                }
                if (j < e && (s.charAt(j) == '=' || s.charAt(j) == ':' && colon)) {
                    eq = j;
                } else if (spaceSeparated) {
                    eq = i;
                }
                break;
            }
        }
        if (eq <= b) {
            return null;
        }
        int ke = eq;
        while (ke > b && isBlank(s.charAt(ke - 1))) {
            ke--;
        }
        int vb = eq + 1;
        while (vb < e && isBlank(s.charAt(vb))) {
            vb++;
        }
        int ve = e;
        if (ve - vb >= 2 && (s.charAt(vb) == '"' || s.charAt(vb) == '\'') && s.charAt(ve - 1) == s.charAt(vb)) {
            vb++;
            ve--;
        }
        String key = s.substring(b, ke);
        if (key.length() > 200) {
            return null;
        }
        return new Entry(key, s.substring(vb, ve), b, new Span(vb, ve));
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\uFEFF';
    }
}
