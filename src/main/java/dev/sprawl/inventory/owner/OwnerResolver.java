package dev.sprawl.inventory.owner;

import dev.sprawl.classify.Location;
import dev.sprawl.inventory.Owner;

/** Finds the owner of a location; null when it has none. */
@FunctionalInterface
public interface OwnerResolver {

    Owner ownerOf(Location location);

    OwnerResolver NONE = location -> null;
}
