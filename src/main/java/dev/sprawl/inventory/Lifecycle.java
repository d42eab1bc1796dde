package dev.sprawl.inventory;

import java.time.Instant;

/**
 * When a secret was seen in git history ({@code secrets[].firstSeen}, {@code lastSeen}, {@code ageDays},
 * {@code exposureDays}). Each field is null when history does not tell (file-only and image secrets).
 *
 * @param firstSeen    author date of the oldest commit that introduced the secret at any path
 * @param lastSeen     author date of the newest commit that introduced it at any path
 * @param ageDays      whole days from {@code firstSeen} to the scan's start
 * @param exposureDays history-only secrets: whole days from {@code firstSeen} to the last removal
 */
public record Lifecycle(Instant firstSeen, Instant lastSeen, Long ageDays, Long exposureDays) {

    /** Nothing known. */
    public static final Lifecycle UNKNOWN = new Lifecycle(null, null, null, null);
}
