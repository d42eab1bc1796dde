package dev.sprawl.govern;

import dev.sprawl.classify.Location;
import dev.sprawl.inventory.GovernanceFinding;
import dev.sprawl.inventory.Lifecycle;
import dev.sprawl.inventory.Owner;
import dev.sprawl.inventory.SecretEntry;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The governance findings of one secret, in this order:
 * <ul>
 *   <li>{@code missing-owner} (high): no owner from the manifest, tags, labels or CODEOWNERS;</li>
 *   <li>{@code missing-purpose} (medium): a manifest is in use and the secret's identity has no {@code purpose};</li>
 *   <li>{@code undeclared-identity} (medium): a manifest is in use and no identity matches the secret;</li>
 *   <li>{@code identity-expired} (high): the identity's {@code expires} date is before the scan's date (UTC);</li>
 *   <li>{@code rotation-overdue} (high): a manifest is in use and the secret's age is beyond its identity's
 *       {@code rotateEvery}, or the policy's {@code maxAge} when the identity has none or it is undeclared;</li>
 *   <li>{@code secret-sprawl} (medium): the secret appears in {@value #SPRAWL_REPOS} or more repositories
 *       (the locations' {@code repo}), or in {@value #SPRAWL_PATHS} or more distinct paths;</li>
 *   <li>{@code history-only} (high): only in git history, in no HEAD, index or file;</li>
 *   <li>{@code static-cloud-credential-in-ci} (high): see {@link CloudInCi}.</li>
 * </ul>
 */
final class Checks {

    /** Distinct paths from which a secret counts as sprawled. */
    static final int SPRAWL_PATHS = 3;
    /** Distinct repositories (an organisation scan) from which a secret counts as sprawled. */
    static final int SPRAWL_REPOS = 2;

    private Checks() {
    }

    /**
     * @param manifest the manifest governing the secret, or null when none is in use
     * @param identity the identity it matched, or null
     */
    static List<GovernanceFinding> of(SecretEntry s, Owner owner, Manifest manifest, DeclaredIdentity identity,
                                      Lifecycle life, boolean historyOnly, LocalDate today) {
        List<GovernanceFinding> out = new ArrayList<>();
        String what = s.rule().category().label();
        if (owner == null) {
            out.add(missingOwner(s.rule().category(), manifest));
        }
        if (manifest != null && identity != null && identity.purpose() == null) {
            out.add(new GovernanceFinding(Codes.MISSING_PURPOSE, "medium", "identity '" + identity.name()
                    + "' has no purpose: say in " + manifest.file() + ":" + identity.line()
                    + " what this " + what + " is for, so it can be reviewed and retired"));
        }
        if (manifest != null && identity == null) {
            out.add(new GovernanceFinding(Codes.UNDECLARED_IDENTITY, "medium", "this " + what
                    + " belongs to no identity in " + manifest.file()
                    + ": declare it (name, owner, purpose, rotateEvery, match) or remove it"));
        }
        if (identity != null && identity.expires() != null && today.isAfter(identity.expires())) {
            out.add(new GovernanceFinding(Codes.IDENTITY_EXPIRED, "high", "identity '" + identity.name()
                    + "' expired on " + identity.expires() + ": revoke this " + what
                    + ", or renew the identity and update expires in " + manifest.file()));
        }
        if (manifest != null && life.ageDays() != null) {
            boolean own = identity != null && identity.rotateEveryDays() != null;
            long limit = own ? identity.rotateEveryDays() : manifest.policy().maxAgeDays();
            if (life.ageDays() > limit) {
                out.add(new GovernanceFinding(Codes.ROTATION_OVERDUE, "high", "first committed " + life.firstSeen()
                        + ", " + life.ageDays() + " days ago: beyond "
                        + (own ? "identity '" + identity.name() + "' rotateEvery " + identity.rotateEveryText()
                                : "the policy's maxAge of " + limit + " days")
                        + "; rotate it (issue a new " + what + ", revoke this one)"));
            }
        }
        GovernanceFinding sprawl = sprawl(s.locations());
        if (sprawl != null) {
            out.add(sprawl);
        }
        if (historyOnly) {
            out.add(historyOnlyFinding());
        }
        GovernanceFinding cloud = CloudInCi.check(s);
        if (cloud != null) {
            out.add(cloud);
        }
        return out;
    }

    /** {@code missing-owner}; its advice names the manifest when one governs the secret. */
    static GovernanceFinding missingOwner(dev.sprawl.rules.Category category, Manifest manifest) {
        String what = category.label();
        return new GovernanceFinding(Codes.MISSING_OWNER, "high", manifest == null
                ? "no owner: add a CODEOWNERS entry (or an owner tag) for the files that hold this " + what
                : "no owner: give its identity an owner in " + manifest.file()
                        + " (or add a CODEOWNERS entry or an owner tag for the files that hold this " + what + ")");
    }

    static GovernanceFinding historyOnlyFinding() {
        return new GovernanceFinding(Codes.HISTORY_ONLY, "high", "removed from HEAD but still in history; rotate it");
    }

    /** {@code secret-sprawl} for these locations, or null. */
    static GovernanceFinding sprawl(java.util.Collection<Location> locations) {
        List<String> repos = locations.stream().map(l -> l.details().get("repo")).filter(java.util.Objects::nonNull)
                .map(Object::toString).distinct().sorted().toList();
        long paths = locations.stream().map(l -> l.details().getOrDefault("repo", "") + "\u0000" + l.path())
                .distinct().count();
        if (repos.size() >= SPRAWL_REPOS) {
            return new GovernanceFinding(Codes.SECRET_SPRAWL, "medium",
                    "the same secret appears in " + repos.size() + " repositories (" + String.join(", ", repos)
                            + "); every copy must be rotated together");
        }
        if (paths >= SPRAWL_PATHS) {
            return new GovernanceFinding(Codes.SECRET_SPRAWL, "medium",
                    "the same secret appears in " + paths + " different files; every copy must be rotated together");
        }
        return null;
    }

    /** True when the secret is only in git history: no location in HEAD, the index or a file. */
    static boolean historyOnly(Iterable<Location> locations) {
        boolean any = false;
        for (Location l : locations) {
            if (!"git".equals(l.source()) || Boolean.TRUE.equals(l.details().get("inHead"))
                    || Boolean.TRUE.equals(l.details().get("staged"))) {
                return false;
            }
            any = true;
        }
        return any;
    }
}
