package dev.sprawl.inventory;

import java.util.List;

/**
 * Who owns a secret.
 *
 * @param name      the first owner named by the matching source ({@code @org/team}, {@code @user}, an email)
 * @param source    where the owner came from: {@code manifest} (the identities manifest),
 *                  {@code iac-tag} (Terraform or CloudFormation tags),
 *                  {@code k8s-label} (Kubernetes labels or annotations), {@code codeowners}
 * @param origin    the line that decided, e.g. {@code .github/CODEOWNERS:12}
 * @param coOwners  further owners named on the same line, possibly empty
 */
public record Owner(String name, String source, String origin, List<String> coOwners) {

    /**
     * Owner sources, strongest first: the identities manifest ({@code .sprawl.yaml}) names the owner of
     * the identity itself; metadata on the resource beats the file's CODEOWNERS.
     */
    public static final List<String> PRECEDENCE = List.of("manifest", "iac-tag", "k8s-label", "codeowners");

    public Owner {
        coOwners = List.copyOf(coOwners);
    }

    /** This owner's place in {@link #PRECEDENCE} (unknown sources come last). */
    public int rank() {
        int i = PRECEDENCE.indexOf(source);
        return i < 0 ? PRECEDENCE.size() : i;
    }
}
