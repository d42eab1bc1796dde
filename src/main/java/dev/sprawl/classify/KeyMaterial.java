package dev.sprawl.classify;

import dev.sprawl.classify.Der.Malformed;
import dev.sprawl.rules.Category;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Reads what a secret's own material says about it, offline and without any key: private keys
 * (algorithm, size, encrypted), X.509 certificates (subject, issuer, serial, validity, self-signed,
 * key), JWT claims and AWS account ids. Material that should parse but does not (a PEM body that is
 * not a key, a JWT whose header is not JSON) is marked {@code structure: invalid}, which lowers the
 * finding's confidence: such text is more often a truncated sample or a fake than a live secret.
 */
final class KeyMaterial {

    /** The attributes read and whether the material was found malformed. */
    record Result(SortedMap<String, String> attributes, boolean invalid) {
        static final Result NONE = new Result(new TreeMap<>(), false);
    }

    private KeyMaterial() {
    }

    static Result describe(Category category, String secret) {
        try {
            if (category == Category.PRIVATE_KEY || category == Category.CERTIFICATE) {
                return keyOrCertificate(secret);
            }
            if (Jwts.looksLikeJwt(secret)) {
                SortedMap<String, String> a = Jwts.describe(secret);
                return a == null ? invalid() : new Result(a, false);
            }
            String account = AwsKeyIds.accountId(secret);
            if (account != null) {
                SortedMap<String, String> a = new TreeMap<>();
                a.put("awsAccountId", account);
                return new Result(a, false);
            }
            return Result.NONE;
        } catch (Malformed | RuntimeException e) {
            return invalid(); // hostile or truncated material must never stop a scan
        }
    }

    private static Result keyOrCertificate(String secret) throws Malformed {
        if (secret.startsWith("PuTTY-User-Key-File-")) {
            return new Result(SshKeys.putty(secret), false);
        }
        if (!secret.contains("BEGIN") && !secret.startsWith("LS0tLS1CRUdJTi")) {
            return Result.NONE; // e.g. a key in some other encoding: nothing to read
        }
        Pem pem = Pem.parse(secret);
        if (pem == null) {
            return invalid();
        }
        String label = pem.label();
        if (label.endsWith("CERTIFICATE")) {
            SortedMap<String, String> a = Certificates.describe(pem.body());
            return a == null ? invalid() : new Result(a, false);
        }
        if (label.equals("OPENSSH PRIVATE KEY")) {
            return new Result(SshKeys.openssh(pem.body()), false);
        }
        if (label.startsWith("PGP ")) {
            return new Result(PgpKeys.describe(pem.body()), false);
        }
        if (label.startsWith("SSH2 ENCRYPTED")) {
            SortedMap<String, String> a = new TreeMap<>();
            a.put("encrypted", "true");
            return new Result(a, false);
        }
        if (label.endsWith("PRIVATE KEY")) {
            return new Result(PrivateKeys.describe(pem), false);
        }
        return Result.NONE;
    }

    private static Result invalid() {
        SortedMap<String, String> a = new TreeMap<>();
        a.put("structure", "invalid");
        return new Result(a, true);
    }
}
