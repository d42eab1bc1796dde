package dev.sprawl.inventory;

import java.util.List;

/**
 * Who owns a secret.
 *
 * @param name      the first owner named by the matching source ({@code @org/team}, {@code @user}, an email)
 * @param source    where the owner came from: {@code codeowners}...
 * @param origin    the line that decided, e.g. {@code .github/CODEOWNERS:12}
 * @param coOwners  further owners named on the same line, possibly empty
 */
public record Owner(String name, String source, String origin, List<String> coOwners) {

    public Owner {
        coOwners = List.copyOf(coOwners);
    }
}
