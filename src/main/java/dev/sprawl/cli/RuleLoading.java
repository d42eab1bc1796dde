package dev.sprawl.cli;

import dev.sprawl.rules.RuleCatalog;
import dev.sprawl.rules.RuleLoadException;
import dev.sprawl.rules.RuleSet;
import dev.sprawl.rules.RuleSource;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The built-in rules plus every {@code --rules} path. */
final class RuleLoading {

    private RuleLoading() {
    }

    static RuleSet load(List<Path> extra) throws RuleLoadException, IOException {
        List<RuleSource> sources = new ArrayList<>();
        for (Path p : extra) {
            sources.addAll(RuleCatalog.userSources(p));
        }
        return RuleCatalog.load(RuleCatalog.builtin().rules(), sources);
    }
}
