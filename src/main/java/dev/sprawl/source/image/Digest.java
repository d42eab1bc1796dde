package dev.sprawl.source.image;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.Provider;
import java.security.Security;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Content digests ({@code sha256:} + 64 lowercase hex, {@code sha512:} + 128). Digests come from
 * untrusted manifests: only valid ones are ever turned into a blob path or a URL.
 */
public final class Digest {

    private static final Pattern VALID = Pattern.compile("sha256:[0-9a-f]{64}|sha512:[0-9a-f]{128}");

    private Digest() {
    }

    public static boolean valid(String digest) {
        return digest != null && VALID.matcher(digest).matches();
    }

    public static String algorithm(String digest) {
        return digest.substring(0, digest.indexOf(':'));
    }

    public static String hex(String digest) {
        return digest.substring(digest.indexOf(':') + 1);
    }

    /** A hasher for a valid digest's algorithm. */
    public static MessageDigest hasher(String digest) {
        try {
            return MessageDigest.getInstance(javaName(digest));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A hasher for a whole layer's bytes (hundreds of MiB): the JDK's own native provider when this JDK
     * has one that works, else {@link #hasher}. The launcher runs the JVM with the C1 compiler only,
     * and C1 has no SHA intrinsics: the Java SHA-256 then runs at ~130 MiB/s, an eighth of a scan's
     * CPU time on a gzip'd image, where the native one (NSS, through the JDK's SunPKCS11 provider
     * and the configuration the JDK ships) runs at over 1.5 GiB/s.
     */
    public static MessageDigest streamHasher(String digest) {
        Provider p = Native.PROVIDER;
        if (p != null) {
            try {
                return MessageDigest.getInstance(javaName(digest), p);
            } catch (NoSuchAlgorithmException | RuntimeException e) {
                // the native token lacks it: the Java one below
            }
        }
        return hasher(digest);
    }

    private static String javaName(String digest) {
        return algorithm(digest).equals("sha512") ? "SHA-512" : "SHA-256";
    }

    /**
     * The JDK's PKCS#11 provider configured with its own NSS configuration, made once on first use; null
     * when this JDK has none or it does not work here (no NSS library, a token that fails the test
     * vector). Never added to the JVM's provider list: only these hashers use it.
     */
    private static final class Native {
        static final Provider PROVIDER = load();

        private static Provider load() {
            if (Boolean.getBoolean("sprawl.noNativeDigest")) {
                return null;
            }
            try {
                Path cfg = Path.of(System.getProperty("java.home"), "conf", "security", "nss.cfg");
                Provider base = Security.getProvider("SunPKCS11");
                if (base == null || !Files.isRegularFile(cfg)) {
                    return null;
                }
                Provider p = base.configure(cfg.toString());
                byte[] probe = new byte[1000];
                for (int i = 0; i < probe.length; i++) {
                    probe[i] = (byte) (i * 31 + 7);
                }
                for (String alg : new String[] {"SHA-256", "SHA-512"}) {
                    byte[] mine = MessageDigest.getInstance(alg).digest(probe);
                    byte[] theirs = MessageDigest.getInstance(alg, p).digest(probe);
                    if (!MessageDigest.isEqual(mine, theirs)) {
                        return null;
                    }
                }
                return p;
            } catch (Exception | LinkageError e) {
                return null;
            }
        }
    }

    /** The digest of {@code data} in the same algorithm as {@code like}. */
    public static String of(byte[] data, String like) {
        MessageDigest md = hasher(like);
        return algorithm(like) + ":" + HexFormat.of().formatHex(md.digest(data));
    }

    public static String sha256(byte[] data) {
        return of(data, "sha256:");
    }

    /** Shortened for messages: {@code sha256:0123456789ab}. */
    public static String shortForm(String digest) {
        return digest != null && digest.length() > 19 ? digest.substring(0, 19) : String.valueOf(digest);
    }
}
