package dev.sprawl.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The linear glob matcher agrees with the JDK's glob matcher, and stays fast where the JDK's backtracks. */
class GlobTest {

    private static final String GLOB_CHARS = "ab/*?[]!-{},\\.^";
    private static final String PATH_CHARS = "ab/.-\\[{,^\u00e9";

    @Test
    void agreesWithTheJdkOnRandomGlobsAndPaths() {
        Random rnd = new Random(2026);
        int compared = 0;
        for (int i = 0; i < 20_000; i++) {
            String glob = random(rnd, GLOB_CHARS, 1 + rnd.nextInt(8));
            PathMatcher jdk;
            try {
                jdk = FileSystems.getDefault().getPathMatcher("glob:" + glob);
            } catch (IllegalArgumentException e) {
                continue;
            }
            Glob ours = Glob.of(glob);
            for (int k = 0; k < 8; k++) {
                String path = random(rnd, PATH_CHARS, rnd.nextInt(9));
                String normal = Path.of(path).toString();
                assertThat(ours.matches(normal)).as("glob %s on %s", glob, normal).isEqualTo(jdk.matches(Path.of(path)));
                compared++;
            }
        }
        assertThat(compared).isGreaterThan(50_000);
    }

    @Test
    void examples() {
        assertThat(Glob.of("**/*.min.js").matches("web/lib/app.min.js")).isTrue();
        assertThat(Glob.of("*.lock").matches("a/b.lock")).isFalse();
        assertThat(Glob.of("{src,test}/**").matches("test/x/y")).isTrue();
        assertThat(Glob.of("[!a-c]?.txt").matches("dz.txt")).isTrue();
        assertThat(Glob.of("[!a-c]?.txt").matches("bz.txt")).isFalse();
        assertThat(Glob.of("a\\*").matches("a*")).isTrue();
        assertThat(Glob.of("a\\*").matches("ab")).isFalse();
        // on purpose unlike the JDK: ** crosses a newline in a name
        assertThat(Glob.of("build/**").matches("build/a\nb/c")).isTrue();
        assertThatThrownBy(() -> Glob.of("{a,{b}}")).isInstanceOf(IllegalArgumentException.class);
    }

    /** The globs that hung the JDK's matcher (fuzz finding on .sprawlignore) return at once. */
    @Test
    void hostileGlobsDoNotBacktrack() {
        String name = "a".repeat(5000) + "/" + "b".repeat(5000);
        assertThat(Glob.of("*".repeat(102) + "3").matches(name)).isFalse();
        assertThat(Glob.of("*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*c").matches("a".repeat(20_000))).isFalse();
        assertThat(Glob.of("**/**/**/**/**/**/**/**/x").matches(name)).isFalse();
        assertThat(new PathGlobs(java.util.List.of("**".repeat(60) + "/z")).matches(name)).isFalse();
    }

    private static String random(Random rnd, String chars, int length) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < length; i++) {
            b.append(chars.charAt(rnd.nextInt(chars.length())));
        }
        return b.toString();
    }
}
