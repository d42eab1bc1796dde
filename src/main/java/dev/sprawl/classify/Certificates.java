package dev.sprawl.classify;

import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.DSAPublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.EdECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.interfaces.XECPublicKey;
import java.security.spec.NamedParameterSpec;
import java.util.Locale;
import java.util.SortedMap;
import java.util.TreeMap;
import javax.security.auth.x500.X500Principal;

/**
 * What an X.509 certificate says about itself, parsed with the JDK's {@link CertificateFactory}:
 * {@code subject}, {@code issuer} (RFC 2253), {@code serial} (hex), {@code notBefore},
 * {@code notAfter} (ISO-8601 instants), {@code selfSigned}, {@code keyAlgorithm}, {@code keySize}.
 * The inventory turns {@code notAfter} into {@code certificate-expired} / {@code certificate-expiring}.
 */
final class Certificates {

    /** Longest distinguished name kept in an attribute; longer ones are cut. */
    static final int MAX_NAME = 512;

    private Certificates() {
    }

    /** Attributes of the DER certificate {@code der}; null when it is not a certificate. */
    static SortedMap<String, String> describe(byte[] der) {
        X509Certificate cert;
        try {
            CertificateFactory f = CertificateFactory.getInstance("X.509");
            cert = (X509Certificate) f.generateCertificate(new ByteArrayInputStream(der));
        } catch (GeneralSecurityException | RuntimeException e) {
            return null;
        }
        return describe(cert);
    }

    static SortedMap<String, String> describe(X509Certificate cert) {
        SortedMap<String, String> a = new TreeMap<>();
        a.put("subject", cut(cert.getSubjectX500Principal().getName(X500Principal.RFC2253)));
        a.put("issuer", cut(cert.getIssuerX500Principal().getName(X500Principal.RFC2253)));
        a.put("serial", cert.getSerialNumber().toString(16));
        a.put("notBefore", cert.getNotBefore().toInstant().toString());
        a.put("notAfter", cert.getNotAfter().toInstant().toString());
        a.put("selfSigned", Boolean.toString(selfSigned(cert)));
        PublicKey key = cert.getPublicKey();
        a.put("keyAlgorithm", keyAlgorithm(key));
        int size = keySize(key);
        if (size > 0) {
            a.put("keySize", Integer.toString(size));
        }
        return a;
    }

    /** Subject equals issuer and the signature verifies with the certificate's own key. */
    private static boolean selfSigned(X509Certificate cert) {
        if (!cert.getSubjectX500Principal().equals(cert.getIssuerX500Principal())) {
            return false;
        }
        try {
            cert.verify(cert.getPublicKey());
            return true;
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    static String keyAlgorithm(PublicKey key) {
        if (key instanceof EdECPublicKey ed) {
            return ed.getParams().getName();
        }
        if (key instanceof XECPublicKey x && x.getParams() instanceof NamedParameterSpec n) {
            return n.getName();
        }
        return key.getAlgorithm();
    }

    static int keySize(PublicKey key) {
        if (key instanceof RSAPublicKey rsa) {
            return rsa.getModulus().bitLength();
        }
        if (key instanceof ECPublicKey ec) {
            return ec.getParams().getCurve().getField().getFieldSize();
        }
        if (key instanceof DSAPublicKey dsa && dsa.getParams() != null) {
            return dsa.getParams().getP().bitLength();
        }
        String name = keyAlgorithm(key).toLowerCase(Locale.ROOT);
        if (name.contains("25519")) {
            return 256;
        }
        if (name.contains("448")) {
            return 448;
        }
        return -1;
    }

    private static String cut(String s) {
        StringBuilder sb = new StringBuilder();
        s.codePoints().limit(MAX_NAME).forEach(c -> sb.appendCodePoint(Character.isISOControl(c) ? '?' : c));
        return sb.toString();
    }
}
