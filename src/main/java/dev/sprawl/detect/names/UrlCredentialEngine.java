package dev.sprawl.detect.names;

import dev.sprawl.detect.Engine;
import dev.sprawl.detect.Match;
import dev.sprawl.detect.Placeholders;
import dev.sprawl.detect.SecretValue;
import dev.sprawl.rules.Category;
import dev.sprawl.rules.Confidence;
import dev.sprawl.rules.Rule;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Credentials in a URL's userinfo ({@code scheme://user:password@host}) as drivers and people write
 * them: the password may hold unescaped {@code # ! @ / ? :} — the last {@code @} that is followed by
 * a host ends it (RFC 3986 would have them percent-encoded; clients split at the last {@code @}).
 * The fingerprint is the percent-decoded password; the user and host are the identity.
 */
public final class UrlCredentialEngine implements Engine {

    public static final UrlCredentialEngine INSTANCE = new UrlCredentialEngine(Providers.builtIn());

    /** Longest URL authority read, in bytes. */
    static final int MAX_AUTHORITY = 400;
    private static final Set<String> DATABASE_SCHEMES = Set.of("postgres", "postgresql", "mysql", "mariadb",
            "mongodb", "mongodb+srv", "redis", "rediss", "amqp", "amqps", "mssql", "sqlserver", "oracle", "jdbc",
            "cockroachdb", "clickhouse", "cassandra", "couchdb", "neo4j", "neo4j+s", "bolt", "nats", "mqtt", "mqtts",
            "kafka", "memcached", "ldap", "ldaps", "db2", "snowflake", "elasticsearch", "influxdb", "postgis");

    private final Providers providers;
    private final Map<String, Rule> variants = new ConcurrentHashMap<>();

    UrlCredentialEngine(Providers providers) {
        this.providers = providers;
    }

    @Override
    public int find(byte[] data, int length, int from, int to, Rule rule, Found out) {
        int last = from;
        int limit = Math.min(length - 2, to);
        for (int c = from; c < limit; c++) {
            if (data[c] != ':' || data[c + 1] != '/' || data[c + 2] != '/') {
                continue;
            }
            int s = c;
            while (s > 0 && c - s < 32 && isSchemeByte(data[s - 1])) {
                s--;
            }
            while (s < c && !Character.isLetter(data[s])) {
                s++;
            }
            if (c - s < 2) {
                continue;
            }
            int end = parse(data, length, s, c, rule, out);
            if (end < 0) {
                return last;
            }
            last = Math.max(last, end);
        }
        return last;
    }


    /** Parses the URL whose scheme is {@code [s, c)}; returns its end, or -1 when the match limit was reached. */
    private int parse(byte[] d, int len, int s, int c, Rule rule, Found out) {
        int u = c + 3;
        byte quote = s > 0 && (d[s - 1] == '"' || d[s - 1] == '\'' || d[s - 1] == '`') ? d[s - 1] : 0;
        int stop = u;
        List<Integer> ats = new ArrayList<>();
        while (stop < len && stop - u < MAX_AUTHORITY) {
            byte b = d[stop];
            if (b == ' ' || b == '\t' || b == '\n' || b == '\r' || b == quote || b == '<' || b == '>' || b == '"' && quote == 0) {
                break;
            }
            if (b == '@') {
                ats.add(stop);
            }
            stop++;
        }
        for (int k = ats.size() - 1; k >= 0; k--) {
            int at = ats.get(k);
            int hostEnd = hostEnd(d, stop, at + 1);
            if (hostEnd < 0) {
                continue;
            }
            int colon = -1;
            for (int i = u; i < at; i++) {
                if (d[i] == ':') {
                    colon = i;
                    break;
                }
                if (!userByte(d[i])) {
                    break; // a user name never holds these: this @ is in a path or a syntax description
                }
            }
            if (colon < 0) {
                return at;
            }
            String scheme = new String(d, s, c - s, StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
            String rawPassword = new String(d, colon + 1, at - colon - 1, StandardCharsets.UTF_8);
            String password = percentDecode(rawPassword);
            String user = percentDecode(new String(d, u, colon - u, StandardCharsets.UTF_8));
            String host = new String(d, at + 1, hostEnd - at - 1, StandardCharsets.ISO_8859_1);
            int portColon = host.lastIndexOf(':');
            String hostName = portColon > 0 && !host.endsWith("]") ? host.substring(0, portColon) : host;
            if (password.isEmpty() || rawPassword.matches("[0-9]{1,5}(?:/.*)?") || Placeholders.beforeDocumentationHost(d, at)) {
                return hostEnd;
            }
            ValueShape.Verdict shape = ValueShape.judge(password, false, true, false);
            if (shape == null || Placeholders.isPlaceholder(user) && !user.isEmpty() && !user.equalsIgnoreCase("user")) {
                return hostEnd;
            }
            Confidence confidence = shape.confidence() == Confidence.HIGH ? Confidence.MEDIUM : shape.confidence();
            boolean exampleHost = exampleHost(hostName);
            TreeMap<String, String> attributes = new TreeMap<>();
            attributes.put("scheme", scheme);
            if (shape.placeholderLike()) {
                attributes.put("placeholderLike", "true");
            }
            if (!rawPassword.equals(password)) {
                attributes.put("encoding", "percent");
            }
            List<Match.IdentitySpan> identities = new ArrayList<>();
            if (!user.isEmpty()) {
                identities.add(new Match.IdentitySpan("user", u, colon, user));
            }
            identities.add(new Match.IdentitySpan("host", at + 1, at + 1 + hostName.length(), hostName));
            boolean low = confidence == Confidence.LOW || exampleHost;
            String provider = providers.fromHost(hostName);
            if (provider == null) {
                provider = providers.fromScheme(scheme.startsWith("jdbc:") ? scheme.substring(5) : scheme);
            }
            Match m = new Match(variant(rule, scheme, provider), colon + 1, at, new SecretValue(password), low,
                    low ? null : confidence, attributes, identities);
            return out.add(m, s, hostEnd) ? -1 : hostEnd;
        }
        return stop;
    }

    /** The end of a host (and port) starting at {@code h}, when what follows ends an authority; else -1. */
    private static int hostEnd(byte[] d, int stop, int h) {
        int i = h;
        if (i < stop && d[i] == '[') {
            while (i < stop && d[i] != ']') {
                i++;
            }
            if (i >= stop) {
                return -1;
            }
            i++;
        } else {
            while (i < stop && (Character.isLetterOrDigit(d[i]) || d[i] == '.' || d[i] == '-' || d[i] == '_')) {
                i++;
            }
            if (i == h) {
                return -1;
            }
        }
        if (i < stop && d[i] == ':') {
            int p = i + 1;
            while (p < stop && d[p] >= '0' && d[p] <= '9') {
                p++;
            }
            i = p;
        }
        if (i < stop) {
            byte b = d[i];
            if (b != '/' && b != '?' && b != '#' && b != ',' && b != ';' && b != ')' && b != ']' && b != '\'' && b != '"') {
                return -1;
            }
        }
        return i;
    }

    private static boolean exampleHost(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        return h.equals("example.com") || h.equals("example.org") || h.equals("example.net")
                || h.endsWith(".example.com") || h.endsWith(".example.org") || h.endsWith(".example.net")
                || h.endsWith(".example") || h.endsWith(".invalid");
    }

    private Rule variant(Rule base, String scheme, String provider) {
        boolean database = DATABASE_SCHEMES.contains(scheme) || scheme.startsWith("jdbc:");
        String key = (database ? "db/" : "url/") + provider;
        return variants.computeIfAbsent(key, k -> base.variant(
                database ? "generic-connection-string-password" : "generic-url-password",
                database ? "Password in a connection URL" : "Password in a URL",
                database ? Category.CONNECTION_STRING : Category.PASSWORD,
                provider == null ? base.provider() : provider));
    }

    /** RFC 3986 unreserved, sub-delims and percent: what a user name is written with. */
    private static boolean userByte(byte b) {
        return Character.isLetterOrDigit(b) || b == '-' || b == '.' || b == '_' || b == '~' || b == '%' || b == '!'
                || b == '$' || b == '&' || b == '\'' || b == '*' || b == '+' || b == ',' || b == ';' || b == '=' || b < 0;
    }

    private static boolean isSchemeByte(byte b) {
        return Character.isLetterOrDigit(b) || b == '+' || b == '.' || b == '-' || b == ':';
    }

    /** Percent-decoding of userinfo ({@code %40} is {@code @}); malformed escapes are kept as written. */
    static String percentDecode(String s) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < b.length; i++) {
            if (b[i] == '%' && i + 2 < b.length && hex(b[i + 1]) >= 0 && hex(b[i + 2]) >= 0) {
                out.write(hex(b[i + 1]) * 16 + hex(b[i + 2]));
                i += 2;
            } else {
                out.write(b[i]);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static int hex(byte c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }
}
