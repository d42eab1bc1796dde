package dev.sprawl.inventory;

import dev.sprawl.classify.Location;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * A credential consumed by name without being contained: {@code ${{ secrets.NPM_TOKEN }}} in a
 * workflow, a {@code secretKeyRef} in a Deployment, a Vault data source in Terraform... (the
 * inventory's {@code references[]}). It maps which pipeline or workload uses which credential.
 *
 * @param name the credential's name as the consumer writes it ({@code NPM_TOKEN}, {@code db-creds/password})
 * @param kind how it is consumed ({@code github-actions-secret}, {@code k8s-secret-key-ref}, {@code vault}...)
 */
public record SecretReference(String name, String kind, List<Location> locations) {

    /** One sighting of a reference, before grouping. */
    public record Sighting(String name, String kind, Location location) {
    }

    public SecretReference {
        locations = List.copyOf(locations);
    }

    /** Groups sightings by name and kind; sorted by name, then kind; locations sorted and distinct. */
    public static List<SecretReference> group(List<Sighting> sightings) {
        Map<List<String>, TreeSet<Location>> byKey = new LinkedHashMap<>();
        for (Sighting s : sightings) {
            byKey.computeIfAbsent(List.of(s.name(), s.kind()), k -> new TreeSet<>(Location.ORDER)).add(s.location());
        }
        List<SecretReference> out = new ArrayList<>();
        byKey.forEach((k, locs) -> out.add(new SecretReference(k.get(0), k.get(1), new ArrayList<>(locs))));
        out.sort(Comparator.comparing(SecretReference::name).thenComparing(SecretReference::kind));
        return out;
    }
}
