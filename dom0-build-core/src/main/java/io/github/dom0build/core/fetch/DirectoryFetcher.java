package io.github.dom0build.core.fetch;

import io.github.dom0build.core.BuildException;
import io.github.dom0build.core.io.FileTrees;
import io.github.dom0build.core.io.Sha256;
import io.github.dom0build.core.log.BuildLog;
import io.github.dom0build.core.metadata.Sources;
import io.github.dom0build.core.stamp.StampStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;

/**
 * Local directories. In place (the default), the target becomes a symbolic link to the directory, so
 * every later goal finds the sources where it expects them and nothing is copied. With copy, the tree
 * is copied (links kept as links) and re-copied whenever a file's size or mtime changed.
 */
final class DirectoryFetcher {
    private final BuildLog log;

    DirectoryFetcher(BuildLog log) {
        this.log = log;
    }

    FetchResult fetch(DirectorySource src, FetchRequest req) throws BuildException {
        Path target = req.target();
        Path dir = src.path();
        try {
            if (!src.copy()) {
                return link(src, target, req);
            }
            Sources.Identity identity = src.identity().withFingerprint(fingerprint(dir));
            if (FetchStamp.matches(target, identity)) {
                log.info("Sources up to date: " + target + " is a copy of " + dir + " and nothing there changed");
                return new FetchResult(target, identity, Sources.Resolved.NONE, false);
            }
            TargetGuard.ensureReplaceable(target, req.force(), req.deletionRule());
            TargetGuard.removeLeftovers(target, "copy", log);
            Path tmp = FileTrees.siblingTempPath(target, "copy");
            boolean done = false;
            try {
                log.info("Copying " + dir + " into " + target);
                copyTree(dir, tmp);
                FetchStamp.write(tmp, identity, Sources.Resolved.NONE);
                FileTrees.replaceTree(tmp, target);
                done = true;
            } finally {
                if (!done) {
                    FileTrees.deleteRecursively(tmp);
                }
            }
            return new FetchResult(target, identity, Sources.Resolved.NONE, true);
        } catch (IOException e) {
            throw new BuildException("Fetching " + src.describe() + " into " + target + " failed: " + e,
                    "check that both directories are readable and the disk has room", e);
        }
    }

    private FetchResult link(DirectorySource src, Path target, FetchRequest req) throws BuildException, IOException {
        Path dir = src.path().toRealPath();
        Sources.Identity identity = src.identity();
        if (Files.exists(target) && target.toRealPath().equals(dir)) {
            log.info("Sources up to date: using " + dir + " in place");
            return new FetchResult(target, identity, Sources.Resolved.NONE, false);
        }
        if (dir.startsWith(target.toAbsolutePath().normalize())) {
            throw new BuildException("The source directory " + target + " contains url " + dir + "; linking it would"
                    + " replace the sources with a link to themselves.", "point sourceDirectory somewhere else");
        }
        TargetGuard.ensureReplaceable(target, req.force(), req.deletionRule());
        TargetGuard.removeLeftovers(target, "link", log);
        Path tmp = FileTrees.siblingTempPath(target, "link");
        Files.createSymbolicLink(tmp, dir);
        FileTrees.replaceTree(tmp, target);
        log.info("Using " + dir + " in place (" + target + " links to it; set copy=true to work on a copy)");
        return new FetchResult(target, identity, Sources.Resolved.NONE, true);
    }

    private static boolean isGit(Path p) {
        return p.getFileName().toString().equalsIgnoreCase(".git");
    }

    // A copy is a plain tree: its .git (a directory, or a gitdir: file pointing elsewhere) stays behind, so
    // that nothing run in the copy reaches the original's repository or another one.
    private void droppedGit(Path p) {
        log.warn("Not copying " + p + ": a copied source tree carries no git metadata (patch would commit into"
                + " the repository it names)");
    }

    private void copyTree(Path from, Path to) throws IOException {
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) throws IOException {
                if (!d.equals(from) && d.getFileName().toString().equals(StampStore.DIR_NAME)) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                if (!d.equals(from) && isGit(d)) {
                    droppedGit(d);
                    return FileVisitResult.SKIP_SUBTREE;
                }
                Path t = to.resolve(from.relativize(d).toString());
                Files.createDirectories(t);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) throws IOException {
                if (isGit(f)) {
                    droppedGit(f);
                    return FileVisitResult.CONTINUE;
                }
                Path t = to.resolve(from.relativize(f).toString());
                if (attrs.isSymbolicLink()) {
                    Files.createSymbolicLink(t, Files.readSymbolicLink(f));
                } else if (attrs.isRegularFile()) {
                    Files.copy(f, t, StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
                }
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /** A digest of every path, size and mtime: cheap next to a copy, and changes with any edit. */
    static String fingerprint(Path dir) throws IOException {
        List<String> rows = new ArrayList<>();
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) {
                return !d.equals(dir) && d.getFileName().toString().equals(StampStore.DIR_NAME)
                        ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) {
                rows.add(dir.relativize(f) + "\0" + attrs.size() + "\0" + attrs.lastModifiedTime().toMillis());
                return FileVisitResult.CONTINUE;
            }
        });
        rows.sort(null);
        MessageDigest md = Sha256.newDigest();
        for (String r : rows) {
            md.update(r.getBytes(StandardCharsets.UTF_8));
            md.update((byte) '\n');
        }
        return Sha256.hex(md);
    }
}
