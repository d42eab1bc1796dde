package dev.sprawl.eval;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.zip.CRC32;

/**
 * Random values for the evaluation corpus, reproducible from a seed: secret values of varied shapes,
 * identities (users, hosts, ids), credential names in every naming style, and the placeholder and
 * templating values of negative files. Provider prefixes are assembled from pieces so that this source
 * holds no token-shaped literal.
 */
final class Gen {

    static final String UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    static final String LOWER = "abcdefghijklmnopqrstuvwxyz";
    static final String DIGITS = "0123456789";
    static final String ALNUM = UPPER + LOWER + DIGITS;
    static final String HEX = "0123456789abcdef";
    static final String BASE32 = UPPER + "234567";
    static final String URLSAFE = ALNUM + "-_";
    /** Punctuation that people put in passwords and that breaks naive URL and config parsing. */
    static final String PUNCT = "#!@/?:%&*^-_+=.,~";

    /** The value shapes of secrets; every secret label names one. */
    static final List<String> SHAPES = List.of("alnum", "hex", "base64", "punct", "passphrase", "prefixed",
            "jwt", "uuid", "pem", "encoded");

    private static final String[] WORDS = {"river", "marble", "orchid", "copper", "lantern", "meadow", "falcon",
        "harbor", "velvet", "tundra", "cobalt", "saffron", "glacier", "pepper", "violet", "canyon", "ember",
        "willow", "thunder", "maple", "quartz", "otter", "sierra", "nimbus", "juniper", "walnut", "basil",
        "comet", "pebble", "raven", "summer", "winter", "autumn", "spring", "dragon", "monkey", "sunshine",
        "banana", "rocket", "pirate", "tiger", "orange", "silver", "purple", "castle", "forest", "garden"};
    private static final String[] FIRST = {"alice", "bob", "carol", "dmitri", "erin", "farah", "gus", "hana",
        "ivan", "jules", "kofi", "lena", "marek", "nora", "omar", "priya", "quinn", "rosa", "sven", "tomas",
        "uma", "vik", "wen", "yara", "zoltan"};
    private static final String[] SERVICES = {"billing", "deploy", "backup", "reports", "etl", "ci", "ingest",
        "payments", "search", "mailer", "metrics", "sync", "webhooks", "ledger", "scheduler"};
    private static final String[] DOMAINS = {"acme-corp.io", "northwind.dev", "globex.net", "initech.cloud",
        "umbrella-labs.com", "hooli.xyz", "vandelay.org", "tyrell.systems", "wayne-ent.co", "stark.industries"};
    /** Service names as they appear in credential names, most of them in no scanner's word list. */
    static final String[] VENDORS = {"mailrelay", "orbit", "feed", "trackr", "vendor", "ledgerly", "geo", "sms",
        "crm", "cdn", "partner", "shipping", "weather", "maps", "relay", "pager", "kiosk", "loyalty", "quote",
        "telemetry", "courier", "invoice", "fraud", "tiles", "voice"};
    /** The credential part of a name, as word lists. */
    static final String[][] CRED_WORDS = {{"key"}, {"secret"}, {"token"}, {"password"}, {"passwd"}, {"pwd"},
        {"pass"}, {"passphrase"}, {"auth"}, {"credential"}, {"apikey"}, {"api", "key"}, {"private", "key"},
        {"signing", "key"}, {"access", "token"}, {"client", "secret"}, {"secret", "key"}, {"auth", "token"},
        {"session", "secret"}, {"api", "token"}, {"app", "secret"}, {"master", "key"}, {"webhook", "secret"}};
    static final String[] NAME_STYLES = {"snake", "upper", "camel", "pascal", "kebab", "dotted", "mixed", "spaced"};

    private static final String[] PLACEHOLDERS = {"changeme", "xxxxxxxxxxxxxxxx", "<token>", "your_key_here",
        "YOUR_API_KEY", "REPLACE_ME", "********", "<password>", "TODO", "EXAMPLE", "placeholder", "xxxx-xxxx-xxxx",
        "insert-secret-here", "none"};
    private static final String[] TEMPLATES = {"${DB_PASSWORD}", "${{ secrets.DEPLOY_TOKEN }}",
        "{{ .Values.api.key }}", "%(api_key)s", "$API_TOKEN", "{{ vault_db_password }}", "${env:SERVICE_SECRET}",
        "${SMTP_PASS:-}", "#{ENV['RELAY_KEY']}", "{{ secret \"app/token\" }}"};

    final Random random;

    Gen(long seed) {
        this.random = new Random(seed);
    }

    int between(int lo, int hi) {
        return lo + random.nextInt(hi - lo + 1);
    }

    boolean chance(double p) {
        return random.nextDouble() < p;
    }

    <T> T pick(T[] items) {
        return items[random.nextInt(items.length)];
    }

    <T> T pick(List<T> items) {
        return items.get(random.nextInt(items.size()));
    }

    String of(String alphabet, int length) {
        while (true) {
            StringBuilder sb = new StringBuilder(length);
            for (int i = 0; i < length; i++) {
                sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String s = sb.toString();
            if (!dummyLooking(s)) {
                return s;
            }
        }
    }

    byte[] bytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    // ---- secret values -------------------------------------------------------------------------

    /** A value of the named shape. */
    Val secret(String shape) {
        String s = switch (shape) {
            case "alnum" -> of(ALNUM, between(20, 40));
            case "hex" -> of(HEX, pick(new Integer[] {32, 40, 48, 64}));
            case "base64" -> b64(bytes(between(18, 48)));
            case "punct" -> punctPassword();
            case "passphrase" -> passphrase();
            case "prefixed" -> providerToken();
            case "jwt" -> jwt();
            case "uuid" -> uuid();
            default -> throw new IllegalArgumentException(shape);
        };
        return new Val(s, shape, null);
    }

    /** A value of one of the named shapes, picked at random. */
    Val secret(String... shapes) {
        return secret(pick(shapes));
    }

    /** A password with letters, digits and several of {@link #PUNCT}, at least one of {@code #!@/?:%}. */
    String punctPassword() {
        while (true) {
            int n = between(10, 20);
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < n; i++) {
                sb.append(chance(0.25) ? PUNCT.charAt(random.nextInt(PUNCT.length()))
                        : ALNUM.charAt(random.nextInt(ALNUM.length())));
            }
            sb.insert(random.nextInt(sb.length()), "#!@/?:%".charAt(random.nextInt(7)));
            String s = sb.toString();
            if (!dummyLooking(s) && s.chars().anyMatch(Character::isLetter)) {
                return s;
            }
        }
    }

    /** A word-ish password: {@code tidal-marble-orchid-42}, {@code CopperLantern7!}, {@code summer2024}. */
    String passphrase() {
        return switch (random.nextInt(4)) {
            case 0 -> pick(WORDS) + "-" + pick(WORDS) + "-" + pick(WORDS) + "-" + between(10, 99);
            case 1 -> cap(pick(WORDS)) + cap(pick(WORDS)) + between(1, 99) + pick(new String[] {"!", "?", "#", "$"});
            case 2 -> pick(WORDS) + "." + pick(WORDS) + "." + pick(WORDS) + "." + pick(WORDS);
            default -> pick(WORDS) + between(1990, 2026);
        };
    }

    String uuid() {
        return of(HEX, 8) + "-" + of(HEX, 4) + "-4" + of(HEX, 3) + "-" + "89ab".charAt(random.nextInt(4))
                + of(HEX, 3) + "-" + of(HEX, 12);
    }

    String jwt() {
        String header = b64url(("{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"" + of(ALNUM, 12) + "\"}")
                .getBytes(StandardCharsets.UTF_8));
        String payload = b64url(("{\"sub\":\"" + uuid() + "\",\"iss\":\"https://login." + pick(DOMAINS)
                + "/\",\"aud\":\"api\",\"iat\":" + between(1_600_000_000, 1_700_000_000) + ",\"exp\":"
                + between(1_700_000_001, 1_900_000_000) + "}").getBytes(StandardCharsets.UTF_8));
        return header + "." + payload + "." + b64url(bytes(256));
    }

    /** A token of a documented provider format (prefix and body alphabet and length as documented). */
    String providerToken() {
        return switch (random.nextInt(16)) {
            case 0 -> github("gh" + "p_");
            case 1 -> github("gh" + "o_");
            case 2 -> "glp" + "at-" + of(URLSAFE, 20);
            case 3 -> "xo" + "xb-" + of(DIGITS, 12) + "-" + of(DIGITS, 13) + "-" + of(ALNUM, 24);
            case 4 -> "sk" + "_live_" + of(ALNUM, 99);
            case 5 -> "np" + "m_" + of(ALNUM, 36);
            case 6 -> "SG" + "." + of(URLSAFE, 22) + "." + of(URLSAFE, 43);
            case 7 -> "AI" + "za" + of(URLSAFE, 35);
            case 8 -> "dop" + "_v1_" + of(HEX, 64);
            case 9 -> "hv" + "s." + of(URLSAFE, 91);
            case 10 -> "sh" + "pat_" + of(HEX, 32);
            case 11 -> "S" + "K" + of(HEX, 32);
            case 12 -> "ph" + "x_" + of(ALNUM, 43);
            case 13 -> "sk-" + "ant-api03-" + of(URLSAFE, 93) + "AA";
            case 14 -> "xk" + "eysib-" + of(HEX, 64) + "-" + of(ALNUM, 16);
            default -> "lin" + "_api_" + of(ALNUM, 40);
        };
    }

    /** A GitHub token with a valid CRC32 checksum in its last six base62 characters. */
    String github(String prefix) {
        String body = of(ALNUM, 30);
        CRC32 crc = new CRC32();
        crc.update(body.getBytes(StandardCharsets.US_ASCII));
        long v = crc.getValue();
        String base62 = DIGITS + UPPER + LOWER;
        StringBuilder check = new StringBuilder();
        do {
            check.append(base62.charAt((int) (v % 62)));
            v /= 62;
        } while (v > 0);
        while (check.length() < 6) {
            check.append('0');
        }
        return prefix + body + check.reverse();
    }

    String awsKeyId() {
        return pick(new String[] {"AK" + "IA", "AS" + "IA"}) + of(BASE32, 16);
    }

    String awsSecret() {
        return of(ALNUM + "+/", 40);
    }

    // ---- identities ----------------------------------------------------------------------------

    String user() {
        return switch (random.nextInt(4)) {
            case 0 -> pick(FIRST);
            case 1 -> "svc-" + pick(SERVICES);
            case 2 -> pick(FIRST) + "." + pick(FIRST).charAt(0);
            default -> pick(SERVICES) + "_app";
        };
    }

    String email() {
        return pick(FIRST) + "@" + domain();
    }

    String domain() {
        return pick(DOMAINS);
    }

    String host() {
        return pick(new String[] {"db", "pg", "mysql", "redis", "mq", "ftp", "smtp", "api", "git", "vault",
            "cache", "files"}) + pick(new String[] {"", "-01", "-prod", "-eu1", "2"}) + "." + pick(new String[] {
                "internal.", "", "prod.", "corp."}) + domain();
    }

    String ip() {
        return "10." + between(0, 255) + "." + between(0, 255) + "." + between(1, 254);
    }

    String service() {
        return pick(SERVICES);
    }

    String word() {
        return pick(WORDS);
    }

    String vendor() {
        return pick(VENDORS);
    }

    // ---- names ---------------------------------------------------------------------------------

    /** A credential name: a vendor word then credential words, rendered in a random naming style. */
    Name credName() {
        return credName(pick(NAME_STYLES));
    }

    Name credName(String style) {
        String[] cred = pick(CRED_WORDS);
        String[] words = new String[cred.length + 1];
        words[0] = vendor();
        System.arraycopy(cred, 0, words, 1, cred.length);
        return new Name(render(words, style), style);
    }

    static String render(String[] words, String style) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < words.length; i++) {
            String w = words[i];
            switch (style) {
                case "snake" -> sb.append(i > 0 ? "_" : "").append(w);
                case "upper" -> sb.append(i > 0 ? "_" : "").append(w.toUpperCase(Locale.ROOT));
                case "camel" -> sb.append(i > 0 ? cap(w) : w);
                case "pascal" -> sb.append(cap(w));
                case "kebab" -> sb.append(i > 0 ? "-" : "").append(w);
                case "dotted" -> sb.append(i > 0 ? "." : "").append(w);
                case "mixed" -> sb.append(i > 0 ? "_" : "").append(i == 0 ? cap(w) : w);
                case "spaced" -> sb.append(i > 0 ? " " : "").append(w);
                default -> throw new IllegalArgumentException(style);
            }
        }
        return sb.toString();
    }

    // ---- negative values -----------------------------------------------------------------------

    /** A value that is not a secret: a stated placeholder, a template reference or nothing. */
    Val negative() {
        return switch (random.nextInt(5)) {
            case 0, 1 -> new Val(pick(PLACEHOLDERS), null, "placeholder");
            case 2, 3 -> new Val(pick(TEMPLATES), null, "template");
            default -> new Val("", null, "empty");
        };
    }

    /** A negative value that is not empty (for syntaxes where an empty value would not parse). */
    Val negativeNonEmpty() {
        return chance(0.5) ? new Val(pick(PLACEHOLDERS), null, "placeholder") : new Val(pick(TEMPLATES), null,
                "template");
    }

    // ---- encodings -----------------------------------------------------------------------------

    static String b64(byte[] b) {
        return Base64.getEncoder().encodeToString(b);
    }

    static String b64(String s) {
        return b64(s.getBytes(StandardCharsets.UTF_8));
    }

    static String b64url(byte[] b) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    static String cap(String w) {
        return w.isEmpty() ? w : Character.toUpperCase(w.charAt(0)) + w.substring(1);
    }

    /** Percent-encodes what RFC 3986 does not allow in userinfo (as git and careful users write it). */
    static String pct(String s) {
        StringBuilder sb = new StringBuilder();
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if (ALNUM.indexOf(c) >= 0 || "-._~".indexOf(c) >= 0) {
                sb.append(c);
            } else {
                sb.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return sb.toString();
    }

    static String xml(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    static String json(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    private static boolean dummyLooking(String s) {
        String l = s.toLowerCase(Locale.ROOT);
        for (String bad : new String[] {"xxx", "example", "fake", "todo", "test", "dummy", "sample", "insert",
            "here", "123456", "000000", "abcdef", "your", "redact", "replace", "change", "a1b2c3", "secret",
            "passw", "token"}) {
            if (l.contains(bad)) {
                return true;
            }
        }
        return false;
    }

    /** A value as written into a file: its text, its shape (secrets) or negative kind (decoys). */
    record Val(String text, String shape, String negKind) {
        Val map(java.util.function.UnaryOperator<String> f) {
            return new Val(f.apply(text), shape, negKind);
        }

        Val shape(String s) {
            return new Val(text, s, negKind);
        }

        @Override
        public String toString() {
            return text;
        }
    }

    /** A credential name and its naming style. */
    record Name(String text, String style) {
        @Override
        public String toString() {
            return text;
        }
    }
}
