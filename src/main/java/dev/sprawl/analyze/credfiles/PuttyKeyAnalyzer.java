package dev.sprawl.analyze.credfiles;

import dev.sprawl.analyze.AnalyzerInput;
import dev.sprawl.analyze.AnalyzerOutput;
import dev.sprawl.analyze.AnalyzerRule;
import dev.sprawl.analyze.Span;
import dev.sprawl.classify.Identity;
import dev.sprawl.rules.Category;
import dev.sprawl.rules.Confidence;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.TreeMap;

/**
 * PuTTY private key files ({@code .ppk}, format 2 and 3), confirmed by their first line
 * {@code PuTTY-User-Key-File-N: TYPE} (under other names the private-key rule still finds the block). The whole key block (header to
 * {@code Private-MAC}) is the secret: {@code high} with {@code Encryption: none}, {@code low} when the
 * private lines are encrypted ({@code aes256-cbc}; attributes {@code encrypted}, {@code encryption},
 * {@code algorithm}); a file that states {@code Private-Lines: 0} holds no private key and is not
 * reported. Identity (key id): the {@code Comment} and the public key's SHA-256 fingerprint
 * ({@code SHA256:…}, as {@code ssh-keygen -l} prints it).
 */
public final class PuttyKeyAnalyzer extends CredentialFile {

    private static final String MAGIC = "PuTTY-User-Key-File-";

    @Override
    public String id() {
        return "putty-key";
    }

    @Override
    public Fit fit(String path, String fileName) {
        return fileName.endsWith(".ppk") ? Fit.NAME : Fit.NO;
    }

    @Override
    public void analyze(AnalyzerInput in, AnalyzerOutput out) {
        String s = in.text().content();
        int start = s.indexOf(MAGIC);
        if (start < 0 || start > 16) {
            if (in.fileName().endsWith(".ppk") && !s.isBlank()) {
                out.warning("credential-file-malformed", "putty-key: no PuTTY-User-Key-File header; the text was still scanned");
            }
            return;
        }
        String type = null;
        String encryption = null;
        String comment = null;
        int commentAt = start;
        StringBuilder pub = new StringBuilder();
        int end = -1;
        int at = start;
        int publicLines = 0;
        int privateLines = -1;
        while (at < s.length()) {
            int nl = s.indexOf('\n', at);
            int e = nl < 0 ? s.length() : nl;
            String line = s.substring(at, e).strip();
            int colon = line.indexOf(": ");
            if (publicLines > 0) {
                pub.append(line);
                publicLines--;
            } else if (colon > 0) {
                String k = line.substring(0, colon);
                String v = line.substring(colon + 2).strip();
                if (k.startsWith(MAGIC)) {
                    type = v;
                } else if (k.equals("Encryption")) {
                    encryption = v;
                } else if (k.equals("Comment")) {
                    comment = v;
                    commentAt = at;
                } else if (k.equals("Public-Lines")) {
                    publicLines = v.matches("\\d{1,3}") ? Integer.parseInt(v) : 0;
                } else if (k.equals("Private-Lines")) {
                    privateLines = v.matches("\\d{1,3}") ? Integer.parseInt(v) : 0;
                } else if (k.equals("Private-MAC")) {
                    end = at + s.substring(at, e).stripTrailing().length();
                    break;
                }
            }
            at = e + 1;
        }
        if (type == null || encryption == null || end < 0) {
            if (in.fileName().endsWith(".ppk")) {
                out.warning("credential-file-malformed", "putty-key: incomplete key file; the text was still scanned");
            }
            return;
        }
        if (privateLines == 0) {
            // a key file without private lines (a public half, a template): nothing secret in it
            return;
        }
        out.context(CONTEXT);
        Span block = new Span(start, end);
        new Ids(out).add(Identity.KEY_ID, comment, commentAt).add(Identity.KEY_ID, fingerprint(pub.toString()), start)
                .bind(block);
        boolean encrypted = !encryption.equals("none");
        TreeMap<String, String> attributes = new TreeMap<>();
        attributes.put("algorithm", type);
        attributes.put("encrypted", Boolean.toString(encrypted));
        if (encrypted) {
            attributes.put("encryption", encryption);
        }
        out.stated(AnalyzerRule.PUTTY_KEY, Category.PRIVATE_KEY, "PuTTY-User-Key-File", s.substring(start, end), block,
                encrypted ? Confidence.LOW : Confidence.HIGH, attributes);
    }

    /** {@code SHA256:} and the unpadded base64 of the SHA-256 of the public key blob, or null. */
    static String fingerprint(String publicBase64) {
        try {
            byte[] blob = Base64.getDecoder().decode(publicBase64);
            if (blob.length == 0) {
                return null;
            }
            byte[] d = MessageDigest.getInstance("SHA-256").digest(blob);
            return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(d);
        } catch (IllegalArgumentException | NoSuchAlgorithmException e) {
            return null;
        }
    }
}
