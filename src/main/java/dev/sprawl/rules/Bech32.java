package dev.sprawl.rules;

import java.util.Locale;

/**
 * The Bech32 checksum (BIP 173; Bech32m, BIP 350, is accepted too): a BCH code over the
 * human-readable part and the data, in the last six characters after the final {@code 1}.
 */
final class Bech32 {

    private static final String CHARSET = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";
    private static final int[] GENERATOR = {0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3};
    private static final int BECH32_CONST = 1;
    private static final int BECH32M_CONST = 0x2bc830a3;

    private Bech32() {
    }

    static boolean valid(String text) {
        String s = text.toLowerCase(Locale.ROOT);
        int sep = s.lastIndexOf('1');
        if (sep < 1 || sep + 7 > s.length()) {
            return false;
        }
        String hrp = s.substring(0, sep);
        int[] values = new int[hrp.length() * 2 + 1 + s.length() - sep - 1];
        int n = 0;
        for (int i = 0; i < hrp.length(); i++) {
            char c = hrp.charAt(i);
            if (c < 33 || c > 126) {
                return false;
            }
            values[n++] = c >> 5;
        }
        values[n++] = 0;
        for (int i = 0; i < hrp.length(); i++) {
            values[n++] = hrp.charAt(i) & 31;
        }
        for (int i = sep + 1; i < s.length(); i++) {
            int v = CHARSET.indexOf(s.charAt(i));
            if (v < 0) {
                return false;
            }
            values[n++] = v;
        }
        int check = polymod(values);
        return check == BECH32_CONST || check == BECH32M_CONST;
    }

    static int polymod(int[] values) {
        int chk = 1;
        for (int v : values) {
            int top = chk >>> 25;
            chk = ((chk & 0x1ffffff) << 5) ^ v;
            for (int i = 0; i < 5; i++) {
                if (((top >>> i) & 1) != 0) {
                    chk ^= GENERATOR[i];
                }
            }
        }
        return chk;
    }
}
