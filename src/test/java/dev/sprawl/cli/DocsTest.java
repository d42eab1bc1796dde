package dev.sprawl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The documentation keeps up with the product: every flag of every command's {@code --help} is
 * documented somewhere under {@code docs/}, and every relative link (and its #anchor) in
 * {@code README.md} and {@code docs/*.md} leads somewhere.
 */
class DocsTest {

    private static final Pattern LINK = Pattern.compile("\\[[^\\]]*\\]\\(([^)\\s]+)(?:\\s+\"[^\"]*\")?\\)");
    private static final Pattern HEADING = Pattern.compile("^#{1,6}\\s+(.*?)\\s*#*$", Pattern.MULTILINE);

    static List<Path> pages() throws IOException {
        List<Path> pages = new ArrayList<>();
        pages.add(Path.of("README.md"));
        try (Stream<Path> docs = Files.walk(Path.of("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
        }
        return pages;
    }

    @Test
    void everyFlagIsDocumented() throws IOException {
        StringBuilder docs = new StringBuilder();
        for (Path p : pages()) {
            if (p.startsWith("docs")) {
                docs.append(Files.readString(p, StandardCharsets.UTF_8)).append('\n');
            }
        }
        List<String> missing = new ArrayList<>();
        collect(new CommandLine(new SprawlCommand()).getCommandSpec(), docs.toString(), missing);
        assertThat(missing).as("flags in --help that no page under docs/ mentions").isEmpty();
    }

    private static void collect(CommandSpec spec, String docs, List<String> missing) {
        for (OptionSpec o : spec.options()) {
            if (o.hidden()) {
                continue;
            }
            String flag = o.longestName();
            if (!Pattern.compile("(?<![\\w-])" + Pattern.quote(flag) + "(?![\\w-])").matcher(docs).find()) {
                missing.add(spec.qualifiedName() + " " + flag);
            }
        }
        spec.subcommands().values().stream().map(CommandLine::getCommandSpec).distinct()
                .forEach(sub -> collect(sub, docs, missing));
    }

    @Test
    void everyRelativeLinkIsAlive() throws IOException {
        List<String> dead = new ArrayList<>();
        for (Path page : pages()) {
            String text = stripCode(Files.readString(page, StandardCharsets.UTF_8));
            Matcher m = LINK.matcher(text);
            while (m.find()) {
                String target = m.group(1);
                if (target.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*")) {
                    continue; // https:, mailto: ...
                }
                int hash = target.indexOf('#');
                String file = hash < 0 ? target : target.substring(0, hash);
                String anchor = hash < 0 ? null : target.substring(hash + 1);
                Path resolved = file.isEmpty() ? page : page.toAbsolutePath().getParent().resolve(file).normalize();
                if (!Files.exists(resolved)) {
                    dead.add(page + ": " + target);
                } else if (anchor != null && resolved.toString().endsWith(".md")
                        && !anchors(Files.readString(resolved, StandardCharsets.UTF_8)).contains(anchor)) {
                    dead.add(page + ": " + target + " (no such heading)");
                }
            }
        }
        assertThat(dead).as("relative links that lead nowhere").isEmpty();
    }

    /** Fenced code blocks hold examples, not links. */
    private static String stripCode(String md) {
        return md.replaceAll("(?s)```.*?```", "");
    }

    /** GitHub's heading anchors: lower case, punctuation dropped, spaces to dashes, repeats numbered. */
    static Set<String> anchors(String md) {
        Set<String> out = new HashSet<>();
        Matcher h = HEADING.matcher(stripCode(md));
        while (h.find()) {
            String base = h.group(1).toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-');
            String a = base;
            for (int n = 1; !out.add(a); n++) {
                a = base + "-" + n;
            }
        }
        return out;
    }

    @Test
    void anchorsFollowGithub() {
        assertThat(anchors("# The inventory (`--format json`, schema `sprawl-inventory/1`)\n## CI gate: fail\n## CI gate: fail\n"))
                .containsExactlyInAnyOrder("the-inventory---format-json-schema-sprawl-inventory1", "ci-gate-fail",
                        "ci-gate-fail-1");
    }
}
