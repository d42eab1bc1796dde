package dev.sprawl.source.image;

import dev.sprawl.source.ScanWarning;
import dev.sprawl.source.SourceContext;
import dev.sprawl.source.TaskGroup;
import dev.sprawl.timing.Timings;
import dev.sprawl.source.archive.ArchiveLimits;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Scans the images of one target: every config, then every distinct layer once (by digest), however
 * many images or platforms share it. Whether a file is hidden depends on the layers above it, so a
 * layer is read once every layer above it (in every image that holds it) has been read; layers whose
 * turn has come are read in parallel, and each layer's files are scanned on the workers while the
 * layer streams on. Layers that sit above each other in different images (a cycle) are broken by
 * listing one of them first. Uncompressed layers on disk are listed up front from their headers, so
 * they are all read in parallel from the start.
 */
final class ImageScanner {

    private final SourceContext ctx;
    private final ArchiveLimits limits;
    private final String where;
    private final boolean local;

    /**
     * @param local true when layers are read from disk: uncompressed ones are then listed first (from
     *              their tar headers, cheaply), so every layer can be read in parallel at once
     */
    ImageScanner(SourceContext ctx, ArchiveLimits limits, String where, boolean local) {
        this.ctx = ctx;
        this.limits = limits;
        this.where = where;
        this.local = local;
    }

    void scan(List<ImageSpec> images) throws InterruptedException {
        TaskGroup tasks = new TaskGroup(ctx.workers(), e -> ctx.sink().warn(new ScanWarning("internal-error",
                "unexpected " + e.getClass().getSimpleName() + " while scanning an image", where, true)));
        for (ImageSpec image : images) {
            tasks.submit(() -> ConfigBlobs.scan(image, ctx.sink()));
        }
        Map<String, LayerListing> listings = new ConcurrentHashMap<>();
        Map<String, LayerRef> distinct = new LinkedHashMap<>();
        Map<String, List<LayerReader.Occurrence>> occurrences = new HashMap<>();
        Map<String, Set<String>> above = new HashMap<>();
        for (ImageSpec image : images) {
            List<LayerRef> layers = image.layers();
            for (int i = layers.size() - 1; i >= 0; i--) {
                String id = layers.get(i).id();
                distinct.putIfAbsent(id, layers.get(i));
                occurrences.computeIfAbsent(id, k -> new ArrayList<>()).add(new LayerReader.Occurrence(image, i));
                Set<String> up = above.computeIfAbsent(id, k -> new HashSet<>());
                for (int j = i + 1; j < layers.size(); j++) {
                    if (!layers.get(j).id().equals(id)) {
                        up.add(layers.get(j).id());
                    }
                }
            }
        }
        if (local && distinct.size() > 1) {
            TaskGroup listing = new TaskGroup(ctx.workers(), e -> { });
            for (Map.Entry<String, LayerRef> l : distinct.entrySet()) {
                LayerReader reader = reader(l.getValue(), occurrences.get(l.getKey()), listings, tasks);
                listing.submit(() -> {
                    LayerListing found = reader.listIfPlain();
                    if (found != null) {
                        listings.put(l.getKey(), found);
                    }
                });
            }
            listing.await();
        }
        Set<String> pending = new LinkedHashSet<>(distinct.keySet());
        Set<String> listedOnly = new HashSet<>();
        Object lock = new Object();
        int[] running = {0};
        try {
            while (true) {
                List<String> ready = new ArrayList<>();
                synchronized (lock) {
                    for (String id : pending) {
                        if (listings.keySet().containsAll(above.get(id))) {
                            ready.add(id);
                        }
                    }
                    pending.removeAll(ready);
                    running[0] += ready.size();
                    if (ready.isEmpty()) {
                        if (pending.isEmpty() && running[0] == 0) {
                            break;
                        }
                        if (running[0] == 0) {
                            String id = pending.stream().filter(p -> !listedOnly.contains(p)).findFirst()
                                    .orElseThrow(() -> new IllegalStateException("layer order cannot be resolved"));
                            listedOnly.add(id);
                            listings.put(id, reader(distinct.get(id), occurrences.get(id), listings, tasks).read(false));
                            continue;
                        }
                        lock.wait();
                        continue;
                    }
                }
                for (String id : ready) {
                    LayerReader reader = reader(distinct.get(id), occurrences.get(id), listings, tasks);
                    Timings.Phase phase = Timings.carry();
                    ctx.workers().execute(() -> {
                        LayerListing listing = new LayerListing();
                        try (Timings.Scope timed = Timings.enter(phase)) {
                            listing = reader.read(true);
                        } catch (RuntimeException e) {
                            ctx.sink().warn(new ScanWarning("internal-error", "unexpected " + e.getClass().getSimpleName()
                                    + " while reading layer " + Digest.shortForm(id), where, true));
                        } finally {
                            synchronized (lock) {
                                listings.put(id, listing);
                                running[0]--;
                                lock.notifyAll();
                            }
                        }
                    });
                }
            }
        } finally {
            tasks.await();
        }
    }

    private LayerReader reader(LayerRef layer, List<LayerReader.Occurrence> occ, Map<String, LayerListing> listings,
                               TaskGroup tasks) {
        return new LayerReader(layer, occ, listings, ctx, limits, tasks, where);
    }
}
