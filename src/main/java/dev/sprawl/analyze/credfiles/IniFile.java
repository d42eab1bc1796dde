package dev.sprawl.analyze.credfiles;

import dev.sprawl.analyze.AnalyzerInput;
import dev.sprawl.analyze.AnalyzerOutput;
import dev.sprawl.analyze.AnalyzerRule;
import dev.sprawl.analyze.CredentialKeys;
import dev.sprawl.rules.Category;
import java.util.List;
import java.util.Map;

/**
 * A credential file of INI or properties shape, described by data: which keys hold secrets (and of
 * which category), which keys name the identity in the same section, and whether any other
 * credential-named key ({@link CredentialKeys}) counts too. Each section is one record: its
 * identities are bound to every finding inside it, and a named section becomes the findings'
 * {@code resource}.
 */
abstract class IniFile extends CredentialFile {

    private final String id;
    private final AnalyzerRule rule;
    private final boolean colon;
    private final boolean space;
    private final Map<String, Category> secrets;
    private final Map<String, String> identities;
    private final boolean credentialNames;

    IniFile(String id, AnalyzerRule rule, boolean colon, boolean space, Map<String, Category> secrets,
            Map<String, String> identities, boolean credentialNames) {
        this.id = id;
        this.rule = rule;
        this.colon = colon;
        this.space = space;
        this.secrets = secrets;
        this.identities = identities;
        this.credentialNames = credentialNames;
    }

    @Override
    public final String id() {
        return id;
    }

    /** Whether the content is this format (cheap text tests before parsing). */
    abstract boolean claims(String content);

    /** The resource a section names, or null. */
    String resource(Ini.Section s) {
        return s.name().isEmpty() ? null : "[" + s.name() + "]";
    }

    /** Identities a section names beyond the keys of the table (a default host...). */
    void moreIdentities(Ini.Section s, Ids ids) {
    }

    @Override
    public void analyze(AnalyzerInput in, AnalyzerOutput out) {
        String content = in.text().content();
        if (!claims(content)) {
            if (fit(in.path(), in.fileName()) == Fit.NAME && !content.isBlank() && !looksLikeIni(content)) {
                out.warning("credential-file-malformed", id + ": not the " + id + " format; the text was still scanned");
            }
            return;
        }
        out.context(CONTEXT);
        for (Ini.Section s : Ini.parse(in.text(), colon, space)) {
            section(s, out);
        }
    }

    void section(Ini.Section s, AnalyzerOutput out) {
        Ids ids = new Ids(out);
        identities.forEach((key, kind) -> ids.addIni(s, key, kind));
        moreIdentities(s, ids);
        ids.bind(s.span());
        String resource = resource(s);
        if (resource != null) {
            out.scope(s.span(), resource, null);
        }
        for (Ini.Entry e : s.entries()) {
            String k = e.lowerKey();
            Category c = secrets.get(k);
            if (c == null && credentialNames && !identities.containsKey(k)) {
                c = CredentialKeys.categoryOf(e.key());
            }
            if (c != null) {
                report(s, e, c, out);
            }
        }
    }

    /** Reports one secret entry (judged as a literal: placeholders, references and empty values are not reported). */
    void report(Ini.Section s, Ini.Entry e, Category c, AnalyzerOutput out) {
        out.literal(rule, c, s.name().isEmpty() ? e.key() : s.name() + "." + e.key(), e.value(), e.valueSpan());
    }

    AnalyzerRule rule() {
        return rule;
    }

    private static boolean looksLikeIni(String content) {
        List<Ini.Section> s = Ini.parse(new dev.sprawl.analyze.Text(content), true, false);
        return s.stream().anyMatch(x -> !x.entries().isEmpty());
    }
}
