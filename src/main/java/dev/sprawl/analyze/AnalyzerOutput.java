package dev.sprawl.analyze;

import dev.sprawl.classify.Finding;
import dev.sprawl.classify.Identity;
import dev.sprawl.detect.SecretValue;
import dev.sprawl.inventory.Owner;
import dev.sprawl.rules.Category;
import dev.sprawl.rules.Confidence;
import dev.sprawl.rules.Rule;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Where an analyzer reports, for one file: secrets (literal values under credential keys, decoded
 * values), references to credentials held elsewhere, spans that are not literals (so a generic rule's
 * hit there is dropped), scopes (a resource: its name and owner for everything found inside), the
 * file's context and warnings. Secret values go straight into {@link SecretValue}s.
 */
public final class AnalyzerOutput {

    /** Location detail: the key (path of keys) of a value inside its file. */
    public static final String KEY = "key";
    /** Location detail: the resource, object or block that holds the value. */
    public static final String RESOURCE = "resource";
    /** Location detail: how the value was encoded in the file ({@code base64}). */
    public static final String ENCODING = "encoding";

    /** Scans decoded content with the rules, classified as if found in the file being analyzed. */
    @FunctionalInterface
    public interface RuleScan {
        List<Finding> scan(byte[] data);
    }

    record Candidate(Rule rule, SecretValue value, Confidence confidence, SortedMap<String, String> attributes,
                     Span span, boolean locate, SortedMap<String, Object> details, boolean encoded) {
    }

    record Reference(String kind, String name, Span span, SortedMap<String, Object> details) {
    }

    record Scope(Span span, SortedMap<String, Object> details, Owner owner) {
    }

    record Binding(Span span, List<Identity> identities) {
    }

    private final AnalyzerInput in;
    private final RuleScan rules;
    private final long maxDecoded;
    final List<Candidate> candidates = new ArrayList<>();
    final List<Reference> references = new ArrayList<>();
    final List<Span> nonLiterals = new ArrayList<>();
    final List<Span> declined = new ArrayList<>();
    final List<Scope> scopes = new ArrayList<>();
    final List<Binding> bindings = new ArrayList<>();
    final List<String[]> warnings = new ArrayList<>();
    String context;

    AnalyzerOutput(AnalyzerInput in, RuleScan rules, long maxDecoded) {
        this.in = in;
        this.rules = rules;
        this.maxDecoded = maxDecoded;
    }

    /** Says what kind of file this is ({@code ci}, {@code iac}, {@code k8s}, {@code container}, {@code config}); the first analyzer to say wins. */
    public void context(String kind) {
        if (context == null) {
            context = kind;
        }
    }

    /**
     * Reports {@code value} when {@code name} is a credential's name and the value a literal scalar; a
     * tagged scalar ({@code !vault}, {@code !Ref}...) is marked non-literal instead, and so is a path
     * or URL under a name that points at a credential ({@code PASSWORD_FILE}, {@code TOKEN_URL}).
     *
     * @param key the value's path in the file, for the location's {@code key} detail
     * @return whether {@code name} is a credential's name
     */
    public boolean credential(AnalyzerRule kind, String name, String key, Tree value) {
        Category category = CredentialKeys.categoryOf(name);
        if (category == null) {
            if (value instanceof Tree.Scalar s && CredentialKeys.isPointer(name) && Literals.isLocation(s.value())) {
                // PASSWORD_FILE: /run/secrets/db, TOKEN_URL: https://...: where the credential is, not the credential
                nonLiteral(s.span());
            }
            return false;
        }
        if (value instanceof Tree.Scalar s) {
            literal(kind, category, key, s);
        }
        return true;
    }

    /** Reports a scalar of a known category (a NoEcho default, a sensitive state value...) if it is a literal. */
    public void literal(AnalyzerRule kind, Category category, String key, Tree.Scalar value) {
        if (value.tag() != null) {
            nonLiteral(value.span());
            return;
        }
        if (value.kind() == Tree.Kind.NULL || value.kind() == Tree.Kind.BOOLEAN) {
            return;
        }
        literal(kind, category, key, value.value(), value.span());
    }

    /** Reports a literal value written somewhere inside {@code span} of the file (e.g. the V of a {@code K=V} item). */
    public void literal(AnalyzerRule kind, Category category, String key, String value, Span span) {
        Literals.Verdict v = Literals.judge(value, category);
        if (v == null) {
            return;
        }
        candidates.add(new Candidate(kind.rule(category), new SecretValue(value.strip()), v.confidence(),
                attributes(v), span, true, details(key, null), false));
    }

    /**
     * Reports decoded content found at {@code span}: it is scanned with the rules, and when no rule
     * matches and {@code fallback} is not null the whole content is reported as a credential of that
     * category (a value under a credential's key in a Secret is a secret whatever its shape).
     */
    public void decoded(AnalyzerRule kind, Category fallback, String key, byte[] content, Span span, String encoding) {
        List<Finding> hits = rules.scan(content);
        SortedMap<String, Object> details = details(key, encoding);
        for (Finding f : hits) {
            candidates.add(new Candidate(f.rule(), f.secret(), f.confidence(), f.attributes(), span, false, details, true));
        }
        if (hits.isEmpty() && fallback != null && isText(content)) {
            String value = new String(content, StandardCharsets.UTF_8);
            Literals.Verdict v = Literals.judge(value, fallback);
            if (v != null) {
                candidates.add(new Candidate(kind.rule(fallback), new SecretValue(value.strip()), v.confidence(),
                        attributes(v), span, false, details, true));
            }
        }
    }

    /** Decodes a base64 scalar (whitespace ignored) and reports it as {@link #decoded}; a value that is not base64 is left to the rules. */
    public void base64(AnalyzerRule kind, Category fallback, String key, Tree.Scalar value) {
        byte[] bytes = decodeBase64(value.value(), maxDecoded);
        if (bytes != null) {
            decoded(kind, fallback, key, bytes, value.span(), "base64");
        }
    }

    /**
     * Records that {@code name} (a credential held elsewhere) is consumed at {@code span}. The span
     * holds a name, not a secret: it is also marked {@linkplain #nonLiteral non-literal}.
     */
    public void reference(String kind, String name, Span span, String key) {
        if (name == null || name.isBlank() || name.length() > 512 || name.contains("{{")) {
            return;
        }
        references.add(new Reference(kind, name.strip(), span, details(key, null)));
        nonLiteral(span);
    }

    /** Marks a span that holds no literal (an expression, a reference, a ciphertext): a generic rule's hit starting in it is dropped. */
    public void nonLiteral(Span span) {
        nonLiterals.add(span);
    }

    /**
     * Marks a value the format's parser read and found to be no secret (an anonymous FTP login's
     * e-mail address): every rule that yields to the parser (the generic rules and the credential-file
     * format rules) drops its hit starting in it; a provider rule's hit stays.
     */
    public void declined(Span span) {
        declined.add(span);
    }

    /** Names the resource that spans {@code span} and its owner (either may be null) for everything found inside. */
    public void scope(Span span, String resource, Owner owner) {
        if (resource == null && owner == null) {
            return;
        }
        TreeMap<String, Object> d = new TreeMap<>();
        if (resource != null) {
            d.put(RESOURCE, resource);
        }
        scopes.add(new Scope(span, d, owner));
    }

    /**
     * Reports {@code value} as a credential of {@code category} with the confidence the format states
     * (a ciphertext is {@code low}, an unencrypted key file {@code high}), unless it is a placeholder,
     * a reference or empty. {@code attributes} (e.g. {@code encrypted: true}) go to the finding as they are.
     */
    public void stated(AnalyzerRule kind, Category category, String key, String value, Span span, Confidence confidence,
                       java.util.Map<String, String> attributes) {
        String v = value == null ? "" : value.strip();
        if (v.isEmpty() || v.length() > Literals.MAX_LENGTH * 8 || dev.sprawl.detect.Placeholders.isPlaceholder(v)
                || dev.sprawl.detect.Placeholders.isCredentialName(v)) {
            return;
        }
        candidates.add(new Candidate(kind.rule(category), new SecretValue(v), confidence, new TreeMap<>(attributes), span,
                true, details(key, null), false));
    }

    /**
     * Binds the identities named by a record (a {@code .netrc} machine entry, a profile block, an XML
     * element, a JSON object) to every finding that starts inside {@code span}, the record's extent:
     * each such location gets them under {@value Identity#DETAIL}. An identity whose value is the
     * finding's secret itself is left out of that finding; nulls are ignored.
     */
    public void identify(Span span, List<Identity> identities) {
        List<Identity> ids = identities.stream().filter(java.util.Objects::nonNull).distinct().toList();
        if (!ids.isEmpty()) {
            bindings.add(new Binding(span, ids));
        }
    }

    /**
     * An identity of {@code kind} written at character {@code offset} of this file, or null when the
     * value is blank, longer than {@value #MAX_IDENTITY} characters, a placeholder or a reference.
     */
    public Identity identity(String kind, String value, int offset) {
        if (value == null) {
            return null;
        }
        String v = value.strip();
        if (v.isEmpty() || v.length() > MAX_IDENTITY || v.equals("*") || v.contains("${") || v.contains("{{")
                || v.indexOf('\n') >= 0) {
            return null;
        }
        return new Identity(kind, v, in.text().line(Math.max(0, Math.min(offset, in.text().length()))));
    }

    /** Longest identity value kept. */
    public static final int MAX_IDENTITY = 256;

    /** A problem with this file that hides nothing (the text scan still covered it). */
    public void warning(String code, String message) {
        warnings.add(new String[] {code, message});
    }

    /** The file being analyzed. */
    public AnalyzerInput input() {
        return in;
    }

    /** Base64 (standard or URL-safe alphabet, whitespace ignored), or null when the text is not base64 or decodes beyond {@code max} bytes. */
    static byte[] decodeBase64(String s, long max) {
        StringBuilder sb = new StringBuilder(s.length());
        boolean urlSafe = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == ' ' || c == '\n' || c == '\r' || c == '\t') {
                continue;
            }
            if (c == '-' || c == '_') {
                urlSafe = true;
            } else if (!(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '+' || c == '/'
                    || c == '=')) {
                return null;
            }
            sb.append(c);
        }
        if (sb.length() == 0 || (long) sb.length() * 3 / 4 > max) {
            return null;
        }
        try {
            return (urlSafe ? Base64.getUrlDecoder() : Base64.getDecoder()).decode(sb.toString());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static boolean isText(byte[] b) {
        for (byte x : b) {
            if (x == 0) {
                return false;
            }
        }
        return StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(b), java.nio.CharBuffer.allocate(b.length), true)
                .isUnderflow();
    }

    private static SortedMap<String, String> attributes(Literals.Verdict v) {
        TreeMap<String, String> a = new TreeMap<>();
        if (v.weak()) {
            a.put("strength", "weak");
        }
        return a;
    }

    private static SortedMap<String, Object> details(String key, String encoding) {
        TreeMap<String, Object> d = new TreeMap<>();
        if (key != null && !key.isEmpty()) {
            d.put(KEY, key.length() > 300 ? key.substring(0, 300) + "…" : key);
        }
        if (encoding != null) {
            d.put(ENCODING, encoding);
        }
        return d;
    }
}
