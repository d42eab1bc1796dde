package dev.sprawl.analyze.credfiles;

import dev.sprawl.analyze.AnalyzerInput;
import dev.sprawl.analyze.AnalyzerOutput;

/** An XML credential file: parsed with {@link Xml} once its content names the format; a parse failure is a warning when the name claims the format. */
abstract class XmlFile extends CredentialFile {

    /** Cheap text test before parsing. */
    abstract boolean claims(String content);

    abstract void root(Xml.Element root, AnalyzerInput in, AnalyzerOutput out);

    @Override
    public final void analyze(AnalyzerInput in, AnalyzerOutput out) {
        if (!claims(in.text().content())) {
            return;
        }
        Xml.Element root;
        try {
            root = Xml.parse(in.text());
        } catch (Xml.Malformed e) {
            if (fit(in.path(), in.fileName()) == Fit.NAME) {
                out.warning("credential-file-malformed", id() + ": " + e.getMessage() + "; the text was still scanned");
            }
            return;
        }
        out.context(CONTEXT);
        root(root, in, out);
    }
}
