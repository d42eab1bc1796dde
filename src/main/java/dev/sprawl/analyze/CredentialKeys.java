package dev.sprawl.analyze;

import dev.sprawl.rules.Category;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Decides from a key's name alone ({@code DB_PASSWORD}, {@code clientSecret}, {@code tls.key},
 * {@code client-key-data}) whether the value under it is a credential, and of which category.
 * The name is split into words at {@code _ - . / :}, spaces and camelCase humps. A name whose last
 * word says the value only <em>points at</em> a credential ({@code _FILE}, {@code _PATH}, {@code _NAME},
 * {@code _ID}, {@code _URL}, {@code _REF}...) or that mentions {@code public} or {@code existing} is
 * not a credential.
 */
public final class CredentialKeys {

    /** A last word that makes the value a pointer, setting or description rather than the credential. */
    private static final Set<String> POINTER_SUFFIXES = Set.of("name", "names", "id", "ids", "ref", "refs",
            "reference", "arn", "file", "files", "path", "paths", "dir", "directory", "url", "uri", "urls", "endpoint",
            "host", "hostname", "port", "type", "types", "kind", "length", "len", "size", "ttl", "expiry", "expires",
            "expiration", "expire", "timeout", "lifetime", "header", "headers", "version", "enabled", "enable",
            "disabled", "required", "policy", "policies", "mode", "format", "algorithm", "alg", "count", "rotation",
            "region", "field", "fields", "selector", "mount", "location", "provider", "store", "prefix", "suffix",
            "template", "hint", "label", "description", "desc", "generator", "env", "var", "variable", "min", "max",
            "hash", "hashed", "digest", "checksum", "fingerprint", "source", "sources", "manager", "backend", "engine",
            "method", "strategy", "regex", "pattern", "validation", "secret_ref", "volume", "mounts", "key_ref",
            "user", "username", "login", "email", "account", "owner", "role", "scope", "scopes", "audience",
            "issuer", "usage", "usages", "uid", "resource", "ring", "vault", "group", "pair");
    /** Words that, just before a final {@code key}, make it the name of a key inside another secret ({@code passwordKey}). */
    private static final Set<String> KEY_NAME_OF = Set.of("password", "passwd", "token", "username", "user", "cert",
            "certificate", "ca", "crt");
    /** Words that, anywhere in the name, make it a non-credential. */
    private static final Set<String> NEVER = Set.of("public", "pub", "existing", "tokenizer", "tokenize", "secretary");
    /** Earlier words that make a final {@code key} a credential ({@code STRIPE_SECRET_KEY}, {@code ACCESS_KEY}). */
    private static final Set<String> KEY_QUALIFIERS = Set.of("api", "access", "secret", "app", "application",
            "account", "master", "license", "licence", "client", "shared", "signing", "sign", "encryption", "encrypt",
            "auth", "authentication", "service", "subscription", "storage", "admin", "root", "consumer", "webhook",
            "session", "jwt", "hmac", "aes", "deploy", "gpg", "pgp", "crypto", "cipher", "instrumentation",
            "ingestion", "ingest", "write", "read", "server", "private", "sas", "primary", "secondary", "cookie",
            "csrf", "token", "search", "live", "prod", "production", "rest", "integration", "partner", "merchant");
    /** Words that, before a final {@code key}, make it a private key. */
    private static final Set<String> PRIVATE_KEY_QUALIFIERS = Set.of("private", "tls", "ssl", "ssh", "rsa", "ec",
            "ecdsa", "ed25519", "dsa", "pem");

    /** Most key names remembered (files repeat the same keys); the memo is emptied when full. */
    static final int MEMO_SIZE = 20_000;
    private static final Map<String, Optional<Category>> MEMO = new ConcurrentHashMap<>();

    private CredentialKeys() {
    }

    /** The category of the credential a value under {@code key} would be, or null when the name is not a credential's. */
    public static Category categoryOf(String key) {
        if (key == null || key.isEmpty() || key.length() > 200) {
            return null;
        }
        Optional<Category> known = MEMO.get(key);
        if (known == null) {
            if (MEMO.size() >= MEMO_SIZE) {
                MEMO.clear();
            }
            known = Optional.ofNullable(classify(key));
            MEMO.put(key, known);
        }
        return known.orElse(null);
    }

    private static Category classify(String key) {
        List<String> words = words(key);
        if (words.isEmpty()) {
            return null;
        }
        String last = words.get(words.size() - 1);
        for (String w : words) {
            if (NEVER.contains(w)) {
                return null;
            }
        }
        if (POINTER_SUFFIXES.contains(last) && words.size() > 1) {
            return null;
        }
        boolean endsWithKey = last.equals("key") || last.equals("keys");
        if (endsWithKey && words.size() > 1 && KEY_NAME_OF.contains(words.get(words.size() - 2))) {
            return null;
        }
        if (words.contains("privatekey") || last.equals("pem") && (words.contains("key") || words.contains("private"))
                || endsWithKey && words.size() > 1 && anyBefore(words, PRIVATE_KEY_QUALIFIERS)
                || words.size() >= 3 && last.equals("data") && words.get(words.size() - 2).equals("key")
                        && words.get(words.size() - 3).equals("client")
                || key.equals("id_rsa") || key.equals("id_ed25519") || key.equals("id_ecdsa")) {
            return Category.PRIVATE_KEY;
        }
        for (String w : words) {
            if (w.contains("password") || w.contains("passwd") || w.contains("passphrase") || w.equals("pwd")
                    || w.equals("pass") || w.equals("pw") || w.equals("passwords")) {
                return Category.PASSWORD;
            }
        }
        if (joined(words).contains("connectionstring") || words.contains("connstr") || words.contains("dsn")) {
            return Category.CONNECTION_STRING;
        }
        for (String w : words) {
            if (w.contains("token")) {
                return Category.TOKEN;
            }
        }
        if (words.contains("apikey") || endsWithKey && words.size() > 1 && anyBefore(words, KEY_QUALIFIERS)
                || words.contains("accesskey") || words.contains("secretkey")) {
            return Category.API_KEY;
        }
        for (String w : words) {
            if (w.startsWith("secret") || w.endsWith("secret") || w.equals("credential") || w.equals("credentials")
                    || w.equals("creds") || w.equals("cred")) {
                return Category.GENERIC_SECRET;
            }
        }
        if (last.equals("auth") || last.equals("apisecret")) {
            return Category.GENERIC_SECRET;
        }
        return null;
    }

    /**
     * True when {@code key} names something that points at a credential rather than holds it: a
     * credential's name followed by a pointer word ({@code PASSWORD_FILE}, {@code TOKEN_URL},
     * {@code secret_arn}).
     */
    public static boolean isPointer(String key) {
        if (key == null || key.length() > 200) {
            return false;
        }
        List<String> words = words(key);
        if (words.size() < 2 || !POINTER_SUFFIXES.contains(words.get(words.size() - 1))) {
            return false;
        }
        return categoryOf(String.join("_", words.subList(0, words.size() - 1))) != null;
    }

    /** Lower-case words of a key name: {@code clientSecretKey} and {@code CLIENT_SECRET_KEY} give client, secret, key. */
    static List<String> words(String key) {
        List<String> out = new ArrayList<>();
        StringBuilder w = new StringBuilder();
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (!Character.isLetterOrDigit(c)) {
                flush(w, out);
                continue;
            }
            if (Character.isUpperCase(c) && w.length() > 0) {
                char prev = key.charAt(i - 1);
                boolean nextLower = i + 1 < key.length() && Character.isLowerCase(key.charAt(i + 1));
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

    private static boolean anyBefore(List<String> words, Set<String> qualifiers) {
        for (int i = 0; i < words.size() - 1; i++) {
            if (qualifiers.contains(words.get(i))) {
                return true;
            }
        }
        return false;
    }

    private static String joined(List<String> words) {
        return String.join("", words);
    }
}
