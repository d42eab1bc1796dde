package dev.sprawl.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "schema", mixinStandardHelpOptions = true,
        description = "Print the JSON Schema (draft 2020-12) of the json inventory, sprawl-inventory/1. "
                + "See docs/inventory.md.",
        footer = ExitCode.HELP)
final class SchemaCommand implements Callable<Integer> {

    /** Where the schema sits in the jar (and, in the repository, under schema/). */
    static final String RESOURCE = "/schema/sprawl-inventory-1.schema.json";

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        try (InputStream in = SchemaCommand.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                spec.commandLine().getErr().println("sprawl: the schema is missing from this build");
                return ExitCode.USAGE.code();
            }
            spec.commandLine().getOut().print(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            spec.commandLine().getOut().flush();
        }
        return ExitCode.OK.code();
    }
}
