package dev.sprawl.classify;

import dev.sprawl.detect.Match;
import dev.sprawl.detect.names.IdentityNames;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Identity binding: whom a secret authenticates, from the record that holds it — what the detector
 * read with the secret (a URL's user and host, a Basic credential's user) and the identity names
 * bound in the same record (docs/detection.md "Identity binding"). The record is the secret's line
 * and up to {@value #RECORD_LINES} lines above and below it, stopping at a blank line, an INI
 * section, a YAML document marker or a line indented less than the secret's (a parent object).
 */
final class IdentityBinder {

    static final int RECORD_LINES = 4;
    /** Longest line looked at, in bytes: a minified file's one line is no record. */
    static final int MAX_LINE = 2048;
    /** Most identities kept per location. */
    static final int MAX_IDENTITIES = 8;

    private IdentityBinder() {
    }

    /** The identities near match {@code m}, their lines counted with the caller's {@code lines} over the same bytes. */
    static List<Identity> identities(byte[] data, int length, Match m, Classifier.LineCounter lines) {
        List<Match.IdentitySpan> spans = new ArrayList<>(m.identities());
        if (spans.isEmpty()) {
            spans.addAll(userinfo(data, length, m));
        }
        int[] record = record(data, length, m.start());
        if (record != null) {
            spans.addAll(IdentityNames.find(data, length, record[0], record[1], m.start(), m.end()));
        }
        if (spans.isEmpty()) {
            return List.of();
        }
        spans.sort(java.util.Comparator.comparingInt(Match.IdentitySpan::start));
        Map<String, Identity> found = new LinkedHashMap<>();
        for (Match.IdentitySpan s : spans) {
            if (found.size() < MAX_IDENTITIES) {
                found.putIfAbsent(s.kind() + "\u0000" + s.value(), new Identity(s.kind(), s.value(), lines.lineOf(s.start())));
            }
        }
        List<Identity> out = new ArrayList<>(found.values());
        out.sort(Identity.ORDER);
        return out;
    }

    /**
     * The user and host of a secret that sits in a URL's password slot ({@code scheme://user:SECRET@host}),
     * whichever rule found it.
     */
    static List<Match.IdentitySpan> userinfo(byte[] d, int len, Match m) {
        int s = m.start();
        int e = m.end();
        if (e >= len || d[e] != '@' || s < 4) {
            return List.of();
        }
        int colon = s - 1;
        if (d[colon] != ':') {
            return List.of();
        }
        int u = colon;
        while (u > 0 && colon - u < 128 && d[u - 1] != '/' && d[u - 1] > ' ' && d[u - 1] != '"' && d[u - 1] != '\'') {
            u--;
        }
        if (u < 3 || d[u - 1] != '/' || d[u - 2] != '/' || d[u - 3] != ':') {
            return List.of();
        }
        int h = e + 1;
        while (h < len && h - e < 256 && (Character.isLetterOrDigit(d[h]) || d[h] == '.' || d[h] == '-' || d[h] == '_')) {
            h++;
        }
        List<Match.IdentitySpan> out = new ArrayList<>(2);
        if (colon > u) {
            out.add(new Match.IdentitySpan(Identity.USER, u, colon,
                    new String(d, u, colon - u, java.nio.charset.StandardCharsets.UTF_8)));
        }
        if (h > e + 1) {
            out.add(new Match.IdentitySpan(Identity.HOST, e + 1, h,
                    new String(d, e + 1, h - e - 1, java.nio.charset.StandardCharsets.ISO_8859_1)));
        }
        return out;
    }

    /** {from, to} of the record around {@code offset}, or null when its line is too long to be one. */
    static int[] record(byte[] d, int len, int offset) {
        int ls = offset;
        while (ls > 0 && d[ls - 1] != '\n' && offset - ls < MAX_LINE) {
            ls--;
        }
        int le = offset;
        while (le < len && d[le] != '\n' && le - offset < MAX_LINE) {
            le++;
        }
        if (offset - ls >= MAX_LINE || le - offset >= MAX_LINE) {
            return null;
        }
        int indent = indent(d, le, ls);
        int from = ls;
        for (int n = 0; n < RECORD_LINES && from > 0; n++) {
            int prevEnd = from - 1;
            int prevStart = prevEnd;
            while (prevStart > 0 && d[prevStart - 1] != '\n' && prevEnd - prevStart < MAX_LINE) {
                prevStart--;
            }
            if (separator(d, prevStart, prevEnd, indent)) {
                break;
            }
            from = prevStart;
        }
        int to = le;
        for (int n = 0; n < RECORD_LINES && to < len; n++) {
            int nextStart = to + 1;
            int nextEnd = nextStart;
            while (nextEnd < len && d[nextEnd] != '\n' && nextEnd - nextStart < MAX_LINE) {
                nextEnd++;
            }
            if (nextStart >= len || separator(d, nextStart, nextEnd, indent)) {
                break;
            }
            to = nextEnd;
        }
        return new int[] {from, to};
    }

    private static boolean separator(byte[] d, int s, int e, int indent) {
        int i = s;
        while (i < e && (d[i] == ' ' || d[i] == '\t' || d[i] == '\r')) {
            i++;
        }
        if (i == e || e - s >= MAX_LINE) {
            return true;
        }
        if (i - s < indent) {
            return true;
        }
        return d[i] == '[' && s == i || d[i] == '-' && i + 2 < e && d[i + 1] == '-' && d[i + 2] == '-'
                || d[i] == '}' || d[i] == ']';
    }

    private static int indent(byte[] d, int le, int ls) {
        int i = ls;
        while (i < le && (d[i] == ' ' || d[i] == '\t')) {
            i++;
        }
        return i - ls;
    }
}
