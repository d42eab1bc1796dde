package dev.sprawl.govern;

import dev.sprawl.classify.Identity;
import dev.sprawl.classify.Location;
import dev.sprawl.inventory.SecretEntry;
import dev.sprawl.source.PathGlobs;
import java.util.List;

/**
 * An identity's {@code match}: which secrets belong to it. Every criterion given must hold (and); a
 * criterion with several values holds when one of them does (or). An empty list is a criterion not given.
 *
 * @param paths      globs as {@code --exclude} takes them, tested against every location's path
 *                   (an archive member by its archive's path)
 * @param identities identity-binding values ({@code locations[].identity[].value}) of any location
 * @param globs      {@code paths} compiled
 */
record Match(List<String> fingerprints, List<String> rules, List<String> providers, List<String> paths,
             List<String> identities, PathGlobs globs) {

    Match(List<String> fingerprints, List<String> rules, List<String> providers, List<String> paths,
          List<String> identities) {
        this(fingerprints, rules, providers, paths, identities, new PathGlobs(paths));
    }

    Match {
        fingerprints = List.copyOf(fingerprints);
        rules = List.copyOf(rules);
        providers = List.copyOf(providers);
        paths = List.copyOf(paths);
        identities = List.copyOf(identities);
    }

    boolean isEmpty() {
        return fingerprints.isEmpty() && rules.isEmpty() && providers.isEmpty() && paths.isEmpty()
                && identities.isEmpty();
    }

    boolean matches(SecretEntry s) {
        if (isEmpty()) {
            return false;
        }
        if (!fingerprints.isEmpty() && !fingerprints.contains(s.fingerprint())) {
            return false;
        }
        if (!rules.isEmpty() && !rules.contains(s.rule().id())) {
            return false;
        }
        if (!providers.isEmpty() && !providers.contains(s.rule().provider())) {
            return false;
        }
        if (!paths.isEmpty() && !anyPath(s.locations())) {
            return false;
        }
        return identities.isEmpty() || anyIdentity(s.locations());
    }

    private boolean anyPath(List<Location> locations) {
        for (Location l : locations) {
            String path = l.path();
            int bang = path.indexOf('!');
            if (globs.matches(bang < 0 ? path : path.substring(0, bang))) {
                return true;
            }
        }
        return false;
    }

    private boolean anyIdentity(List<Location> locations) {
        for (Location l : locations) {
            if (l.details().get(Identity.DETAIL) instanceof List<?> list) {
                for (Object o : list) {
                    if (o instanceof Identity id && identities.contains(id.value())) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
