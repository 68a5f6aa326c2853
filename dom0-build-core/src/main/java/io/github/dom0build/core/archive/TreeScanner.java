package io.github.dom0build.core.archive;

import io.github.dom0build.core.BuildException;
import io.github.dom0build.core.guard.DeletionRule;
import io.github.dom0build.core.io.Sha256;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Lists a staged tree in the one order every run agrees on (paths compared as strings, so byte order
 * for ASCII names), with modes normalised: what a directory listing, umask or build user would
 * otherwise make differ between two builds of the same sources.
 */
public final class TreeScanner {
    private TreeScanner() {
    }

    public static List<TreeEntry> scan(Path root) throws BuildException {
        List<TreeEntry> entries = new ArrayList<>();
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    if (!dir.equals(root)) {
                        entries.add(new TreeEntry(rel(root, dir), TreeEntry.Kind.DIRECTORY, 0755, 0, null, null));
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    if (file.getParent().equals(root) && file.getFileName().toString().equals(DeletionRule.MARKER)) {
                        return FileVisitResult.CONTINUE; // dom0-build's own mark on a directory it made
                    }
                    if (attrs.isSymbolicLink()) {
                        entries.add(new TreeEntry(rel(root, file), TreeEntry.Kind.SYMLINK, 0777, 0, null,
                                Files.readSymbolicLink(file).toString()));
                    } else if (attrs.isRegularFile()) {
                        boolean exec = Files.isExecutable(file);
                        entries.add(new TreeEntry(rel(root, file), TreeEntry.Kind.FILE, exec ? 0755 : 0644, attrs.size(),
                                Sha256.of(file), null));
                    } else {
                        throw new IOException(file + " is neither a file, a directory nor a symbolic link");
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new BuildException("Cannot read the staged tree " + root + ": " + e.getMessage(),
                    "make sure the build finished and nothing else writes there", e);
        }
        entries.sort(Comparator.comparing(TreeEntry::path));
        return entries;
    }

    static String rel(Path root, Path p) {
        return root.relativize(p).toString().replace('\\', '/');
    }
}
