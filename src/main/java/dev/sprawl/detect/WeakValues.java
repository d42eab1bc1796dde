package dev.sprawl.detect;

import java.util.regex.Pattern;

/**
 * What a generic rule caught besides secrets. Values that are plausibly, but unlikely, secrets —
 * names of variables or constants, property paths, file paths, plain words, phrases — are
 * {@linkplain #isWeak weak}: reported with low confidence, never dropped. A URL without credentials,
 * a route, or the name repeated as the value are {@linkplain #isNotSecret not secrets} at all.
 */
public final class WeakValues {

    private static final Pattern IDENTIFIER_PATH = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]*(?:[.:][A-Za-z_$][A-Za-z0-9_$]*)+");
    private static final Pattern CONSTANT = Pattern.compile("[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+");
    /**
     * Words: letters only, in runs of three or more lower-case or UPPER-case letters, or Capitalised words,
     * optionally joined by - _ . ({@code quoted-string}, {@code CorrectHorse}, {@code current_token}).
     * Random letters switch case too often to split that way.
     */
    private static final Pattern WORD = Pattern.compile(
            "(?:[a-z]{3,}|[A-Z][a-z]{2,}|[A-Z]{3,})(?:[-_.]?(?:[A-Z][a-z]{2,}|[a-z]{3,}|[A-Z]{3,}))*");
    private static final Pattern PATH_OR_URL = Pattern.compile("(?:\\.{0,2}/|~/|[A-Za-z][A-Za-z0-9+.-]{1,15}://).*");
    private static final Pattern URL_WITHOUT_CREDENTIALS = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]{1,15}://[^@\\s]*");
    private static final Pattern WHITESPACE = Pattern.compile(".*\\s.*");
    /** A shell, PHP or Perl variable inside the value: the literal is not what gets used. */
    private static final Pattern INTERPOLATION = Pattern.compile(".*\\$[A-Za-z_{].*");
    /** A relative lower-case path or route: {@code cms/sites/passwords#edit}, {@code config/secrets.yml}. */
    private static final Pattern ROUTE = Pattern.compile("[a-z0-9_.-]{1,64}(?:/[a-z0-9_.@-]{1,64})+(?:#[a-z_]{1,40})?");

    /**
     * An e-mail address or a name ending in {@code @}: the identity that anonymous FTP and similar
     * guest logins take in the password slot ({@code busybox@}, {@code ftp@example.org}).
     */
    private static final Pattern ANONYMOUS_LOGIN = Pattern.compile(
            "[A-Za-z0-9._+-]{1,64}@(?:[A-Za-z0-9-]{1,63}(?:\\.[A-Za-z0-9-]{1,63})*\\.[A-Za-z]{2,24})?");

    private WeakValues() {
    }

    public static boolean isWeak(String value) {
        return IDENTIFIER_PATH.matcher(value).matches() || CONSTANT.matcher(value).matches()
                || WORD.matcher(value).matches()
                || PATH_OR_URL.matcher(value).matches() || WHITESPACE.matcher(value).matches()
                || INTERPOLATION.matcher(value).matches();
    }

    /**
     * True for values a generic rule caught that are not secrets: a URL without credentials, a
     * relative route or path, an anonymous login's e-mail identity, or the name itself repeated as the
     * value ({@code password = "password"}, a form field name) — {@code keywords} are the rule's keywords.
     */
    public static boolean isNotSecret(String value, java.util.List<String> keywords) {
        for (String k : keywords) {
            if (k.equalsIgnoreCase(value)) {
                return true;
            }
        }
        return URL_WITHOUT_CREDENTIALS.matcher(value).matches() || ROUTE.matcher(value).matches()
                || ANONYMOUS_LOGIN.matcher(value).matches();
    }

    /**
     * True when an unquoted {@code value} holds a variable reference ({@code password = pre$fix}):
     * in the shells, env files, Makefiles and compose files where values go unquoted, that part is
     * replaced before use, so the literal is not the credential.
     */
    static boolean isInterpolatedUnquoted(String value, boolean quoted) {
        return !quoted && INTERPOLATION.matcher(value).matches();
    }
}
