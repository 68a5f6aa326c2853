package io.github.dom0build.core.patch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Resolves tree paths from patches to files, refusing those that would leave the tree through a symbolic
 * link. In a git tree any link on the way is refused: git records the link, not what lies behind it.
 */
final class TreePaths {
    private final Path root;
    private final Path realRoot;
    private final boolean git;

    TreePaths(Path root, boolean git) throws IOException {
        this.root = root;
        this.realRoot = root.toRealPath();
        this.git = git;
    }

    Path root() {
        return root;
    }

    /** The file for {@code path}; the last component itself is not followed (callers check it). */
    Path resolve(String path, String patch) throws PatchException {
        String[] parts = path.split("/");
        Path current = root;
        for (int i = 0; i < parts.length - 1; i++) {
            current = current.resolve(parts[i]);
            if (!Files.isSymbolicLink(current)) {
                continue;
            }
            String link = root.relativize(current).toString();
            if (git) {
                throw new PatchException(patch, path, "Patch " + patch + " changes " + path + ", which lies behind the"
                        + " symbolic link " + link + "; git tracks the link itself, not the files it points to.",
                        "make the patch change the file at its real path");
            }
            Path target;
            try {
                target = current.toRealPath();
            } catch (IOException e) {
                target = null;
            }
            if (target == null || !target.startsWith(realRoot)) {
                throw new PatchException(patch, path, "Patch " + patch + " changes " + path + ", but " + link
                        + " is a symbolic link that leads " + (target == null ? "nowhere" : "outside the tree, to "
                        + target) + ". Such a patch is refused.",
                        "check the patch and the source tree: patches may only change files inside the tree");
            }
        }
        return root.resolve(path);
    }
}
