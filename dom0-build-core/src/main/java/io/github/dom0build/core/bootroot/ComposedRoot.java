package io.github.dom0build.core.bootroot;

import io.github.dom0build.core.guard.InsidePaths;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A base root (a distribution userland) with overlays on top (the dom0 bundle, files the boot test
 * adds), composed the way copying them onto the base would on the booted system: an overlay's path
 * is resolved through the base's links ({@code lib -> usr/lib}, {@code var/run -> /run}), an
 * overlay's file replaces the base's file at that path, and a file where the base has a directory is
 * refused. Read as a {@link RootSource}: the base's entries in its order without those replaced, then
 * the overlays' entries with any missing parent directories before them. Hard links come out as
 * plain files with their own copy of the data, which every image format can hold.
 */
public final class ComposedRoot implements RootSource {
    private final RootSource base;
    private final List<RootSource> overlays;
    private final Map<String, RootEntry> tree = new HashMap<>();
    private final Set<String> replaced = new HashSet<>();
    private final Set<String> hardLinkTargets = new HashSet<>();
    /** Where each overlay entry lands, keyed by overlay index and the entry's own path. */
    private final Map<String, RootEntry> placements = new LinkedHashMap<>();
    /** Which placement holds each path an overlay wrote, so a later overlay's entry replaces it. */
    private final Map<String, String> placedAt = new HashMap<>();
    private final List<String> moved = new ArrayList<>();

    private ComposedRoot(RootSource base, List<RootSource> overlays) {
        this.base = base;
        this.overlays = List.copyOf(overlays);
    }

    /** Reads every source once to decide where each overlay entry goes; nothing is written. */
    public static ComposedRoot compose(RootSource base, List<RootSource> overlays) throws IOException {
        ComposedRoot c = new ComposedRoot(base, overlays);
        base.read((e, data) -> {
            c.tree.put(e.path(), e);
            if (e.type() == RootEntry.Type.HARD_LINK) {
                c.hardLinkTargets.add(e.linkTarget());
            }
        });
        InsidePaths.Links links = path -> {
            RootEntry e = c.tree.get(path);
            return e != null && e.type() == RootEntry.Type.SYMLINK ? e.linkTarget() : null;
        };
        for (int i = 0; i < overlays.size(); i++) {
            int index = i;
            RootSource overlay = overlays.get(i);
            overlay.read((e, data) -> c.place(index, overlay, e, links));
        }
        return c;
    }

    private void place(int overlay, RootSource source, RootEntry e, InsidePaths.Links links) throws IOException {
        if (e.type() == RootEntry.Type.HARD_LINK) {
            throw new IOException(source.describe() + ": hard link " + RootPaths.printable(e.path())
                    + " in an overlay; overlays hold files, directories and symbolic links");
        }
        // A directory lands where the links lead; a file or link replaces what is at its own name.
        String target = InsidePaths.resolve(e.path(), e.isDirectory(), links);
        if (!target.equals(e.path())) {
            moved.add(e.path() + " -> " + target);
        }
        RootEntry existing = tree.get(target);
        if (e.isDirectory()) {
            if (existing != null && existing.isDirectory()) {
                return; // already there
            }
            if (existing != null) {
                throw conflict(source, e, target, existing);
            }
        } else if (existing != null && existing.isDirectory()) {
            throw conflict(source, e, target, existing);
        } else if (existing != null) {
            String earlier = placedAt.get(target);
            if (earlier != null) {
                placements.remove(earlier);
            } else {
                replaced.add(target);
            }
        }
        RootEntry placed = e.at(target);
        tree.put(target, placed);
        String key = overlay + ":" + e.path();
        placements.put(key, placed);
        placedAt.put(target, key);
    }

    private static IOException conflict(RootSource source, RootEntry e, String target, RootEntry existing) {
        return new IOException(source.describe() + " puts a " + kind(e) + " at " + RootPaths.printable(target)
                + (target.equals(e.path()) ? "" : " (" + RootPaths.printable(e.path()) + " through the base's links)")
                + ", where the base root has a " + kind(existing));
    }

    private static String kind(RootEntry e) {
        return e.type().name().toLowerCase().replace('_', ' ');
    }

    /** Overlay paths that the base's links sent elsewhere, as {@code from -> to}, in overlay order. */
    public List<String> moved() {
        return List.copyOf(moved);
    }

    /** Base paths whose entry an overlay replaced. */
    public Set<String> replaced() {
        return Set.copyOf(replaced);
    }

    @Override
    public String describe() {
        StringBuilder sb = new StringBuilder(base.describe());
        overlays.forEach(o -> sb.append(" + ").append(o.describe()));
        return sb.toString();
    }

    @Override
    public void read(Visitor visitor) throws IOException {
        Set<String> written = new HashSet<>();
        Map<String, byte[]> linkData = new HashMap<>();
        base.read((e, data) -> {
            if (replaced.contains(e.path())) {
                return;
            }
            if (e.type() == RootEntry.Type.HARD_LINK) {
                byte[] d = linkData.get(e.linkTarget());
                if (d == null) {
                    throw new IOException(base.describe() + ": hard link " + RootPaths.printable(e.path())
                            + " names " + RootPaths.printable(e.linkTarget()) + ", which is not an earlier file");
                }
                visitor.visit(new RootEntry(e.path(), RootEntry.Type.FILE, e.mode(), e.uid(), e.gid(), d.length, null,
                        0, 0), new ByteArrayInputStream(d));
            } else if (hardLinkTargets.contains(e.path()) && e.type() == RootEntry.Type.FILE) {
                byte[] d = data.readNBytes((int) e.size());
                linkData.put(e.path(), d);
                visitor.visit(e, new ByteArrayInputStream(d));
            } else {
                visitor.visit(e, data);
            }
            written.add(e.path());
        });
        for (int i = 0; i < overlays.size(); i++) {
            int index = i;
            overlays.get(i).read((e, data) -> {
                RootEntry placed = placements.get(index + ":" + e.path());
                if (placed == null) {
                    return; // a directory the base already has, or replaced by a later overlay
                }
                parents(placed.path(), written, visitor);
                visitor.visit(placed, data);
                written.add(placed.path());
            });
        }
    }

    private static void parents(String path, Set<String> written, Visitor visitor) throws IOException {
        String parent = RootPaths.parent(path);
        if (parent.isEmpty() || written.contains(parent)) {
            return;
        }
        parents(parent, written, visitor);
        visitor.visit(RootEntry.directory(parent, 0755), InputStream.nullInputStream());
        written.add(parent);
    }
}
