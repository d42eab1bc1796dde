package dev.sprawl.inventory;

/**
 * The non-human identity a secret belongs to, as declared in the identities manifest
 * ({@code secrets[].nhi}). Every field is as written in the manifest, or null when not declared.
 *
 * @param expires     a date ({@code 2027-03-31}) or null
 * @param rotateEvery a duration as written ({@code 30d}) or null
 * @param origin      where it was declared ({@code .sprawl.yaml:12}); not part of the JSON object
 */
public record Nhi(String name, String owner, String purpose, String scope, String expires, String rotateEvery,
                  String origin) {
}
