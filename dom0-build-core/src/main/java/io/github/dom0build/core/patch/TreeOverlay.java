package io.github.dom0build.core.patch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The source tree as the series has changed it so far, in memory: unchanged files are read from disk when
 * first needed, changed ones are kept here. Nothing is written; the whole series is tried on this first.
 */
final class TreeOverlay {
    private final TreePaths paths;
    private final Map<String, Optional<TextFile>> original = new LinkedHashMap<>();
    private final Map<String, Optional<TextFile>> current = new LinkedHashMap<>();

    TreeOverlay(TreePaths paths) {
        this.paths = paths;
    }

    /** The file's content so far, or empty when it does not exist (any more). */
    Optional<TextFile> get(String path, String patch) throws PatchException {
        Optional<TextFile> state = current.get(path);
        if (state == null) {
            state = read(path, patch);
            original.put(path, state);
            current.put(path, state);
        }
        return state;
    }

    void put(String path, Optional<TextFile> state, String patch) throws PatchException {
        get(path, patch);
        current.put(path, state);
    }

    /** Whether {@code path} is a regular file so far (for the directories a new file needs). */
    boolean isFile(String path) {
        Optional<TextFile> state = current.get(path);
        if (state != null) {
            return state.isPresent();
        }
        return Files.isRegularFile(paths.root().resolve(path), LinkOption.NOFOLLOW_LINKS);
    }

    /** Every path read, with its content on disk. */
    Map<String, Optional<TextFile>> originals() {
        return Collections.unmodifiableMap(original);
    }

    /** The paths whose content or mode differs from disk, with their new state. */
    Map<String, Optional<TextFile>> changes() {
        Map<String, Optional<TextFile>> changes = new LinkedHashMap<>();
        current.forEach((path, state) -> {
            if (!state.equals(original.get(path))) {
                changes.put(path, state);
            }
        });
        return changes;
    }

    private Optional<TextFile> read(String path, String patch) throws PatchException {
        Path file = paths.resolve(path, patch);
        try {
            if (Files.isSymbolicLink(file)) {
                throw new PatchException(patch, path, "Patch " + patch + " changes " + path + ", which is a symbolic"
                        + " link in the tree; patches are only applied to regular files.",
                        "make the patch change the file the link points to");
            }
            if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
                return Optional.empty();
            }
            if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                throw new PatchException(patch, path, "Patch " + patch + " changes " + path + ", which is "
                        + (Files.isDirectory(file) ? "a directory" : "not a regular file") + " in the tree.",
                        "check the file names in the patch and its strip level (-pN)");
            }
            return Optional.of(TextFile.of(Files.readAllBytes(file), isExecutable(file)));
        } catch (IOException e) {
            throw new PatchException(patch, path, "Cannot read " + file + " for patch " + patch + ": " + e,
                    "check the permissions of the source tree", e);
        }
    }

    static boolean isExecutable(Path file) throws IOException {
        try {
            return Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS)
                    .contains(PosixFilePermission.OWNER_EXECUTE);
        } catch (UnsupportedOperationException e) {
            return Files.isExecutable(file);
        }
    }
}
