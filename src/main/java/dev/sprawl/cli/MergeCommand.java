package dev.sprawl.cli;

import dev.sprawl.org.InventoryMerge;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "merge", mixinStandardHelpOptions = true,
        description = "Combine json inventories of shards (sprawl scan --shard) into one: secrets deduplicated by "
                + "fingerprint with their locations united, owners and findings recomputed, warnings united, stats summed.",
        footer = {"", "Exit codes: 0 merged; 2 usage error or an input that is not a sprawl json inventory; "
                + "3 merged, but some input says its scan was incomplete."})
final class MergeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "INVENTORY", arity = "1..*", description = "json inventories (sprawl-inventory/1).")
    List<Path> inputs = new ArrayList<>();

    @Option(names = {"-o", "--output"}, paramLabel = "FILE",
            description = "Write the merged inventory to FILE (created 0600; a symlink is refused; default stdout).")
    Path output;

    @Option(names = "--buffer", paramLabel = "SIZE", defaultValue = "4M", converter = ScanCommand.SizeConverter.class,
            description = "Secrets held in memory before a sorted run is written to a temporary file (default: ${DEFAULT-VALUE}).")
    long buffer;

    @Option(names = "--temp-dir", paramLabel = "DIR",
            description = "Where the sorted runs go (default: the system's temporary folder).")
    Path tempDir;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        for (Path p : inputs) {
            if (!Files.isRegularFile(p)) {
                err.println("sprawl: no such inventory: " + p);
                return ExitCode.USAGE.code();
            }
        }
        if (buffer < 1024) {
            err.println("sprawl: --buffer must be at least 1K");
            return ExitCode.USAGE.code();
        }
        Path spill = tempDir != null ? tempDir : Path.of(System.getProperty("java.io.tmpdir"));
        InventoryMerge merge = new InventoryMerge(spill, buffer);
        try {
            if (output == null) {
                merge.merge(inputs, spec.commandLine().getOut());
            } else {
                // written to a temporary file and renamed into place only when complete
                ReportFile.write(output, w -> {
                    try {
                        merge.merge(inputs, w);
                    } catch (InventoryMerge.BadInput e) {
                        throw new BadInputIo(e);
                    }
                });
            }
        } catch (InventoryMerge.BadInput e) {
            err.println("sprawl: " + e.getMessage());
            return ExitCode.USAGE.code();
        } catch (BadInputIo e) {
            err.println("sprawl: " + e.getCause().getMessage());
            return ExitCode.USAGE.code();
        } catch (IOException e) {
            err.println("sprawl: cannot merge: " + e.getMessage());
            return ExitCode.USAGE.code();
        }
        return complete() ? ExitCode.OK.code() : ExitCode.INCOMPLETE.code();
    }

    /** True when every input says its scan was complete (read again: cheap, only the head of each file). */
    private boolean complete() throws IOException {
        com.fasterxml.jackson.core.JsonFactory f = new com.fasterxml.jackson.core.JsonFactory();
        for (Path p : inputs) {
            try (com.fasterxml.jackson.core.JsonParser parser = f.createParser(p.toFile())) {
                int depth = 0;
                com.fasterxml.jackson.core.JsonToken t;
                boolean inScan = false;
                while ((t = parser.nextToken()) != null) {
                    if (t == com.fasterxml.jackson.core.JsonToken.FIELD_NAME && depth == 1) {
                        inScan = parser.currentName().equals("scan");
                    } else if (t == com.fasterxml.jackson.core.JsonToken.FIELD_NAME && depth == 2 && inScan
                            && parser.currentName().equals("complete")) {
                        parser.nextToken();
                        if (!parser.getValueAsBoolean()) {
                            return false;
                        }
                        break;
                    }
                    if (t.isStructStart()) {
                        depth++;
                    } else if (t.isStructEnd()) {
                        depth--;
                    }
                }
            }
        }
        return true;
    }

    /** A bad input met while the report file is being written: the file is then not kept. */
    private static final class BadInputIo extends IOException {
        BadInputIo(InventoryMerge.BadInput cause) {
            super(cause.getMessage(), cause);
        }
    }

}
