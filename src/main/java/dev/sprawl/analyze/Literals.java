package dev.sprawl.analyze;

import dev.sprawl.detect.Entropy;
import dev.sprawl.detect.Placeholders;
import dev.sprawl.rules.Category;
import dev.sprawl.rules.Confidence;
import java.util.regex.Pattern;

/**
 * Whether a value found under a credential's key is a literal secret, and how sure we are. Not
 * literal (nothing reported): placeholders and references ({@code ${X}}, {@code $(X)},
 * {@code {{ x }}}, {@code <x>}, {@code changeme}... as for rules; the name of a credential field such as
 * {@code password} under a password key), empty or shorter than
 * {@value #MIN_LENGTH} characters, file paths, URLs without credentials, ARNs, and multi-line text
 * that is not a PEM block (a file's content, scanned by the rules instead). Confidence follows
 * entropy: {@code high} from {@value #HIGH_LENGTH} characters and {@value #HIGH_ENTROPY} bits per
 * character, {@code low} (weak) for names, words, paths of identifiers, short or low-entropy values,
 * {@code medium} otherwise.
 */
public final class Literals {

    /** Shortest value reported as a literal credential. */
    public static final int MIN_LENGTH = 6;
    /** Longest value reported as one credential (longer values are documents, left to the rules). */
    public static final int MAX_LENGTH = 8192;
    static final int HIGH_LENGTH = 12;
    static final double HIGH_ENTROPY = 3.0;
    static final double WEAK_ENTROPY = 2.5;
    static final int WEAK_LENGTH = 8;

    private static final Pattern PATH = Pattern.compile("(?:\\.{0,2}/|~/|file:|[A-Za-z]:\\\\)\\S*");
    private static final Pattern URL = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]{1,20}://[^@/\\s]*(?:[/?#]\\S*)?");
    private static final Pattern CREDENTIAL_IN_CONNECTION = Pattern.compile(
            "(?i)(?:://[^/@\\s]+@|(?:password|pwd|accountkey|sharedaccesskey|sharedaccesssignature)\\s*=)");
    private static final Pattern WEAK = Pattern.compile(
            "[A-Za-z_$][A-Za-z0-9_$]*(?:[.:][A-Za-z_$][A-Za-z0-9_$]*)+"      // property paths
                    + "|[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+"                        // CONSTANT_NAMES
                    + "|[a-z]+(?:[-_][a-z]+)*|[A-Z][a-z]+|[a-z]+(?:[A-Z][a-z]+)+"); // words, kebab-case, camelCase

    /** A literal's verdict: its confidence and whether it is weak ({@code attributes.strength: weak}). */
    public record Verdict(Confidence confidence, boolean weak) {
    }

    private Literals() {
    }

    /** The verdict for {@code value} as a credential of {@code category}, or null when it is not a literal. */
    public static Verdict judge(String value, Category category) {
        if (value == null) {
            return null;
        }
        String v = value.strip();
        if (v.length() < MIN_LENGTH || v.length() > MAX_LENGTH || Placeholders.isPlaceholder(v)
                || Placeholders.isCredentialName(v)) {
            return null;
        }
        boolean pem = v.startsWith("-----BEGIN ");
        if (v.indexOf('\n') >= 0 && !pem) {
            return null;
        }
        if (category == Category.CONNECTION_STRING) {
            return CREDENTIAL_IN_CONNECTION.matcher(v).find() ? strength(v) : null;
        }
        if (v.startsWith("arn:") || PATH.matcher(v).matches() || URL.matcher(v).matches()) {
            return null;
        }
        if (pem) {
            return new Verdict(Confidence.HIGH, false);
        }
        return strength(v);
    }

    /** True when {@code value} is a file path, a URL without credentials or an ARN: where a secret is, not the secret. */
    public static boolean isLocation(String value) {
        String v = value.strip();
        return v.startsWith("arn:") || PATH.matcher(v).matches() || URL.matcher(v).matches();
    }

    private static Verdict strength(String v) {
        double entropy = Entropy.of(v);
        if (v.length() < WEAK_LENGTH || entropy < WEAK_ENTROPY || WEAK.matcher(v).matches()) {
            return new Verdict(Confidence.LOW, true);
        }
        if (v.length() >= HIGH_LENGTH && entropy >= HIGH_ENTROPY) {
            return new Verdict(Confidence.HIGH, false);
        }
        return new Verdict(Confidence.MEDIUM, false);
    }
}
