package dev.sprawl;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;

/**
 * Key pairs and self-signed X.509 certificates made at test time. The JDK has no public certificate
 * builder, so this writes the DER of a minimal version 3 certificate itself (RFC 5280 section 4.1)
 * and signs it with the JDK's {@link Signature}.
 */
public final class TestCertificates {

    private static final DateTimeFormatter UTC_TIME = DateTimeFormatter.ofPattern("yyMMddHHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    private TestCertificates() {
    }

    public static KeyPair keyPair(String algorithm, int size) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance(algorithm);
            if (size > 0) {
                g.initialize(size);
            }
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A certificate for {@code CN=cn} signed by its own key, valid from {@code notBefore} to {@code notAfter}. */
    public static X509Certificate selfSigned(KeyPair keys, String cn, BigInteger serial, Instant notBefore,
                                             Instant notAfter) {
        return signed(keys, cn, keys, cn, serial, notBefore, notAfter);
    }

    /** A certificate for {@code subjectCn}'s key signed by {@code issuer}'s key under {@code issuerCn}. */
    public static X509Certificate signed(KeyPair subject, String subjectCn, KeyPair issuer, String issuerCn,
                                         BigInteger serial, Instant notBefore, Instant notAfter) {
        try {
            boolean ec = issuer.getPrivate().getAlgorithm().equals("EC");
            String sigAlg = ec ? "SHA256withECDSA" : "SHA256withRSA";
            byte[] algId = ec ? seq(oid("1.2.840.10045.4.3.2")) : seq(oid("1.2.840.113549.1.1.11"), new byte[] {5, 0});
            byte[] tbs = seq(
                    tlv(0xA0, integer(BigInteger.TWO)),
                    integer(serial),
                    algId,
                    name(issuerCn),
                    seq(time(notBefore), time(notAfter)),
                    name(subjectCn),
                    subject.getPublic().getEncoded());
            Signature s = Signature.getInstance(sigAlg);
            s.initSign(issuer.getPrivate());
            s.update(tbs);
            byte[] sig = s.sign();
            byte[] bits = new byte[sig.length + 1];
            System.arraycopy(sig, 0, bits, 1, sig.length);
            byte[] der = seq(tbs, algId, tlv(0x03, bits));
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new java.io.ByteArrayInputStream(der));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** PEM text of {@code der} under {@code label}, 64 characters a line. */
    public static String pem(String label, byte[] der) {
        String b64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN " + label + "-----\n" + b64 + "\n-----END " + label + "-----\n";
    }

    public static String pem(X509Certificate cert) {
        try {
            return pem("CERTIFICATE", cert.getEncoded());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    // --- a minimal DER writer ---

    public static byte[] seq(byte[]... parts) {
        return tlv(0x30, concat(parts));
    }

    public static byte[] tlv(int tag, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        int n = content.length;
        if (n < 0x80) {
            out.write(n);
        } else if (n < 0x100) {
            out.write(0x81);
            out.write(n);
        } else if (n < 0x10000) {
            out.write(0x82);
            out.write(n >> 8);
            out.write(n);
        } else {
            out.write(0x83);
            out.write(n >> 16);
            out.write(n >> 8);
            out.write(n);
        }
        out.writeBytes(content);
        return out.toByteArray();
    }

    public static byte[] integer(BigInteger v) {
        return tlv(0x02, v.toByteArray());
    }

    public static byte[] oid(String dotted) {
        String[] arcs = dotted.split("\\.");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(Integer.parseInt(arcs[0]) * 40 + Integer.parseInt(arcs[1]));
        for (int i = 2; i < arcs.length; i++) {
            long v = Long.parseLong(arcs[i]);
            byte[] tmp = new byte[10];
            int n = 0;
            do {
                tmp[n++] = (byte) (v & 0x7F);
                v >>>= 7;
            } while (v > 0);
            for (int j = n - 1; j >= 0; j--) {
                out.write(tmp[j] | (j > 0 ? 0x80 : 0));
            }
        }
        return tlv(0x06, out.toByteArray());
    }

    private static byte[] name(String cn) {
        byte[] atv = seq(oid("2.5.4.3"), tlv(0x0C, cn.getBytes(StandardCharsets.UTF_8)));
        return seq(tlv(0x31, atv));
    }

    private static byte[] time(Instant t) {
        return tlv(0x17, UTC_TIME.format(t).getBytes(StandardCharsets.US_ASCII));
    }

    public static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
