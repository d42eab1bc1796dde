package dev.sprawl;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Dependencies kept honest: no jar on the class path (what the build resolved, transitive ones too)
 * has a version that {@code deps/vulnerable.txt} lists as vulnerable, and the floors for the
 * libraries that read untrusted input stay in that list. Versions come from each jar's own
 * {@code META-INF/maven/.../pom.properties}, or else from its path in the local repository.
 */
class DependenciesTest {

    private static final Path LIST = Path.of("deps", "vulnerable.txt");
    /** The libraries whose floors must stay in the list. */
    private static final List<String> FLOORS = List.of("org.apache.commons:commons-compress", "org.yaml:snakeyaml",
            "com.fasterxml.jackson.core:jackson-core", "com.fasterxml.jackson.core:jackson-databind",
            "org.eclipse.jgit:org.eclipse.jgit");
    private static final Pattern LINE = Pattern.compile("(\\S+:\\S+)\\s+([\\[(][^\\s]*[\\])])\\s+(\\S+)\\s*(.*)");

    record Advisory(String artifact, String range, String id, String what, int line) {
    }

    @Test
    void noResolvedDependencyIsKnownVulnerable() throws IOException {
        List<Advisory> advisories = advisories();
        Map<String, String> resolved = resolved();
        assertThat(resolved).as("artifacts found on the class path").containsKeys(FLOORS.toArray(new String[0]));
        List<String> problems = new ArrayList<>();
        for (Advisory a : advisories) {
            String version = resolved.get(a.artifact());
            if (version != null && VersionRange.parse(a.range()).contains(version)) {
                problems.add(a.artifact() + ":" + version + " is in " + a.range() + " (" + a.id() + ": " + a.what()
                        + ") — deps/vulnerable.txt:" + a.line());
            }
        }
        assertThat(problems).as("dependencies with known vulnerabilities").isEmpty();
    }

    @Test
    void theFloorsStayListed() throws IOException {
        List<String> listed = advisories().stream().map(Advisory::artifact).toList();
        assertThat(listed).containsAll(FLOORS);
    }

    @Test
    void rangesMeanWhatMavenMeans() {
        assertThat(VersionRange.parse("[,1.26.0)").contains("1.25.0")).isTrue();
        assertThat(VersionRange.parse("[,1.26.0)").contains("1.26.0")).isFalse();
        assertThat(VersionRange.parse("[,1.26.0)").contains("1.28.0")).isFalse();
        assertThat(VersionRange.parse("[,2.13.4.2)").contains("2.13.4")).isTrue();
        assertThat(VersionRange.parse("[,2.13.4.2)").contains("2.13.4.2")).isFalse();
        assertThat(VersionRange.parse("[,6.6.1)").contains("6.6.0.202305301015-r")).isTrue();
        assertThat(VersionRange.parse("[,6.6.1)").contains("7.4.0.202509020913-r")).isFalse();
        assertThat(VersionRange.parse("[,2.0)").contains("2.0-rc1")).isTrue();
        assertThat(VersionRange.parse("[2.0,2.3]").contains("2.3")).isTrue();
        assertThat(VersionRange.parse("(2.0,2.3)").contains("2.0")).isFalse();
        assertThat(VersionRange.parse("[1.10,)").contains("1.9")).isFalse();
    }

    static List<Advisory> advisories() throws IOException {
        List<Advisory> out = new ArrayList<>();
        List<String> lines = Files.readAllLines(LIST);
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i).strip();
            if (l.isEmpty() || l.startsWith("#")) {
                continue;
            }
            Matcher m = LINE.matcher(l);
            if (!m.matches()) {
                throw new AssertionError(LIST + ":" + (i + 1) + ": expected groupId:artifactId versionRange advisory");
            }
            VersionRange.parse(m.group(2)); // fails on a malformed range
            out.add(new Advisory(m.group(1), m.group(2), m.group(3), m.group(4), i + 1));
        }
        return out;
    }

    /** groupId:artifactId to version, for every jar on the test class path. */
    static Map<String, String> resolved() throws IOException {
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Map<String, String> out = new TreeMap<>();
        for (String entry : cp.split(File.pathSeparator)) {
            if (!entry.endsWith(".jar") || !Files.isRegularFile(Path.of(entry))) {
                continue;
            }
            boolean found = false;
            try (JarFile jar = new JarFile(entry)) {
                for (JarEntry e : java.util.Collections.list(jar.entries())) {
                    if (e.getName().startsWith("META-INF/maven/") && e.getName().endsWith("/pom.properties")) {
                        Properties p = new Properties();
                        try (InputStream in = jar.getInputStream(e)) {
                            p.load(in);
                        }
                        String artifact = p.getProperty("artifactId");
                        if (p.getProperty("groupId") != null && artifact != null && p.getProperty("version") != null) {
                            String key = p.getProperty("groupId") + ":" + artifact;
                            if (Path.of(entry).getFileName().toString().startsWith(artifact + "-")) {
                                out.put(key, p.getProperty("version")); // the jar's own coordinates
                                found = true;
                            } else {
                                out.putIfAbsent(key, p.getProperty("version")); // a library shaded into it
                            }
                        }
                    }
                }
            }
            if (!found) {
                fromRepositoryPath(Path.of(entry), out);
            }
        }
        return out;
    }

    /** {@code .../group/path/artifact/version/artifact-version.jar} in a Maven repository. */
    private static void fromRepositoryPath(Path jar, Map<String, String> out) {
        Path versionDir = jar.getParent();
        if (versionDir == null || versionDir.getParent() == null) {
            return;
        }
        String version = versionDir.getFileName().toString();
        String artifact = versionDir.getParent().getFileName().toString();
        if (!jar.getFileName().toString().startsWith(artifact + "-" + version)) {
            return;
        }
        List<String> group = new ArrayList<>();
        Path p = versionDir.getParent().getParent();
        while (p != null && p.getFileName() != null && !p.getFileName().toString().equals("repository")) {
            group.add(0, p.getFileName().toString());
            p = p.getParent();
        }
        if (p != null && !group.isEmpty()) {
            out.putIfAbsent(String.join(".", group) + ":" + artifact, version);
        }
    }

    /** A Maven version range: {@code [a,b)}, {@code (,b]}, {@code [a,)}, {@code [v]}. */
    record VersionRange(String low, boolean lowInclusive, String high, boolean highInclusive) {

        static VersionRange parse(String r) {
            if (r.length() < 3 || "[(".indexOf(r.charAt(0)) < 0 || "])".indexOf(r.charAt(r.length() - 1)) < 0) {
                throw new IllegalArgumentException("not a version range: " + r);
            }
            String inner = r.substring(1, r.length() - 1);
            int comma = inner.indexOf(',');
            if (comma < 0) {
                return new VersionRange(inner, true, inner, true);
            }
            String lo = inner.substring(0, comma).strip();
            String hi = inner.substring(comma + 1).strip();
            return new VersionRange(lo.isEmpty() ? null : lo, r.charAt(0) == '[', hi.isEmpty() ? null : hi,
                    r.charAt(r.length() - 1) == ']');
        }

        boolean contains(String v) {
            if (low != null) {
                int c = compare(v, low);
                if (c < 0 || (c == 0 && !lowInclusive)) {
                    return false;
                }
            }
            if (high != null) {
                int c = compare(v, high);
                return c < 0 || (c == 0 && highInclusive);
            }
            return true;
        }
    }

    private static final Pattern TOKEN = Pattern.compile("\\d+|[A-Za-z]+");
    private static final Pattern PRE_RELEASE = Pattern.compile("(?i)alpha|a|beta|b|milestone|m|rc|cr|snapshot|ea");

    /** Maven's order, enough for release lines: numbers numerically; a pre-release qualifier sorts before. */
    static int compare(String a, String b) {
        List<String> x = tokens(a);
        List<String> y = tokens(b);
        for (int i = 0; i < Math.max(x.size(), y.size()); i++) {
            String s = i < x.size() ? x.get(i) : null;
            String t = i < y.size() ? y.get(i) : null;
            if (s == null || t == null) {
                String extra = s != null ? s : t;
                int sign = s != null ? 1 : -1;
                if (Character.isDigit(extra.charAt(0))) {
                    return Long.parseLong(extra) == 0 && i + 1 >= Math.max(x.size(), y.size()) ? 0 : sign;
                }
                return PRE_RELEASE.matcher(extra).matches() ? -sign : 0;
            }
            boolean sd = Character.isDigit(s.charAt(0));
            boolean td = Character.isDigit(t.charAt(0));
            int c;
            if (sd && td) {
                c = Long.compare(Long.parseLong(s), Long.parseLong(t));
            } else if (sd != td) {
                c = sd ? 1 : -1; // 1.0.1 is after 1.0-rc1
            } else {
                c = s.compareToIgnoreCase(t);
            }
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    private static List<String> tokens(String v) {
        List<String> out = new ArrayList<>();
        Matcher m = TOKEN.matcher(v);
        while (m.find()) {
            out.add(m.group());
        }
        return out;
    }
}
