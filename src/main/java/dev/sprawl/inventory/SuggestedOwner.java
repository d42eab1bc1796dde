package dev.sprawl.inventory;

/**
 * A possible owner of a secret that has none ({@code secrets[].suggestedOwners}): not an owner, a lead.
 *
 * @param name    as git recorded it ({@code Dana Ops <dana@acme.test>})
 * @param source  {@code git-author}
 * @param commits how many distinct commits by this author introduced the secret
 */
public record SuggestedOwner(String name, String source, int commits) {
}
