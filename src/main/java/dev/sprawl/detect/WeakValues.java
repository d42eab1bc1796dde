package dev.sprawl.detect;

import java.util.regex.Pattern;

/**
 * Values a generic rule caught that are plausibly, but unlikely, secrets: names of variables or
 * constants, property paths, file paths, URLs, plain words. They are reported with low confidence,
 * never dropped.
 */
final class WeakValues {

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

    private WeakValues() {
    }

    static boolean isWeak(String value) {
        return IDENTIFIER_PATH.matcher(value).matches() || CONSTANT.matcher(value).matches()
                || WORD.matcher(value).matches() || PATH_OR_URL.matcher(value).matches();
    }
}
