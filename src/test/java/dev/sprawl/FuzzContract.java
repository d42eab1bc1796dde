package dev.sprawl;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The contract every fuzz target holds its parser to, so that adding a target is a few lines:
 *
 * <pre>{@code
 * @BeforeAll static void seeds() { FuzzContract.seeds(MyFuzzTest.class, "parse", Map.of("one", bytes)); }
 *
 * @FuzzTest void parse(byte[] data) {
 *     Result r = FuzzContract.call(() -> MyParser.parse(FuzzContract.plant(data)), IOException.class);
 *     FuzzContract.noCanary("problems", r.problems());
 *     FuzzContract.bounded("nodes", r.size(), 4L * data.length + 16);
 * }
 * }</pre>
 *
 * <ul>
 *   <li>{@link #call}: the parser returns, or throws one of its declared exception types whose message
 *       is short and free of the {@link #CANARY}; anything else (a RuntimeException, a
 *       StackOverflowError, an OutOfMemoryError) is a finding.</li>
 *   <li>{@link #noCanary}: what the parser hands back for reports and logs (warnings, problems, error
 *       strings) never repeats the canary planted in its input.</li>
 *   <li>{@link #bounded}: output stays within a bound proportional to the input.</li>
 *   <li>{@link #seeds}: seed inputs built by code at test time are written where Jazzer reads them
 *       (the test class' {@code <Name>Inputs/<method>/} resource folder under {@code target/test-classes}),
 *       so nothing secret-shaped is committed and regression mode ({@code mvn verify}) runs every seed.</li>
 * </ul>
 */
public final class FuzzContract {

    /**
     * Stands in for a secret value in fuzz inputs. Not secret-looking on purpose (it is committed), and
     * long and odd enough that no parser message contains it by chance.
     */
    public static final String CANARY = "QcanaryZ7vX2pL9sprawlW4mK8nR3tY6";
    private static final byte[] CANARY_BYTES = CANARY.getBytes(StandardCharsets.US_ASCII);
    /** Longest exception or problem message a parser may produce. */
    public static final int MAX_MESSAGE_CHARS = 4096;

    private FuzzContract() {
    }

    /** A parser call that may throw its declared exceptions. */
    @FunctionalInterface
    public interface Parse<T> {
        T run() throws Exception;
    }

    /**
     * Runs {@code parse}; returns its result, or null when it threw one of {@code declared} (with a
     * short message free of the canary). Any other throwable fails the target.
     */
    @SafeVarargs
    public static <T> T call(Parse<T> parse, Class<? extends Throwable>... declared) {
        try {
            return parse.run();
        } catch (Throwable t) {
            for (Class<? extends Throwable> c : declared) {
                if (c.isInstance(t)) {
                    noCanary("exception message", messages(t));
                    bounded("exception message chars", String.valueOf(t.getMessage()).length(), MAX_MESSAGE_CHARS);
                    return null;
                }
            }
            throw new AssertionError("undeclared " + t.getClass().getName() + " from the parser", t);
        }
    }

    /** The messages of a throwable and of its causes. */
    private static String messages(Throwable t) {
        StringBuilder b = new StringBuilder();
        for (Throwable c = t; c != null && b.length() < 1 << 20; c = c.getCause()) {
            b.append(c.getMessage()).append('\n');
            if (c.getCause() == c) {
                break;
            }
        }
        return b.toString();
    }

    /** Fails when the text of {@code value} (a string, collection, record...) contains the canary. */
    public static void noCanary(String what, Object value) {
        String text = value instanceof Collection<?> c ? Arrays.deepToString(c.toArray()) : String.valueOf(value);
        if (text.contains(CANARY)) {
            String shown = text.replace(CANARY, "<CANARY>");
            throw new AssertionError(what + " repeats the secret planted in the input: "
                    + shown.substring(0, Math.min(500, shown.length())));
        }
    }

    /** Fails when {@code size} exceeds {@code limit}. */
    public static void bounded(String what, long size, long limit) {
        if (size > limit) {
            throw new AssertionError(what + " " + size + " exceeds its bound " + limit);
        }
    }

    /** True when the input holds the canary (so a target may check it was not dropped into output). */
    public static boolean planted(byte[] data) {
        return indexOf(data, CANARY_BYTES) >= 0;
    }

    /**
     * The input with the canary planted: where the input has a {@code @@} marker, the canary replaces
     * it (seeds put one where secrets sit); otherwise the input is returned as it is.
     */
    public static byte[] plant(byte[] data) {
        int at = indexOf(data, new byte[] {'@', '@'});
        if (at < 0) {
            return data;
        }
        byte[] out = new byte[data.length - 2 + CANARY_BYTES.length];
        System.arraycopy(data, 0, out, 0, at);
        System.arraycopy(CANARY_BYTES, 0, out, at, CANARY_BYTES.length);
        System.arraycopy(data, at + 2, out, at + CANARY_BYTES.length, data.length - at - 2);
        return out;
    }

    /** {@link #plant} on text. */
    public static String plant(String text) {
        return text.replaceFirst("@@", CANARY);
    }

    private static int indexOf(byte[] data, byte[] what) {
        outer:
        for (int i = 0; i + what.length <= data.length; i++) {
            for (int k = 0; k < what.length; k++) {
                if (data[i + k] != what[k]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /**
     * Writes generated seeds for {@code test}'s fuzz method {@code method} into the resource folder
     * Jazzer reads ({@code <test-classes>/<package>/<SimpleName>Inputs/<method>/}). Call it from a
     * {@code @BeforeAll} method: Jazzer lists the folder when the fuzz test starts.
     */
    public static void seeds(Class<?> test, String method, Map<String, byte[]> seeds) {
        try {
            Path root = Path.of(test.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path dir = root.resolve(test.getPackageName().replace('.', '/'))
                    .resolve(test.getSimpleName() + "Inputs").resolve(method);
            Files.createDirectories(dir);
            for (Map.Entry<String, byte[]> s : seeds.entrySet()) {
                Files.write(dir.resolve("seed-" + s.getKey()), s.getValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A seed map built in insertion order: {@code seedsOf("a", bytesA, "b", bytesB)}. */
    public static Map<String, byte[]> seedsOf(Object... nameThenBytes) {
        Map<String, byte[]> m = new LinkedHashMap<>();
        for (int i = 0; i + 1 < nameThenBytes.length; i += 2) {
            Object v = nameThenBytes[i + 1];
            m.put((String) nameThenBytes[i], v instanceof String s ? s.getBytes(StandardCharsets.UTF_8) : (byte[]) v);
        }
        return m;
    }

    /** Splits an input into up to {@code max} parts at each {@code 0xFF 0x00} pair (seeds join parts so). */
    public static byte[][] split(byte[] data, int max) {
        java.util.List<byte[]> parts = new java.util.ArrayList<>();
        int start = 0;
        for (int i = 0; i + 1 < data.length && parts.size() < max - 1; i++) {
            if (data[i] == (byte) 0xFF && data[i + 1] == 0) {
                parts.add(Arrays.copyOfRange(data, start, i));
                start = i + 2;
                i++;
            }
        }
        parts.add(Arrays.copyOfRange(data, start, data.length));
        return parts.toArray(new byte[0][]);
    }

    /** Joins parts for {@link #split}. */
    public static byte[] join(byte[]... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                out.write(0xFF);
                out.write(0);
            }
            out.writeBytes(parts[i]);
        }
        return out.toByteArray();
    }
}
