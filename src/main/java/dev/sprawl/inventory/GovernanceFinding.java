package dev.sprawl.inventory;

/**
 * A governance problem with a secret, e.g. {@code missing-owner}. Never contains the secret value.
 *
 * @param severity {@code high}, {@code medium} or {@code low}
 */
public record GovernanceFinding(String code, String severity, String message) {
}
