package dev.sprawl.classify;

import dev.sprawl.classify.Der.Malformed;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The first secret-key packet of an OpenPGP private key block (RFC 4880 section 5.5.3, version 4):
 * public-key algorithm, key size (RSA/DSA/Elgamal modulus bits, or the ECC curve) and whether the
 * secret part is protected by a passphrase (S2K usage byte).
 */
final class PgpKeys {

    private static final int SECRET_KEY = 5;
    private static final int SECRET_SUBKEY = 7;

    private PgpKeys() {
    }

    static SortedMap<String, String> describe(byte[] data) throws Malformed {
        int pos = 0;
        for (int packets = 0; packets < 16 && pos < data.length; packets++) {
            int b = data[pos] & 0xFF;
            if ((b & 0x80) == 0) {
                throw new Malformed("not an OpenPGP packet");
            }
            int tag;
            long length;
            int p = pos + 1;
            if ((b & 0x40) != 0) {
                tag = b & 0x3F;
                int l1 = byteAt(data, p++);
                if (l1 < 192) {
                    length = l1;
                } else if (l1 < 224) {
                    length = ((l1 - 192L) << 8) + byteAt(data, p++) + 192;
                } else if (l1 == 255) {
                    length = readUint(data, p, 4);
                    p += 4;
                } else {
                    throw new Malformed("partial lengths are not supported");
                }
            } else {
                tag = (b >> 2) & 0x0F;
                int type = b & 3;
                if (type == 3) {
                    length = data.length - p;
                } else {
                    int n = 1 << type;
                    length = readUint(data, p, n);
                    p += n;
                }
            }
            if (length > data.length - p) {
                length = data.length - p; // a truncated block still shows its header
            }
            if (tag == SECRET_KEY || tag == SECRET_SUBKEY) {
                return secretKey(data, p, p + (int) length);
            }
            pos = p + (int) length;
        }
        throw new Malformed("no secret-key packet");
    }

    private static SortedMap<String, String> secretKey(byte[] d, int start, int end) throws Malformed {
        int version = byteAt(d, start, end);
        if (version != 4) {
            SortedMap<String, String> a = new TreeMap<>();
            a.put("algorithm", algorithm(byteAt(d, start + (version == 3 ? 7 : 5), end)));
            return a;
        }
        int algo = byteAt(d, start + 5, end);
        int p = start + 6;
        SortedMap<String, String> a = new TreeMap<>();
        a.put("algorithm", algorithm(algo));
        switch (algo) {
            case 1, 2, 3 -> {
                a.put("size", Integer.toString(mpiBits(d, p, end)));
                p = skipMpis(d, p, end, 2);
            }
            case 16 -> {
                a.put("size", Integer.toString(mpiBits(d, p, end)));
                p = skipMpis(d, p, end, 3);
            }
            case 17 -> {
                a.put("size", Integer.toString(mpiBits(d, p, end)));
                p = skipMpis(d, p, end, 4);
            }
            case 18, 19, 22 -> {
                int oidLen = byteAt(d, p, end);
                if (oidLen == 0 || oidLen == 0xFF || p + 1 + oidLen > end) {
                    throw new Malformed("bad curve oid");
                }
                String oid = new Der.Element(d, Der.OID, p + 1, p + 1 + oidLen).oid();
                p = skipMpis(d, p + 1 + oidLen, end, 1);
                if (algo == 18) {
                    p += 1 + byteAt(d, p, end);
                }
                curve(oid, a);
            }
            default -> {
                return a;
            }
        }
        int s2k = byteAt(d, p, end);
        a.put("encrypted", Boolean.toString(s2k != 0));
        return a;
    }

    private static void curve(String oid, SortedMap<String, String> a) {
        switch (oid) {
            case "1.3.6.1.4.1.11591.15.1" -> {
                a.put("curve", "Ed25519");
                a.put("size", "256");
            }
            case "1.3.6.1.4.1.3029.1.5.1" -> {
                a.put("curve", "Curve25519");
                a.put("size", "256");
            }
            default -> {
                PrivateKeys.Curve c = PrivateKeys.CURVES.get(oid);
                a.put("curve", c == null ? oid : c.name());
                if (c != null) {
                    a.put("size", Integer.toString(c.bits()));
                }
            }
        }
    }

    private static String algorithm(int id) {
        return switch (id) {
            case 1, 2, 3 -> "RSA";
            case 16, 20 -> "Elgamal";
            case 17 -> "DSA";
            case 18 -> "ECDH";
            case 19 -> "ECDSA";
            case 22, 27 -> "EdDSA";
            case 25 -> "X25519";
            default -> "unknown";
        };
    }

    private static int mpiBits(byte[] d, int p, int end) throws Malformed {
        return (byteAt(d, p, end) << 8) | byteAt(d, p + 1, end);
    }

    private static int skipMpis(byte[] d, int p, int end, int count) throws Malformed {
        int pos = p;
        for (int i = 0; i < count; i++) {
            int bits = mpiBits(d, pos, end);
            pos += 2 + (bits + 7) / 8;
        }
        return pos;
    }

    private static int byteAt(byte[] d, int p) throws Malformed {
        return byteAt(d, p, d.length);
    }

    private static int byteAt(byte[] d, int p, int end) throws Malformed {
        if (p < 0 || p >= end) {
            throw new Malformed("truncated packet");
        }
        return d[p] & 0xFF;
    }

    private static long readUint(byte[] d, int p, int n) throws Malformed {
        long v = 0;
        for (int i = 0; i < n; i++) {
            v = (v << 8) | byteAt(d, p + i);
        }
        return v;
    }
}
