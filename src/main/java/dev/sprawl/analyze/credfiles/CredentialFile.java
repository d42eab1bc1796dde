package dev.sprawl.analyze.credfiles;

import dev.sprawl.analyze.Analyzer;
import java.util.Locale;

/**
 * What the credential-file analyzers share: the context they give their files ({@code config}) and
 * path tests. Each format is its own small analyzer; the name picks the parser, the content confirms
 * the format before anything is reported.
 */
abstract class CredentialFile implements Analyzer {

    static final String CONTEXT = "config";

    /** True when {@code path} ends with {@code suffix} at a segment boundary ({@code .aws/credentials}). */
    static boolean endsWith(String path, String suffix) {
        String p = path.toLowerCase(Locale.ROOT);
        return p.equals(suffix) || p.endsWith("/" + suffix) || p.endsWith("!" + suffix);
    }
}
