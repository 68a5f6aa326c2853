package io.github.dom0build.core.patch;

import io.github.dom0build.core.io.FileTrees;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Phase 2: writes the patched files. Only runs once the journal is on disk; each file is replaced
 * atomically, keeping its permissions unless the patch changes the executable bit.
 */
final class TreeWriter {
    /** Told of each step of phase 2 as it completes; tests use it to simulate a crash. */
    interface Progress {
        Progress NONE = step -> {
        };

        void reached(String step) throws IOException;
    }

    private static final PosixFilePermission[][] READ_TO_EXECUTE = {
        {PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_EXECUTE},
        {PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_EXECUTE},
        {PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_EXECUTE},
    };

    private final Path root;
    private final Progress progress;

    TreeWriter(Path root, Progress progress) {
        this.root = root;
        this.progress = progress;
    }

    /** Writes {@code changes}; {@code originals} tells which files existed and with what content. */
    void write(Map<String, Optional<TextFile>> changes, Map<String, Optional<TextFile>> originals)
            throws IOException {
        Set<Path> dirs = new LinkedHashSet<>();
        List<Path> deleted = new ArrayList<>();
        // deletions first, so that a file can make way for a directory of the same name
        for (Map.Entry<String, Optional<TextFile>> e : changes.entrySet()) {
            if (e.getValue().isEmpty()) {
                Path file = root.resolve(e.getKey());
                Files.deleteIfExists(file);
                deleted.add(file);
                dirs.add(file.getParent());
                progress.reached("delete " + e.getKey());
            }
        }
        for (Map.Entry<String, Optional<TextFile>> e : changes.entrySet()) {
            if (e.getValue().isPresent()) {
                Path file = root.resolve(e.getKey());
                TextFile content = e.getValue().get();
                Optional<TextFile> before = originals.getOrDefault(e.getKey(), Optional.empty());
                Set<PosixFilePermission> permissions = before.isPresent() ? permissions(file) : null;
                if (!before.isPresent() || !before.get().lines().equals(content.lines())) {
                    FileTrees.writeAtomically(file, content.bytes());
                }
                setMode(file, permissions, content.executable());
                dirs.add(file.getParent());
                progress.reached("write " + e.getKey());
            }
        }
        for (Path file : deleted) {
            removeEmptyParents(file);
        }
        dirs.forEach(Durable::syncDirectory);
    }

    /** As git and GNU patch do, directories left empty by a deletion go too (the tree root stays). */
    private void removeEmptyParents(Path file) throws IOException {
        for (Path dir = file.getParent(); dir != null && !dir.equals(root) && dir.startsWith(root);
                dir = dir.getParent()) {
            if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS) || !FileTrees.isMissingOrEmpty(dir)) {
                return;
            }
            Files.delete(dir);
        }
    }

    private static Set<PosixFilePermission> permissions(Path file) throws IOException {
        try {
            return Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS);
        } catch (UnsupportedOperationException e) {
            return null;
        }
    }

    /**
     * Gives the file {@code original} permissions (those of a new file when null), with execute bits
     * added where read bits are, or all removed, when the executable state must change.
     */
    private static void setMode(Path file, Set<PosixFilePermission> original, boolean executable)
            throws IOException {
        Set<PosixFilePermission> base = original != null ? original : permissions(file);
        if (base == null) {
            file.toFile().setExecutable(executable);
            return;
        }
        Set<PosixFilePermission> p = EnumSet.noneOf(PosixFilePermission.class);
        p.addAll(base);
        if (p.contains(PosixFilePermission.OWNER_EXECUTE) != executable) {
            for (PosixFilePermission[] pair : READ_TO_EXECUTE) {
                if (!executable) {
                    p.remove(pair[1]);
                } else if (p.contains(pair[0])) {
                    p.add(pair[1]);
                }
            }
            if (executable) {
                p.add(PosixFilePermission.OWNER_EXECUTE);
            }
        }
        Files.setPosixFilePermissions(file, p);
    }
}
