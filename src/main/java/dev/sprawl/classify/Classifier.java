package dev.sprawl.classify;

import dev.sprawl.detect.Match;
import dev.sprawl.rules.Confidence;
import dev.sprawl.rules.Rule;
import dev.sprawl.rules.Validators;
import dev.sprawl.source.Blob;
import dev.sprawl.source.Provenance;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Turns matches into findings: a location for each place the blob was found (line and column from
 * the bytes), offline validation, what the key material says about itself ({@link KeyMaterial}),
 * and the confidence model:
 * <ul>
 *   <li>start from the rule's confidence ({@code high} unless the rule says otherwise);</li>
 *   <li>a weak value (under the rule's {@code minEntropy}; for generic rules also a name, path or
 *       plain word) is {@code low} ({@code attributes.strength: weak});</li>
 *   <li>a failing offline checksum lowers one level ({@code attributes.checksum: invalid});</li>
 *   <li>key material that should parse but does not lowers one level
 *       ({@code attributes.structure: invalid}, see {@link KeyMaterial});</li>
 *   <li>a generic rule's hit in a test or docs file lowers one level.</li>
 * </ul>
 */
public final class Classifier {

    private Classifier() {
    }

    public static List<Finding> classify(Blob blob, List<Match> matches) {
        List<Finding> out = new ArrayList<>();
        if (matches.isEmpty()) {
            return out;
        }
        LineCounter lines = new LineCounter(blob.data(), blob.length());
        for (Match m : matches) {
            Rule rule = m.rule();
            SortedMap<String, String> attributes = new TreeMap<>(m.attributes());
            Confidence confidence = m.confidence() != null ? m.confidence() : rule.confidence();
            if (m.weak()) {
                confidence = Confidence.LOW;
                attributes.put("strength", "weak");
            }
            if (rule.validate() != null) {
                boolean valid = Validators.check(rule.validate(), m.secret().reveal());
                attributes.put("checksum", valid ? "valid" : "invalid");
                if (!valid) {
                    confidence = confidence.lower();
                }
            }
            KeyMaterial.Result material = KeyMaterial.describe(rule.category(), m.secret().reveal());
            attributes.putAll(material.attributes());
            if (material.invalid()) {
                confidence = confidence.lower();
            }
            int line = lines.lineOf(m.start());
            int column = lines.columnOf(m.start());
            boolean allowed = AllowComment.onLines(blob.data(), blob.length(), m.start(), m.end());
            List<Identity> identities = IdentityBinder.identities(blob.data(), blob.length(), m, lines);
            for (Provenance p : blob.provenances()) {
                String forced = p.forcedContext();
                String context = forced != null ? forced : PathContext.guess(p.path());
                SortedMap<String, Object> details = p.locationDetails();
                if (!identities.isEmpty()) {
                    details = new TreeMap<>(details);
                    details.put(Identity.DETAIL, identities);
                }
                Confidence c = confidence;
                if (lowersInTestsAndDocs(rule) && (context.equals("test") || context.equals("docs"))) {
                    c = c.lower();
                }
                out.add(new Finding(rule, m.secret(), c, attributes,
                        new Location(p.source(), p.path(), line, column, context, details, allowed)));
            }
        }
        return out;
    }

    /**
     * Line and column of byte offsets, for offsets asked in increasing order (as matches are sorted):
     * both are counted incrementally, so many matches on one long line stay linear; an offset a little
     * before the last one (a match's identity) steps back by the distance.
     */
    static final class LineCounter {
        private final byte[] data;
        private final int length;
        private int pos;
        private int line = 1;
        private int lineStart;
        /** Column counting: characters in [lineStart, colPos) number colCount. */
        private int colPos;
        private int colCount;

        LineCounter(byte[] data, int length) {
            this.data = data;
            this.length = length;
        }

        int lineOf(int offset) {
            advance(offset);
            return line;
        }

        /** 1-based column in characters: UTF-8 continuation bytes do not count. */
        int columnOf(int offset) {
            advance(offset);
            if (colPos < lineStart || colPos > offset) {
                colPos = lineStart;
                colCount = 0;
            }
            for (; colPos < offset; colPos++) {
                if ((data[colPos] & 0xC0) != 0x80) {
                    colCount++;
                }
            }
            return colCount + 1;
        }

        private void advance(int offset) {
            if (offset < pos) {
                back(Math.max(offset, 0));
            }
            int end = Math.min(offset, length);
            for (; pos < end; pos++) {
                if (data[pos] == '\n') {
                    line++;
                    lineStart = pos + 1;
                }
            }
        }

        /**
         * Steps back to {@code offset}, uncounting the newlines passed: an identity a little before
         * its match costs the distance, not a recount from the start of the blob.
         */
        private void back(int offset) {
            boolean crossed = false;
            for (int p = pos - 1; p >= offset; p--) {
                if (data[p] == '\n') {
                    line--;
                    crossed = true;
                }
            }
            pos = offset;
            if (crossed) {
                int ls = offset;
                while (ls > 0 && data[ls - 1] != '\n') {
                    ls--;
                }
                lineStart = ls;
            }
        }
    }

    /**
     * Rules whose only evidence is a name or a file format's layout (the generic rules and the
     * credential-file format rules: a {@code .git-credentials} URL, an htpasswd hash) are one step less
     * sure in tests and documentation, where such lines are mostly fixtures and examples; a provider's
     * own format (a checksum, a prefix) is not.
     */
    public static boolean lowersInTestsAndDocs(dev.sprawl.rules.Rule rule) {
        return rule.isGeneric() || "credential-file".equals(rule.provider());
    }
}
