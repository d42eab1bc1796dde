package dev.sprawl.classify;

import java.util.regex.Pattern;

/**
 * The AWS account an access key id belongs to, decoded offline. Key ids are a four-letter type
 * prefix ({@code AKIA} long-term, {@code ASIA} temporary, ...) and 16 base32 characters; in keys of the
 * current generation (the first bit after the prefix set, i.e. a fifth character in {@code Q-Z2-7})
 * the next 40 bits are the 12-digit account number. Older keys ({@code AKIAI…}, {@code AKIAJ…}) do
 * not carry it. See https://awsteele.com/blog/2020/09/26/aws-access-key-format.html and
 * https://labs.withsecure.com/publications/a-bitwise-analysis-of-aws-access-key-identifiers.html
 */
final class AwsKeyIds {

    private static final Pattern KEY_ID = Pattern.compile("(?:AKIA|ASIA|ABIA|ACCA|A3T[A-Z0-9])[A-Z2-7]{16}");
    private static final String BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    private AwsKeyIds() {
    }

    /** The zero-padded 12-digit account id, or null when {@code keyId} does not encode one. */
    static String accountId(String keyId) {
        if (!KEY_ID.matcher(keyId).matches()) {
            return null;
        }
        // 16 base32 characters = 80 bits; the first 10 characters (50 bits) hold the generation bit
        // and the 40-bit account number
        long bits = 0;
        for (int i = 4; i < 14; i++) {
            bits = (bits << 5) | BASE32.indexOf(keyId.charAt(i));
        }
        boolean currentGeneration = (bits >>> 49) == 1;
        if (!currentGeneration) {
            return null;
        }
        long account = (bits >>> 9) & 0xFF_FFFF_FFFFL;
        return String.format("%012d", account);
    }
}
