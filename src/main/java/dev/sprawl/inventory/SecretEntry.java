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
        String ignored) {

    public SecretEntry(String fingerprint, Rule rule, Confidence confidence, SecretValue secret,
                       SortedMap<String, String> attributes, Owner owner, List<Location> locations,
                       List<GovernanceFinding> findings, Boolean isNew) {
        this(fingerprint, rule, confidence, secret, attributes, owner, locations, findings, isNew, null);
    }

    public SecretEntry {
        locations = List.copyOf(locations);
        findings = List.copyOf(findings);
    }

    public boolean hasFinding(String code) {
        return findings.stream().anyMatch(f -> f.code().equals(code));
    }
}
