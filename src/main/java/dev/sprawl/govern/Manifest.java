package dev.sprawl.govern;

import dev.sprawl.inventory.SecretEntry;
import java.util.List;

/**
 * An identities manifest ({@code .sprawl.yaml}): the lifecycle policy and the declared non-human
 * identities. A secret belongs to the first identity, in file order, whose {@code match} selects it.
 *
 * @param file the manifest's name as reported in errors and owner origins
 */
record Manifest(String file, Policy policy, List<DeclaredIdentity> identities) {

    /** The file name looked up at a target's root. */
    static final String NAME = ".sprawl.yaml";

    Manifest {
        identities = List.copyOf(identities);
    }

    /** This manifest under another name (errors name the file as found; owner origins as in the repository). */
    Manifest named(String name) {
        return new Manifest(name, policy, identities);
    }

    /** The identity a secret belongs to, or null when it matches none (undeclared). */
    DeclaredIdentity identityOf(SecretEntry s) {
        for (DeclaredIdentity d : identities) {
            if (d.match().matches(s)) {
                return d;
            }
        }
        return null;
    }
}
