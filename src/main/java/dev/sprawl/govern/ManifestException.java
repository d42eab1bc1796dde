package dev.sprawl.govern;

import java.util.List;

/** An identities manifest that cannot be used: every problem as {@code file:line: message}. */
public final class ManifestException extends Exception {

    private final List<String> problems;

    ManifestException(List<String> problems) {
        super(String.join("\n", problems));
        this.problems = List.copyOf(problems);
    }

    /** One {@code file:line: message} per problem, in file order. */
    public List<String> problems() {
        return problems;
    }
}
