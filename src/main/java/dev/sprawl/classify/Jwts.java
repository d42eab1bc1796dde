package dev.sprawl.classify;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The claims a JSON Web Token (RFC 7519) carries in clear: header {@code alg}, and {@code iss},
 * {@code sub}, {@code aud}, {@code exp}, {@code iat} from the payload ({@code exp}/{@code iat} as
 * ISO-8601 instants). The signature is not checked (there is no key); the inventory turns
 * {@code exp} into {@code token-expired} and {@code alg: none} into {@code jwt-alg-none}.
 */
final class Jwts {

    /** Longest claim text kept in an attribute. */
    static final int MAX_CLAIM = 256;
    /** Largest header or payload decoded. */
    static final int MAX_PART = 16 * 1024;

    /**
     * The bounded JSON reader, made on the first token decoded: {@link #looksLikeJwt} runs for every
     * match, and initialising Jackson there held up the scan's first match for ~45 ms while the other
     * workers waited for the class.
     */
    private static final class Reader {
        static final ObjectMapper JSON = new ObjectMapper(JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(32)
                        .maxStringLength(MAX_PART).build())
                .build());
    }

    private Jwts() {
    }

    /** True when {@code value} is shaped like a JWS compact serialization ({@code eyJ….eyJ….sig}). */
    static boolean looksLikeJwt(String value) {
        if (!value.startsWith("eyJ")) {
            return false;
        }
        int dot1 = value.indexOf('.');
        int dot2 = dot1 < 0 ? -1 : value.indexOf('.', dot1 + 1);
        return dot2 > 0 && value.indexOf('.', dot2 + 1) < 0 && value.startsWith("eyJ", dot1 + 1);
    }

    /** Attributes of the token; null when its header or payload is not a JSON object. */
    static SortedMap<String, String> describe(String token) {
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3) {
            return null;
        }
        JsonNode header = decode(parts[0]);
        JsonNode payload = decode(parts[1]);
        if (header == null || payload == null) {
            return null;
        }
        SortedMap<String, String> a = new TreeMap<>();
        text(header.get("alg")).ifPresent(v -> a.put("alg", v));
        for (String claim : List.of("iss", "sub")) {
            text(payload.get(claim)).ifPresent(v -> a.put(claim, v));
        }
        JsonNode aud = payload.get("aud");
        if (aud != null && aud.isArray()) {
            List<String> auds = new ArrayList<>();
            aud.forEach(x -> text(x).ifPresent(auds::add));
            a.put("aud", cut(String.join(",", auds)));
        } else {
            text(aud).ifPresent(v -> a.put("aud", v));
        }
        for (String claim : List.of("exp", "iat")) {
            JsonNode n = payload.get(claim);
            if (n != null && n.isNumber()) {
                long seconds = n.asLong();
                if (seconds > 0 && seconds < Instant.MAX.getEpochSecond()) {
                    a.put(claim, Instant.ofEpochSecond(seconds).toString());
                }
            }
        }
        return a;
    }

    private static JsonNode decode(String part) {
        if (part.isEmpty() || part.length() > MAX_PART) {
            return null;
        }
        try {
            byte[] json = Base64.getUrlDecoder().decode(part);
            JsonNode n = Reader.JSON.readTree(json);
            return n != null && n.isObject() ? n : null;
        } catch (IllegalArgumentException | IOException e) {
            return null;
        }
    }

    private static java.util.Optional<String> text(JsonNode n) {
        if (n == null || !(n.isTextual() || n.isNumber() || n.isBoolean())) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(cut(n.asText()));
    }

    private static String cut(String s) {
        StringBuilder sb = new StringBuilder();
        s.codePoints().limit(MAX_CLAIM).forEach(c -> sb.appendCodePoint(Character.isISOControl(c) ? '?' : c));
        return sb.toString();
    }
}
