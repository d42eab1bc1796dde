package dev.sprawl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sprawl.org.Shards;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import picocli.CommandLine;

/**
 * The shipped Kubernetes manifests and the GitHub Actions workflow run sprawl commands that parse with
 * the real command line, shard the list exactly once per index, and merge every shard's output: they
 * cannot drift from the flags.
 */
class DeploymentManifestsTest {

    private static final Path ROOT = Path.of(System.getProperty("user.dir"));

    @Test
    void theIndexedJobShardsByCompletionIndexAndTheMergeJobReadsEveryShard() throws Exception {
        Map<String, Object> job = single(ROOT.resolve("deploy/kubernetes/scan-job.yaml"));
        Map<String, Object> spec = map(job, "spec");
        assertThat(job.get("kind")).isEqualTo("Job");
        assertThat(spec.get("completionMode")).isEqualTo("Indexed");
        int completions = (Integer) spec.get("completions");
        assertThat(spec.get("parallelism")).isEqualTo(completions);
        Map<String, Object> container = container(job);
        List<String> outputs = new ArrayList<>();
        for (int i = 0; i < completions; i++) {
            List<String> args = new ArrayList<>(strings(container.get("command")));
            for (String a : strings(container.get("args"))) {
                args.add(a.replace("$(JOB_COMPLETION_INDEX)", Integer.toString(i)));
            }
            CommandLine.ParseResult scan = parse(args).subcommand();
            assertThat(scan.commandSpec().name()).isEqualTo("scan");
            assertThat(scan.matchedOptionValue("--shard", (Shards.Shard) null)).isEqualTo(new Shards.Shard(i, completions));
            assertThat(scan.matchedOptionValue("--targets-from", (Path) null)).isEqualTo(Path.of("/config/targets.txt"));
            assertThat(scan.matchedOptionValue("--cache", (Path) null)).isEqualTo(Path.of("/out/cache-" + i));
            outputs.add(scan.matchedOptionValue("--output", (Path) null).toString());
        }
        assertThat(mounts(container)).containsEntry("/config", "config").containsEntry("/out", "out");
        Map<String, Object> configMap = single(ROOT.resolve("deploy/kubernetes/targets-configmap.yaml"));
        assertThat(map(configMap, "data")).containsKey("targets.txt");

        Map<String, Object> mergeJob = single(ROOT.resolve("deploy/kubernetes/merge-job.yaml"));
        Map<String, Object> mc = container(mergeJob);
        List<String> args = new ArrayList<>(strings(mc.get("command")));
        args.addAll(strings(mc.get("args")));
        CommandLine.ParseResult merge = parse(args).subcommand();
        assertThat(merge.commandSpec().name()).isEqualTo("merge");
        List<String> inputs = merge.matchedPositional(0).stringValues();
        assertThat(inputs).containsExactlyElementsOf(outputs);
        assertThat(mounts(mc)).containsEntry("/out", "out");
    }

    @Test
    void theWorkflowMatrixShardsAndTheMergeJobReadsEveryShard() throws Exception {
        Map<String, Object> wf = single(ROOT.resolve("ci/github-org-scan.yml"));
        Map<String, Object> jobs = map(wf, "jobs");
        Map<String, Object> scanJob = map(jobs, "scan");
        List<?> shards = (List<?>) map(map(scanJob, "strategy"), "matrix").get("shard");
        List<String> outputs = new ArrayList<>();
        String scanRun = run(scanJob, "sprawl scan");
        for (Object shard : shards) {
            List<String> args = words(scanRun.replace("${{ matrix.shard }}", shard.toString()));
            CommandLine.ParseResult scan = parse(args).subcommand();
            assertThat(scan.matchedOptionValue("--shard", (Shards.Shard) null))
                    .isEqualTo(new Shards.Shard((Integer) shard, shards.size()));
            assertThat(scan.matchedOptionValue("--cache", (Path) null)).isNotNull();
            outputs.add(scan.matchedOptionValue("--output", (Path) null).toString());
        }
        assertThat(shards).hasSize(new java.util.HashSet<>(shards).size());
        Map<String, Object> mergeJob = map(jobs, "merge");
        assertThat(mergeJob.get("needs")).isEqualTo("scan");
        CommandLine.ParseResult merge = parse(words(run(mergeJob, "sprawl merge"))).subcommand();
        assertThat(merge.matchedPositional(0).stringValues()).containsExactlyElementsOf(outputs);
    }

    /** Parses a command line (its first word the sprawl launcher) with the real command spec. */
    private static CommandLine.ParseResult parse(List<String> command) {
        assertThat(command.get(0)).endsWith("sprawl");
        CommandLine cl = new CommandLine(new SprawlCommand());
        return cl.parseArgs(command.subList(1, command.size()).toArray(String[]::new));
    }

    private static String run(Map<String, Object> job, String containing) {
        for (Object step : (List<?>) job.get("steps")) {
            Object run = ((Map<?, ?>) step).get("run");
            if (run != null && run.toString().contains(containing)) {
                return run.toString();
            }
        }
        throw new AssertionError("no step runs " + containing);
    }

    private static List<String> words(String command) {
        return Arrays.stream(command.trim().split("\\s+")).toList();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> single(Path file) throws Exception {
        Yaml yaml = new Yaml(new SafeConstructor(new LoaderOptions()));
        List<Object> docs = new ArrayList<>();
        yaml.loadAll(Files.readString(file)).forEach(docs::add);
        assertThat(docs).hasSize(1);
        return (Map<String, Object>) docs.get(0);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Map<String, Object> m, String key) {
        Object v = m.get(key);
        assertThat(v).as(key).isInstanceOf(Map.class);
        return (Map<String, Object>) v;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> container(Map<String, Object> job) {
        List<Object> containers = (List<Object>) map(map(map(job, "spec"), "template"), "spec").get("containers");
        assertThat(containers).hasSize(1);
        return (Map<String, Object>) containers.get(0);
    }

    private static Map<String, String> mounts(Map<String, Object> container) {
        Map<String, String> out = new java.util.HashMap<>();
        for (Object m : (List<?>) container.get("volumeMounts")) {
            Map<?, ?> mm = (Map<?, ?>) m;
            out.put(mm.get("mountPath").toString(), mm.get("name").toString());
        }
        return out;
    }

    private static List<String> strings(Object list) {
        return ((List<?>) list).stream().map(Object::toString).toList();
    }
}
