package dev.sprawl.rules;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The built-in detection engines a rule can name with {@code engine:} instead of a {@code pattern}:
 * Java code for what a regex cannot say well (the detect stage implements them). Here: their names,
 * default keywords and bounds, so rule files can be checked without the engines.
 */
public final class Engines {

    /** Credential-named values bound by any common syntax ({@code dev.sprawl.detect.names}). */
    public static final String CREDENTIAL_NAMES = "credential-names";
    /** Credentials in URL userinfo, with unescaped special characters. */
    public static final String URL_CREDENTIALS = "url-credentials";

    /** How far before a keyword an engine match can start: the longest credential name. */
    public static final int NAME_LEAD = 96;
    /** The longest text an engine match spans: name, binding and value. */
    public static final int NAME_WIDTH = 1024;
    /** How far before {@code ://} a URL credential can start (the scheme). */
    public static final int URL_LEAD = 40;
    /** The longest URL authority an engine reads. */
    public static final int URL_WIDTH = 600;

    /** A pattern that never matches: engine rules find their matches in code. */
    public static final Pattern NEVER = Pattern.compile("(?<secret>(?!))");

    private static final Map<String, int[]> BOUNDS = Map.of(
            CREDENTIAL_NAMES, new int[] {NAME_WIDTH, NAME_LEAD},
            URL_CREDENTIALS, new int[] {URL_WIDTH, URL_LEAD});

    private Engines() {
    }

    public static boolean isKnown(String engine) {
        return BOUNDS.containsKey(engine);
    }

    public static List<String> names() {
        return BOUNDS.keySet().stream().sorted().toList();
    }

    /** {width, keyword lead} of an engine. */
    static int[] bounds(String engine) {
        return BOUNDS.get(engine);
    }
}
