package dev.sprawl.rules;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Loads rules: the built-in catalogue bundled in the jar (listed by {@code rules/index.txt}, written
 * at build time) and user rule files or folders given with {@code --rules}.
 */
public final class RuleCatalog {

    private static final String INDEX = "rules/index.txt";
    /** Largest rule file read; rule files are small, a huge one is a mistake or an attack. */
    static final long MAX_RULE_FILE_BYTES = 4L * 1024 * 1024;

    private RuleCatalog() {
    }

    /** The sources of the built-in rule files, in index order. */
    public static List<RuleSource> builtinSources() {
        List<RuleSource> out = new ArrayList<>();
        String index = readResource(INDEX);
        for (String line : index.split("\\R")) {
            String name = line.trim();
            if (!name.isEmpty() && !name.startsWith("#")) {
                out.add(new RuleSource("rules/" + name, readResource("rules/" + name)));
            }
        }
        return out;
    }

    /** The rule files at {@code path}: the file itself, or every .yml/.yaml file below a folder. */
    public static List<RuleSource> userSources(Path path) throws IOException {
        List<Path> files = new ArrayList<>();
        if (Files.isDirectory(path)) {
            try (Stream<Path> s = Files.walk(path)) {
                s.filter(p -> Files.isRegularFile(p) && isRuleFileName(p.getFileName().toString()))
                        .sorted(Comparator.comparing(Path::toString))
                        .forEach(files::add);
            }
        } else if (Files.isRegularFile(path)) {
            files.add(path);
        } else {
            throw new IOException("no rule file or folder at " + path);
        }
        List<RuleSource> out = new ArrayList<>();
        for (Path f : files) {
            if (Files.size(f) > MAX_RULE_FILE_BYTES) {
                throw new IOException(f + ": rule file larger than " + MAX_RULE_FILE_BYTES + " bytes");
            }
            out.add(new RuleSource(f.toString(), Files.readString(f, StandardCharsets.UTF_8)));
        }
        return out;
    }

    /**
     * The built-in rules for scanning: the catalogue compiled at build time (no YAML parsing, no
     * examples), or the parsed YAML files when the jar has no compiled catalogue.
     */
    public static RuleSet builtin() throws RuleLoadException {
        preload();
        try {
            return BUILTIN.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while loading the built-in rules", e);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof RuleLoadException rle) {
                throw rle;
            }
            throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
        }
    }

    /** Loads the built-in rules once; the result (or failure) is shared by every caller. */
    private static final java.util.concurrent.FutureTask<RuleSet> BUILTIN = new java.util.concurrent.FutureTask<>(() -> {
        RuleSet compiled = CompiledCatalog.read();
        return compiled != null ? compiled : load(builtinSources());
    });
    private static final java.util.concurrent.atomic.AtomicBoolean STARTED = new java.util.concurrent.atomic.AtomicBoolean();

    /**
     * Starts loading the built-in rules on a background thread, so the work overlaps with whatever
     * the caller does next (parsing the command line, opening a repository); {@link #builtin} then
     * waits for it. Calling it again, or {@code builtin} first, loads them only once.
     */
    public static void preload() {
        if (STARTED.compareAndSet(false, true)) {
            Thread t = new Thread(BUILTIN, "sprawl-rules");
            t.setDaemon(true);
            t.start();
        }
    }

    /** Parses sources into a rule set; fails with every structural problem and duplicate id listed. */
    public static RuleSet load(List<RuleSource> sources) throws RuleLoadException {
        return load(List.of(), sources);
    }

    /**
     * {@code base} rules plus the rules parsed from {@code sources}; fails with every structural
     * problem and every id that is defined twice (also against {@code base}).
     */
    public static RuleSet load(List<Rule> base, List<RuleSource> sources) throws RuleLoadException {
        List<Rule> rules = new ArrayList<>(base);
        List<RuleProblem> problems = new ArrayList<>();
        parse(sources, rules, problems);
        if (!problems.isEmpty()) {
            throw new RuleLoadException(problems);
        }
        return new RuleSet(rules);
    }

    /** The rules of {@code sources} that load cleanly, ignoring the problems of the others. */
    public static RuleSet loadValid(List<RuleSource> sources) {
        List<Rule> rules = new ArrayList<>();
        parse(sources, rules, new ArrayList<>());
        return new RuleSet(rules);
    }

    /** Parses sources, collecting rules and problems (structure and duplicate ids) without failing. */
    static void parse(List<RuleSource> sources, List<Rule> rules, List<RuleProblem> problems) {
        Map<String, Rule> byId = new HashMap<>();
        for (Rule r : rules) {
            byId.put(r.id(), r);
        }
        for (RuleSource s : sources) {
            RuleParser.Result r = RuleParser.parse(s);
            problems.addAll(r.problems());
            for (Rule rule : r.rules()) {
                Rule previous = byId.putIfAbsent(rule.id(), rule);
                if (previous != null) {
                    problems.add(new RuleProblem(rule.file(), rule.line(), rule.id(),
                            "duplicate id, first defined at " + previous.origin()));
                } else {
                    rules.add(rule);
                }
            }
        }
    }

    private static boolean isRuleFileName(String name) {
        return name.endsWith(".yml") || name.endsWith(".yaml");
    }

    private static String readResource(String name) {
        try (InputStream in = RuleCatalog.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("built-in resource missing from the jar: " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read built-in resource " + name, e);
        }
    }
}
