package io.github.dom0build.core.fetch.extract;

import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.Map;

/**
 * What the archive has put where so far, by normalized path. The duplicate, write-through-link and
 * hard-link rules are decided here rather than by looking at the disk, so a link the archive
 * created can never change an answer. Nothing is ever replaced, which is what makes that sound: a
 * path that is a directory now stays one.
 */
final class ExtractedTree {
    enum Kind {
        /** A directory entry. */
        DIRECTORY,
        /** A directory created because entries below it came first (or without one). */
        IMPLIED_DIRECTORY,
        /** A regular file or a hard link to one. */
        FILE,
        SYMLINK
    }

    /**
     * One extracted path.
     *
     * @param entry          the entry name as stored, for messages; {@code null} for implied directories
     * @param mode           for directories, the archive's mode, or -1
     * @param mtime          for directories, the archive's mtime, or {@code null}
     * @param linkTarget     for symbolic links, the target as stored
     * @param resolvedTarget for symbolic links, the target relative to the destination
     */
    record Node(Kind kind, String entry, int mode, FileTime mtime, String linkTarget, String resolvedTarget) {
        static final Node IMPLIED = new Node(Kind.IMPLIED_DIRECTORY, null, -1, null, null, null);

        boolean isDirectory() {
            return kind == Kind.DIRECTORY || kind == Kind.IMPLIED_DIRECTORY;
        }
    }

    private final Map<String, Node> nodes = new HashMap<>(1 << 16);
    private String topLevel;
    private boolean singleTopLevel = true;

    Node get(String path) {
        return nodes.get(path);
    }

    boolean isDirectory(String path) {
        Node node = nodes.get(path);
        return node != null && node.isDirectory();
    }

    /**
     * Records an entry at {@code path}; returns the node already there, in which case nothing is
     * recorded. A directory entry may take over a directory implied by entries that came before it.
     */
    Node add(String path, Node node) {
        Node earlier = nodes.putIfAbsent(path, node);
        if (earlier != null) {
            // A directory named twice (tar cf x.tar dir dir/sub) overwrites nothing; the later mode wins,
            // as with tar. Every other repetition could overwrite content, and is refused by the caller.
            boolean bothDirectories = node.kind() == Kind.DIRECTORY
                    && (earlier.kind() == Kind.IMPLIED_DIRECTORY || earlier.kind() == Kind.DIRECTORY);
            if (!bothDirectories) {
                return earlier;
            }
            nodes.put(path, node);
        }
        noteTopLevel(path, node);
        return null;
    }

    private void noteTopLevel(String path, Node node) {
        if (path.isEmpty()) {
            return; // "./": the archive's root, not a top-level entry
        }
        String top = EntryPaths.topLevelName(path);
        if (topLevel == null) {
            topLevel = top;
        } else if (!topLevel.equals(top)) {
            singleTopLevel = false;
        }
        if (path.equals(top) && !node.isDirectory()) {
            singleTopLevel = false;
        }
    }

    /** The one top-level directory that holds every entry, or {@code null} if there is no such one. */
    String singleTopLevelDirectory() {
        return singleTopLevel && topLevel != null && isDirectory(topLevel) ? topLevel : null;
    }

    Map<String, Node> nodes() {
        return nodes;
    }
}
