package dev.sprawl.govern;

import dev.sprawl.classify.Location;
import dev.sprawl.inventory.SuggestedOwner;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Leads for a secret without an owner: the authors of the commits that introduced it (each git
 * location's {@code commit} and {@code author}), as git recorded them (no mailmap, no config), ranked
 * by how many distinct commits of theirs introduced it, then by name.
 */
final class SuggestedOwners {

    /** Most suggestions per secret. */
    static final int MAX = 5;

    static final String SOURCE = "git-author";

    private SuggestedOwners() {
    }

    static List<SuggestedOwner> of(List<Location> locations) {
        Map<String, Set<String>> commitsByAuthor = new TreeMap<>();
        for (Location l : locations) {
            Object author = l.details().get("author");
            Object commit = l.details().get("commit");
            if ("git".equals(l.source()) && author != null && commit != null) {
                commitsByAuthor.computeIfAbsent(author.toString(), a -> new HashSet<>()).add(commit.toString());
            }
        }
        List<SuggestedOwner> out = new ArrayList<>();
        commitsByAuthor.forEach((author, commits) -> out.add(new SuggestedOwner(author, SOURCE, commits.size())));
        out.sort(Comparator.comparingInt(SuggestedOwner::commits).reversed().thenComparing(SuggestedOwner::name));
        return out.size() > MAX ? List.copyOf(out.subList(0, MAX)) : out;
    }
}
