package io.github.dom0build.core.io;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.UUID;
import java.util.stream.Stream;

/** File-tree operations that never follow symbolic links out of the tree they work on. */
public final class FileTrees {
    /** The purpose {@link #replaceTree} gives the old tree while it renames it aside, for {@link #leftoversOf}. */
    public static final String OLD_TREE = "old";

    private FileTrees() {
    }

    /** Deletes a file or a whole tree; links are removed, never followed. Missing paths are fine. */
    public static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        if (!Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
            Files.deleteIfExists(path);
            return;
        }
        Files.walkFileTree(path, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                makeWritable(file.getParent());
                Files.deleteIfExists(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException exc) throws IOException {
                if (exc instanceof NoSuchFileException) {
                    return FileVisitResult.CONTINUE;
                }
                throw exc;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                if (exc != null) {
                    throw exc;
                }
                makeWritable(dir);
                Files.deleteIfExists(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    // A read-only directory (archives ship some) would otherwise refuse to give up its entries.
    private static void makeWritable(Path dir) {
        if (dir != null && !Files.isSymbolicLink(dir)) {
            dir.toFile().setWritable(true, true);
        }
    }

    /**
     * Renames {@code source} to {@code target} atomically; both must be on one file system, which is
     * why callers create their temporary directories beside the target.
     */
    public static void atomicRename(Path source, Path target) throws IOException {
        try {
            Files.move(source, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("cannot rename " + source + " to " + target
                    + " atomically: they are on different file systems", e);
        }
    }

    /**
     * Writes {@code content} to {@code target} so that readers see either the old file or the whole
     * new one: a temporary file beside it, flushed to disk, then renamed over it.
     */
    public static void writeAtomically(Path target, byte[] content) throws IOException {
        Path parent = target.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path tmp = parent.resolve("." + target.getFileName() + ".tmp-" + UUID.randomUUID());
        try {
            Files.write(tmp, content, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                    StandardOpenOption.SYNC);
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * A fresh, empty directory beside {@code target} (same file system, so it can be renamed onto
     * it), named so that {@link #leftoversOf} finds it after an interrupted run.
     */
    public static Path siblingTempDir(Path target, String purpose) throws IOException {
        Path parent = target.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path dir = parent.resolve(tempPrefix(target, purpose) + UUID.randomUUID());
        Files.createDirectory(dir);
        return dir;
    }

    /**
     * A fresh, not yet existing path beside {@code target}, for tools that insist on creating their
     * output directory themselves.
     */
    public static Path siblingTempPath(Path target, String purpose) throws IOException {
        Path parent = target.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        return parent.resolve(tempPrefix(target, purpose) + UUID.randomUUID());
    }

    /** Temporary siblings that an earlier, interrupted run left behind for {@code target}. */
    public static java.util.List<Path> leftoversOf(Path target, String purpose) throws IOException {
        Path parent = target.toAbsolutePath().getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            return java.util.List.of();
        }
        String prefix = tempPrefix(target, purpose);
        try (Stream<Path> s = Files.list(parent)) {
            return s.filter(p -> p.getFileName().toString().startsWith(prefix)).sorted().toList();
        }
    }

    private static String tempPrefix(Path target, String purpose) {
        return "." + target.getFileName() + "." + purpose + "-";
    }

    /** True when {@code dir} is missing or an empty directory. */
    public static boolean isMissingOrEmpty(Path dir) throws IOException {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return true;
        }
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.findAny().isEmpty();
        }
    }

    /**
     * Replaces {@code target} (a tree, a link or nothing) with {@code replacement} so that at every
     * moment {@code target} is either the old tree or the complete new one: the old one is renamed
     * aside first, then deleted once the new one is in place.
     */
    public static void replaceTree(Path replacement, Path target) throws IOException {
        Path old = null;
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            old = target.resolveSibling(tempPrefix(target, OLD_TREE) + UUID.randomUUID());
            atomicRename(target, old);
        }
        try {
            atomicRename(replacement, target);
        } catch (IOException | RuntimeException e) {
            if (old != null) {
                try {
                    atomicRename(old, target);
                } catch (FileAlreadyExistsException | DirectoryNotEmptyException ignored) {
                    // the new tree did land after all; keep it
                }
            }
            throw e;
        }
        if (old != null) {
            deleteRecursively(old);
        }
    }
}
