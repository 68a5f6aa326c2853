package io.github.dom0build.core.stamp;

import io.github.dom0build.core.io.Sha256;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A digest of the state of one or more trees: every path with its type, size, modification time and
 * link target, never the contents. Two equal snapshots mean nobody touched a file in between, which is
 * what a make rerun would find out the slow way (Xen's no-op make takes several seconds of CPU, Linux's
 * more). Stamp directories ({@link StampStore#DIR_NAME}) are left out: the steps write them.
 */
public final class TreeSnapshot {
    private TreeSnapshot() {
    }

    /** The snapshot of {@code roots}, in this order; a missing root counts as an empty one. */
    public static String of(List<Path> roots) throws IOException {
        MessageDigest md = Sha256.newDigest();
        for (Path root : roots) {
            md.update(("root " + root.toAbsolutePath().normalize() + "\n").getBytes(StandardCharsets.UTF_8));
            if (!Files.exists(root)) {
                continue;
            }
            for (String entry : entries(root)) {
                md.update(entry.getBytes(StandardCharsets.UTF_8));
            }
        }
        return Sha256.hex(md);
    }

    private static List<String> entries(Path root) throws IOException {
        List<String> entries = new ArrayList<>();
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                if (!dir.equals(root) && dir.getFileName().toString().equals(StampStore.DIR_NAME)) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                // A directory's own mtime changes with every temp file created and removed in it; the
                // entries below say everything that matters.
                entries.add("d " + root.relativize(dir) + "\n");
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                String rel = root.relativize(file).toString();
                if (attrs.isSymbolicLink()) {
                    entries.add("l " + rel + " " + Files.readSymbolicLink(file) + " " + attrs.lastModifiedTime().toMillis() + "\n");
                } else {
                    entries.add("f " + rel + " " + attrs.size() + " " + attrs.lastModifiedTime().to(java.util.concurrent.TimeUnit.NANOSECONDS) + "\n");
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                if (Files.notExists(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    return FileVisitResult.CONTINUE; // removed while we walked: the next snapshot differs anyway
                }
                throw e;
            }
        });
        Collections.sort(entries);
        return entries;
    }
}
