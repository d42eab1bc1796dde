package dev.sprawl.govern;

import dev.sprawl.classify.Location;
import dev.sprawl.inventory.GovernanceFinding;
import dev.sprawl.inventory.Inventory;
import dev.sprawl.inventory.Lifecycle;
import dev.sprawl.inventory.Nhi;
import dev.sprawl.inventory.Owner;
import dev.sprawl.inventory.ResolvedSecret;
import dev.sprawl.inventory.SecretEntry;
import dev.sprawl.inventory.SuggestedOwner;
import dev.sprawl.source.ScanWarning;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The governance stage: reads an inventory and adds to it, never scanning again. For each secret it
 * finds the manifest identity that matches it ({@code nhi}), takes the identity's owner (the
 * strongest source), dates it from history ({@code firstSeen}, {@code lastSeen}, {@code ageDays},
 * {@code exposureDays}), suggests owners when none resolves and puts the governance findings
 * ({@link Checks}) before the key material's own. With a baseline it lists the secrets gone since
 * ({@code resolved}). Ages are judged against the scan's start, so a fixed clock gives fixed results.
 */
public final class Governance {

    /** Governance without manifest or baseline. */
    public static final Governance DEFAULT = new Governance(Map.of(), null, null);

    private final Map<String, Manifest> byTarget;
    private final Manifest forAll;
    private final List<BaselineSecret> baseline;

    Governance(Map<String, Manifest> byTarget, Manifest forAll, List<BaselineSecret> baseline) {
        this.byTarget = Map.copyOf(byTarget);
        this.forAll = forAll;
        this.baseline = baseline == null ? null : List.copyOf(baseline);
    }

    /**
     * Reads the manifests: {@code config} for every target when given, else each target's root
     * {@code .sprawl.yaml}; none with {@code noConfig}.
     *
     * @param labels how each target is named in the inventory (the {@code target} detail)
     * @throws ManifestException a manifest is missing, unreadable or invalid ({@code file:line:} problems)
     */
    public static Governance load(List<Path> targets, List<String> labels, Path config, boolean noConfig)
            throws ManifestException {
        if (noConfig) {
            return DEFAULT;
        }
        if (config != null) {
            return new Governance(Map.of(), ManifestFiles.read(config), null);
        }
        Map<String, Manifest> found = new HashMap<>();
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < targets.size(); i++) {
            try {
                Optional<Manifest> m = ManifestFiles.atRoot(targets.get(i));
                if (m.isPresent()) {
                    found.put(labels.get(i), m.get());
                }
            } catch (ManifestException e) {
                problems.addAll(e.problems());
            }
        }
        if (!problems.isEmpty()) {
            throw new ManifestException(problems);
        }
        return new Governance(found, null, null);
    }

    /** This governance comparing against the secrets of a baseline. */
    public Governance withBaseline(List<BaselineSecret> secrets) {
        return new Governance(byTarget, forAll, secrets);
    }

    /** True when a manifest governs some target. */
    public boolean hasManifest() {
        return forAll != null || !byTarget.isEmpty();
    }

    /**
     * Codes that only a manifest gives: {@code sprawl merge} keeps them from the input holding the
     * merged secret's first location (the location a scan picks the manifest by).
     */
    public static final Set<String> MANIFEST_CODES = Set.of(Codes.MISSING_PURPOSE, Codes.UNDECLARED_IDENTITY,
            Codes.IDENTITY_EXPIRED, Codes.ROTATION_OVERDUE);

    /** Every code the governance stage gives ({@link Checks}). */
    public static final Set<String> CODES = Set.copyOf(Codes.ALL);

    /**
     * What the governance stage derives for one secret from its rule, final owner and locations.
     *
     * @param lifecycle       {@code firstSeen}, {@code lastSeen}, {@code ageDays}, {@code exposureDays}
     * @param suggestedOwners the leads when it has no owner
     * @param findings        the governance findings, in the order a scan gives them (before the
     *                        inventory stage's own)
     */
    public record Derived(Lifecycle lifecycle, List<SuggestedOwner> suggestedOwners, List<GovernanceFinding> findings) {
        public Derived {
            suggestedOwners = List.copyOf(suggestedOwners);
            findings = List.copyOf(findings);
        }
    }

    /**
     * {@link #apply}'s work on one secret, for {@code sprawl merge} (which has the merged locations but
     * not the manifests): everything derived from the locations is recomputed as a scan computes it;
     * what a manifest said ({@link #MANIFEST_CODES}, and the wording of {@code missing-owner} that
     * names the manifest) is taken from {@code fromManifest}, the findings the secret already carries.
     *
     * @param owner the secret's final owner (a manifest's identity owner included), or null
     * @param now   the scan's start: ages are counted to it
     */
    public static Derived derive(String ruleId, dev.sprawl.rules.Category category, Owner owner,
                                 List<Location> locations, java.time.Instant now, List<GovernanceFinding> fromManifest) {
        boolean historyOnly = Checks.historyOnly(locations);
        Lifecycle life = Lifecycles.of(locations, historyOnly, now);
        List<GovernanceFinding> out = new ArrayList<>();
        if (owner == null) {
            out.add(fromManifest.stream().filter(f -> f.code().equals(Codes.MISSING_OWNER)).findFirst()
                    .orElse(Checks.missingOwner(category, null)));
        }
        fromManifest.stream().filter(f -> MANIFEST_CODES.contains(f.code())).forEach(out::add);
        GovernanceFinding sprawl = Checks.sprawl(locations);
        if (sprawl != null) {
            out.add(sprawl);
        }
        if (historyOnly) {
            out.add(Checks.historyOnlyFinding());
        }
        GovernanceFinding cloud = CloudInCi.check(ruleId, locations);
        if (cloud != null) {
            out.add(cloud);
        }
        List<SuggestedOwner> suggested = owner == null ? SuggestedOwners.of(locations) : List.of();
        return new Derived(life, suggested, out);
    }

    public Inventory apply(Inventory inv) {
        LocalDate today = LocalDate.ofInstant(inv.startedAt(), ZoneOffset.UTC);
        List<SecretEntry> out = new ArrayList<>(inv.secrets().size());
        Set<String> present = new HashSet<>();
        for (SecretEntry s : inv.secrets()) {
            present.add(s.fingerprint());
            out.add(govern(s, manifestOf(s, inv), inv, today));
        }
        List<ScanWarning> warnings = inv.warnings();
        List<ResolvedSecret> resolved = null;
        if (baseline != null) {
            if (inv.complete()) {
                resolved = Resolution.of(baseline, present, inv.startedAt());
            } else {
                resolved = List.of();
                warnings = new ArrayList<>(warnings);
                warnings.add(new ScanWarning("resolved-unknown", "the scan is incomplete, so secrets of the baseline "
                        + "it did not find are not reported as resolved", null, false));
            }
        }
        return inv.governed(out, warnings, resolved);
    }

    private SecretEntry govern(SecretEntry s, Manifest manifest, Inventory inv, LocalDate today) {
        DeclaredIdentity identity = manifest == null ? null : manifest.identityOf(s);
        Nhi nhi = identity == null ? null : identity.nhi(manifest.file());
        Owner owner = s.owner();
        if (identity != null && identity.owner() != null) {
            owner = new Owner(identity.owner(), "manifest", manifest.file() + ":" + identity.ownerLine(), List.of());
        }
        boolean historyOnly = Checks.historyOnly(s.locations());
        Lifecycle life = Lifecycles.of(s.locations(), historyOnly, inv.startedAt());
        List<GovernanceFinding> findings = new ArrayList<>(Checks.of(s, owner, manifest, identity, life, historyOnly, today));
        findings.addAll(s.findings());
        List<SuggestedOwner> suggested = owner == null ? SuggestedOwners.of(s.locations()) : List.of();
        return s.governed(nhi, owner, findings, life, suggested);
    }

    /** The manifest of the target the secret's first location belongs to, or null. */
    private Manifest manifestOf(SecretEntry s, Inventory inv) {
        if (forAll != null) {
            return forAll;
        }
        if (byTarget.isEmpty()) {
            return null;
        }
        return byTarget.get(targetOf(s.locations().get(0), inv));
    }

    static String targetOf(Location l, Inventory inv) {
        Object t = l.details().get("target");
        return t != null ? t.toString() : inv.targets().isEmpty() ? "" : inv.targets().get(0);
    }

    /**
     * The codes of a governed secret that its manifest's {@code policy.fail} fails the build on;
     * empty for a suppressed secret or one no manifest governs.
     */
    public List<String> policyFailures(SecretEntry s, Inventory inv) {
        Manifest m = manifestOf(s, inv);
        if (m == null || s.ignored() != null) {
            return List.of();
        }
        return s.findings().stream().map(GovernanceFinding::code).filter(m.policy().fail()::contains).distinct().toList();
    }
}
