package dev.sprawl.inventory;

import dev.sprawl.classify.Location;
import dev.sprawl.detect.SecretValue;
import dev.sprawl.rules.Confidence;
import dev.sprawl.rules.Rule;
import java.util.List;
import java.util.SortedMap;

/**
 * One distinct secret in the inventory, with every place it appears.
 *
 * @param owner  null when no owner could be resolved
 * @param isNew  null without a baseline; otherwise whether the baseline lacks this fingerprint
 * @param ignored why the secret is suppressed ({@code sprawl:allow} on every line, a
 *               {@code .sprawlignore} entry), or null when it is not: a suppressed secret stays in the
 *               inventory but does not fail the build
 * @param nhi     the manifest identity that matched it, or null (set by {@code dev.sprawl.govern})
 * @param lifecycle when history saw it (set by {@code dev.sprawl.govern}); never null
 * @param suggestedOwners leads for a secret without owner (set by {@code dev.sprawl.govern}), possibly empty
 */
public record SecretEntry(
        String fingerprint,
        Rule rule,
        Confidence confidence,
        SecretValue secret,
        SortedMap<String, String> attributes,
        Owner owner,
        List<Location> locations,
        List<GovernanceFinding> findings,
        Boolean isNew,
        String ignored,
        Nhi nhi,
        Lifecycle lifecycle,
        List<SuggestedOwner> suggestedOwners) {

    public SecretEntry(String fingerprint, Rule rule, Confidence confidence, SecretValue secret,
                       SortedMap<String, String> attributes, Owner owner, List<Location> locations,
                       List<GovernanceFinding> findings, Boolean isNew, String ignored) {
        this(fingerprint, rule, confidence, secret, attributes, owner, locations, findings, isNew, ignored,
                null, Lifecycle.UNKNOWN, List.of());
    }

    public SecretEntry(String fingerprint, Rule rule, Confidence confidence, SecretValue secret,
                       SortedMap<String, String> attributes, Owner owner, List<Location> locations,
                       List<GovernanceFinding> findings, Boolean isNew) {
        this(fingerprint, rule, confidence, secret, attributes, owner, locations, findings, isNew, null);
    }

    public SecretEntry {
        locations = List.copyOf(locations);
        findings = List.copyOf(findings);
        lifecycle = lifecycle == null ? Lifecycle.UNKNOWN : lifecycle;
        suggestedOwners = List.copyOf(suggestedOwners);
    }

    /** This entry with what governance adds: the manifest identity, owner, findings, dates and leads. */
    public SecretEntry governed(Nhi nhi, Owner owner, List<GovernanceFinding> findings, Lifecycle lifecycle,
                                List<SuggestedOwner> suggestedOwners) {
        return new SecretEntry(fingerprint, rule, confidence, secret, attributes, owner, locations, findings, isNew,
                ignored, nhi, lifecycle, suggestedOwners);
    }

    public boolean hasFinding(String code) {
        return findings.stream().anyMatch(f -> f.code().equals(code));
    }
}
