package dev.sprawl.detect.names;

import dev.sprawl.rules.Category;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Decides from a name alone whether the value bound to it is a credential, of which category, and
 * how strong the evidence is. The words are data ({@code rules/data/credential-names.txt}, where
 * the method is described); this class only splits names and applies the word classes.
 */
public final class CredentialNames {

    /** What a credential name says. */
    public record Verdict(Category category, boolean ambiguous, List<String> words) {
    }

    static final String RESOURCE = "rules/data/credential-names.txt";
    /** Longest name judged, in characters. */
    public static final int MAX_NAME = 80;
    /** Most names remembered; the memo is emptied when full. */
    static final int MEMO_SIZE = 50_000;

    private static final CredentialNames BUILT_IN = load();

    private final Map<String, Set<String>> classes;
    private final Map<String, java.util.Optional<Verdict>> memo = new ConcurrentHashMap<>();
    private final Map<String, java.util.Optional<String>> identityMemo = new ConcurrentHashMap<>();
    private final Map<String, java.util.Optional<Category>> keyMemo = new ConcurrentHashMap<>();

    CredentialNames(Map<String, Set<String>> classes) {
        this.classes = classes;
    }

    public static CredentialNames builtIn() {
        return BUILT_IN;
    }

    /** The verdict for {@code name}, or null when it does not name a credential. */
    public Verdict judge(String name) {
        if (name.isEmpty() || name.length() > MAX_NAME) {
            return null;
        }
        java.util.Optional<Verdict> known = memo.get(name);
        if (known == null) {
            if (memo.size() >= MEMO_SIZE) {
                memo.clear();
            }
            known = java.util.Optional.ofNullable(classify(name, words(name)));
            memo.put(name, known);
        }
        return known.orElse(null);
    }

    /**
     * The identity kind ({@code user}, {@code key-id}, {@code client-id}, {@code account},
     * {@code host}) that {@code name} names, or null.
     */
    public String identityKind(String name) {
        if (name.isEmpty() || name.length() > MAX_NAME) {
            return null;
        }
        java.util.Optional<String> known = identityMemo.get(name);
        if (known == null) {
            if (identityMemo.size() >= MEMO_SIZE) {
                identityMemo.clear();
            }
            known = java.util.Optional.ofNullable(identityOf(words(name)));
            identityMemo.put(name, known);
        }
        return known.orElse(null);
    }

    private String identityOf(List<String> words) {
        if (words.isEmpty()) {
            return null;
        }
        String joined = String.join("_", words);
        String last = words.get(words.size() - 1);
        String lastTwo = words.size() >= 2 ? words.get(words.size() - 2) + "_" + last : null;
        String lastThree = words.size() >= 3 ? words.get(words.size() - 3) + "_" + lastTwo : null;
        for (String kind : List.of("key-id", "client-id", "user", "account", "host")) {
            Set<String> names = classes.getOrDefault("identity." + kind, Set.of());
            if (names.contains(joined) || names.contains(joined.replace("_", "")) || lastThree != null && names.contains(lastThree)
                    || lastTwo != null && (names.contains(lastTwo) || names.contains(lastTwo.replace("_", "")))) {
                return kind;
            }
        }
        for (String kind : List.of("user", "account", "host")) {
            if (classes.getOrDefault("identity." + kind, Set.of()).contains(last)) {
                return kind;
            }
        }
        return null;
    }

    private Verdict classify(String name, List<String> words) {
        if (words.isEmpty()) {
            return null;
        }
        for (String w : words) {
            if (in("never", w)) {
                return null;
            }
        }
        int h = words.size() - 1;
        while (h > 0 && (in("qualifier", words.get(h)) || isDigits(words.get(h)))) {
            h--;
        }
        String head = stripDigits(words.get(h));
        String before = h > 0 ? words.get(h - 1) : null;
        if (before != null && !in("lookup", before)) {
            before = stripDigits(before); // aes256 key is an aes key; an s3 key stays a lookup key
        }
        Category category = headCategory(head, before);
        if (category == null) {
            // trailing words apply within the name's last dotted part: secret.startsWith is a call
            int dot = name.lastIndexOf('.');
            List<String> last = dot < 0 ? words : words(name.substring(dot + 1));
            return last.isEmpty() ? null : trailing(last, last.size() - 1);
        }
        boolean ambiguous = head.equals("key") || head.equals("keys")
                ? before == null || !in("api-key.before-key", before) && !in("private-key.before-key", before)
                : in("ambiguous", head) && h == 0;
        return new Verdict(category, ambiguous, List.copyOf(words));
    }

    /**
     * A credential word followed by words that do not say the value is about it
     * ({@code password_for_admin}, {@code SECRET_PROD_EU}): a credential of that word's category.
     */
    private Verdict trailing(List<String> words, int h) {
        for (int i = h; i > 0; i--) {
            if (in("pointer", words.get(i))) {
                return null;
            }
            String w = stripDigits(words.get(i - 1));
            if (in("ambiguous", w) || w.equals("key") || w.equals("keys")) {
                continue;
            }
            Category c = headCategory(w, i > 1 ? words.get(i - 2) : null);
            if (c != null) {
                return new Verdict(c, false, List.copyOf(words));
            }
        }
        return null;
    }

    private Category headCategory(String head, String before) {
        if (head.equals("key") || head.equals("keys")) {
            if (before == null) {
                return Category.GENERIC_SECRET;
            }
            if (in("lookup", before) || before.equals("password") || before.equals("token") || before.equals("public")) {
                return null;
            }
            if (in("private-key.before-key", before)) {
                return Category.PRIVATE_KEY;
            }
            return in("api-key.before-key", before) ? Category.API_KEY : Category.GENERIC_SECRET;
        }
        if (in("private-key", head) || head.equals("private") && "key".equals(before)) {
            return Category.PRIVATE_KEY;
        }
        if (in("password", head)) {
            return Category.PASSWORD;
        }
        if (in("token", head)) {
            return Category.TOKEN;
        }
        if (in("api-key", head)) {
            return Category.API_KEY;
        }
        if (in("secret", head)) {
            return Category.GENERIC_SECRET;
        }
        if (endsWithAny("suffix.password", head)) {
            return Category.PASSWORD;
        }
        if (endsWithAny("suffix.token", head)) {
            return Category.TOKEN;
        }
        if (endsWithAny("suffix.secret", head)) {
            return Category.GENERIC_SECRET;
        }
        return null;
    }

    private boolean in(String cls, String word) {
        Set<String> s = classes.get(cls);
        return s != null && s.contains(word);
    }

    private boolean endsWithAny(String cls, String word) {
        for (String s : classes.getOrDefault(cls, Set.of())) {
            if (word.length() > s.length() && word.endsWith(s)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isDigits(String w) {
        return !w.isEmpty() && w.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    private static String stripDigits(String w) {
        int e = w.length();
        while (e > 1 && Character.isDigit(w.charAt(e - 1))) {
            e--;
        }
        return w.substring(0, e);
    }

    /**
     * The category of the credential a value under {@code key} holds in a structured document (a
     * YAML/JSON/HCL key, an INI or properties entry, an environment variable's name), where the
     * format already says that the value is a value: a name this class judges a credential, except
     * an {@code ambiguous} one (a bare {@code key}, {@code salt}, {@code pin}) unless its head is a
     * {@code structured.trusted} word ({@code auth}, {@code creds}); a {@code connection-string}
     * name ({@code ConnectionString}, {@code SENTRY_DSN}); a {@code private-key.names} name
     * ({@code id_rsa}, {@code client-key-data}). Null when the name is not a credential's.
     */
    public Category keyCategory(String key) {
        if (key == null || key.isEmpty() || key.length() > MAX_NAME) {
            return null;
        }
        java.util.Optional<Category> known = keyMemo.get(key);
        if (known == null) {
            if (keyMemo.size() >= MEMO_SIZE) {
                keyMemo.clear();
            }
            known = java.util.Optional.ofNullable(keyCategoryOf(key));
            keyMemo.put(key, known);
        }
        return known.orElse(null);
    }

    private Category keyCategoryOf(String key) {
        List<String> words = words(key);
        if (words.isEmpty()) {
            return null;
        }
        for (String w : words) {
            if (in("never", w)) {
                return null;
            }
        }
        String joined = String.join("_", words);
        if (in("private-key.names", joined)) {
            return Category.PRIVATE_KEY;
        }
        Verdict v = judge(key);
        if (v != null && v.ambiguous()) {
            int head = words.size() - 1;
            while (head > 0 && (in("qualifier", words.get(head)) || isDigits(words.get(head)))) {
                head--;
            }
            v = in("structured.trusted", words.get(head)) ? v : null;
        }
        if (v != null && v.category() == Category.PASSWORD) {
            return Category.PASSWORD;
        }
        // a connection string: one word (dsn, connstr) or two (connection string), as the name's head
        int h = words.size() - 1;
        String last = words.get(h);
        String lastTwo = h > 0 ? words.get(h - 1) + last : null;
        if (in("connection-string", last) || lastTwo != null && in("connection-string", lastTwo)) {
            return Category.CONNECTION_STRING;
        }
        return v == null ? null : v.category();
    }

    /**
     * True when {@code key} names something that points at a credential rather than holds it: a
     * credential's name followed by a {@code pointer} word ({@code PASSWORD_FILE}, {@code TOKEN_URL},
     * {@code secret_arn}).
     */
    public boolean isPointer(String key) {
        if (key == null || key.length() > MAX_NAME) {
            return false;
        }
        List<String> words = words(key);
        if (words.size() < 2 || !in("pointer", words.get(words.size() - 1))) {
            return false;
        }
        // the last word is a pointer there only when the whole name is not itself a credential's (SECRET_KEY)
        return keyCategory(key) == null && keyCategory(String.join("_", words.subList(0, words.size() - 1))) != null;
    }

    /** Lower-case words of a name: {@code clientSecretKey}, {@code CLIENT_SECRET_KEY} and {@code client-secret.key} give client, secret, key. */
    public static List<String> words(String name) {
        List<String> out = new ArrayList<>(4);
        StringBuilder w = new StringBuilder();
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!Character.isLetterOrDigit(c)) {
                flush(w, out);
                continue;
            }
            if (Character.isUpperCase(c) && w.length() > 0) {
                char prev = name.charAt(i - 1);
                boolean nextLower = i + 1 < name.length() && Character.isLowerCase(name.charAt(i + 1));
                if (Character.isLowerCase(prev) || Character.isDigit(prev) || Character.isUpperCase(prev) && nextLower) {
                    flush(w, out);
                }
            }
            w.append(c);
        }
        flush(w, out);
        return out;
    }

    private static void flush(StringBuilder w, List<String> out) {
        if (w.length() > 0) {
            out.add(w.toString().toLowerCase(Locale.ROOT));
            w.setLength(0);
        }
    }

    private static CredentialNames load() {
        try (InputStream in = CredentialNames.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the build");
            }
            return new CredentialNames(parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + RESOURCE, e);
        }
    }

    static Map<String, Set<String>> parse(BufferedReader r) throws IOException {
        Map<String, Set<String>> classes = new HashMap<>();
        String line;
        while ((line = r.readLine()) != null) {
            line = line.strip();
            int colon = line.indexOf(':');
            if (line.isEmpty() || line.startsWith("#") || colon < 0) {
                continue;
            }
            Set<String> words = classes.computeIfAbsent(line.substring(0, colon).strip(), k -> new HashSet<>());
            for (String w : line.substring(colon + 1).strip().split("\\s+")) {
                if (!w.isEmpty()) {
                    words.add(w.toLowerCase(Locale.ROOT));
                }
            }
        }
        return classes;
    }
}
