package dev.sprawl.govern;

import dev.sprawl.inventory.Nhi;
import java.time.LocalDate;

/**
 * One entry of the manifest's {@code identities}.
 *
 * @param expires          the last day the identity may be used (UTC), or null
 * @param rotateEveryDays  its rotation period in days, or null
 * @param rotateEveryText  the period as written ({@code 30d}), or null
 * @param line             1-based line of the entry
 * @param ownerLine        1-based line of its {@code owner}, or 0
 */
record DeclaredIdentity(String name, String owner, String purpose, String scope, LocalDate expires,
                        Long rotateEveryDays, String rotateEveryText, Match match, int line, int ownerLine) {

    Nhi nhi(String file) {
        return new Nhi(name, owner, purpose, scope, expires == null ? null : expires.toString(), rotateEveryText,
                file + ":" + line);
    }
}
