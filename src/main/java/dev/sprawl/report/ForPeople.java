package dev.sprawl.report;

import dev.sprawl.inventory.GovernanceFinding;
import dev.sprawl.inventory.SecretEntry;
import dev.sprawl.rules.Confidence;
import java.util.Comparator;
import java.util.List;

/** The order and the cut of the reports people read (table, Markdown): worst first, low hidden unless asked. */
final class ForPeople {

    private ForPeople() {
    }

    /** 3 high, 2 medium, 1 low, 0 without findings. */
    static int severity(SecretEntry s) {
        int worst = 0;
        for (GovernanceFinding f : s.findings()) {
            worst = Math.max(worst, switch (f.severity()) {
                case "high", "critical" -> 3;
                case "medium" -> 2;
                case "low" -> 1;
                default -> 0;
            });
        }
        return worst;
    }

    /** By severity of findings, then confidence, both highest first; ties keep the inventory's order. */
    static final Comparator<SecretEntry> WORST_FIRST = Comparator.comparingInt(ForPeople::severity).reversed()
            .thenComparing(SecretEntry::confidence, Comparator.reverseOrder());

    /** The secrets at or above {@code min}, worst first. */
    static List<SecretEntry> listed(List<SecretEntry> secrets, Confidence min) {
        return secrets.stream().filter(s -> s.confidence().atLeast(min)).sorted(WORST_FIRST).toList();
    }
}
