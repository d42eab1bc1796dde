package dev.sprawl.analyze.credfiles;

import dev.sprawl.analyze.AnalyzerOutput;
import dev.sprawl.analyze.Span;
import dev.sprawl.classify.Identity;
import java.util.ArrayList;
import java.util.List;

/** Collects the identities of one record and binds them to the record's extent. */
final class Ids {

    private final AnalyzerOutput out;
    private final List<Identity> list = new ArrayList<>();

    Ids(AnalyzerOutput out) {
        this.out = out;
    }

    Ids add(String kind, String value, int offset) {
        Identity id = out.identity(kind, value, offset);
        if (id != null) {
            list.add(id);
        }
        return this;
    }

    /** Adds the host (and port) of a URL or {@code host[:port]}, never its userinfo. */
    Ids host(String urlOrHost, int offset) {
        return add(Identity.HOST, host(urlOrHost), offset);
    }

    Ids addIni(Ini.Section s, String key, String kind) {
        Ini.Entry e = s.get(key);
        if (e != null) {
            if (kind.equals(Identity.HOST)) {
                host(e.value(), e.keyOffset());
            } else {
                add(kind, e.value(), e.keyOffset());
            }
        }
        return this;
    }

    void bind(Span span) {
        out.identify(span, list);
    }

    /** The {@code host[:port]} of a URL ({@code scheme://user:pw@host:port/path}) or of a bare host, or null. */
    static String host(String s) {
        if (s == null) {
            return null;
        }
        String v = s.strip();
        int scheme = v.indexOf("://");
        if (scheme >= 0) {
            v = v.substring(scheme + 3);
        } else if (v.startsWith("//")) {
            v = v.substring(2);
        }
        int end = v.length();
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == '/' || c == '?' || c == '#') {
                end = i;
                break;
            }
        }
        v = v.substring(0, end);
        int at = v.lastIndexOf('@');
        if (at >= 0) {
            v = v.substring(at + 1);
        }
        return v.isEmpty() || v.contains(" ") ? null : v;
    }
}
