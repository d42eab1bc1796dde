package dev.sprawl.govern;

import java.util.List;

/** The finding codes governance emits, and every code a manifest's {@code policy.fail} may name. */
final class Codes {

    static final String MISSING_OWNER = "missing-owner";
    static final String MISSING_PURPOSE = "missing-purpose";
    static final String UNDECLARED_IDENTITY = "undeclared-identity";
    static final String IDENTITY_EXPIRED = "identity-expired";
    static final String ROTATION_OVERDUE = "rotation-overdue";
    static final String SECRET_SPRAWL = "secret-sprawl";
    static final String HISTORY_ONLY = "history-only";
    static final String STATIC_CLOUD_IN_CI = "static-cloud-credential-in-ci";

    /** Every finding code an inventory can carry (governance's, then the key material's). */
    static final List<String> ALL = List.of(MISSING_OWNER, MISSING_PURPOSE, UNDECLARED_IDENTITY, IDENTITY_EXPIRED,
            ROTATION_OVERDUE, SECRET_SPRAWL, HISTORY_ONLY, STATIC_CLOUD_IN_CI,
            "certificate-expired", "certificate-expiring", "token-expired", "jwt-alg-none", "suppression-expired");

    private Codes() {
    }
}
