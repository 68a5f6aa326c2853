package io.github.dom0build.core.guard;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Paths inside a directory, resolved the way a system whose root is that directory resolves them: an
 * absolute symbolic link starts again at the directory, {@code ..} stops at it. Whatever the links in it
 * say ({@code var/run -> /run}, {@code boot -> /boot}), the result lies inside the directory: nothing is
 * followed out onto the build host.
 */
public final class InsidePaths {
    /** As Linux's limit on links in one lookup (ELOOP). */
    static final int MAX_LINKS = 40;

    private InsidePaths() {
    }

    /** A lookup whose links go round in circles, or nowhere, inside the directory. */
    public static final class LinkLoopException extends FileSystemException {
        private static final long serialVersionUID = 1L;

        LinkLoopException(Path dir, String relative, Path firstLink, String firstTarget) {
            super(dir.resolve(relative).toString(), null, "the symbolic links on the way loop inside " + dir
                    + " (starting with " + firstLink + " -> " + firstTarget + ", which inside that directory"
                    + " leads back to itself); a link that points out of it is read as the system booted from it"
                    + " would read it");
        }
    }

    /** The symbolic links of a tree: a link's target, or null where the path is no link. */
    public interface Links {
        String target(String relative) throws IOException;
    }

    /**
     * {@code relative} inside {@code dir}, every link on the way resolved inside {@code dir}; the last
     * component only when {@code followLast} (callers that replace a link itself do not follow it).
     */
    public static Path resolve(Path dir, String relative, boolean followLast) throws IOException {
        Path root = dir.toAbsolutePath().normalize();
        String inside = resolve(relative, followLast, rel -> {
            Path p = root.resolve(rel);
            return Files.isSymbolicLink(p) ? Files.readSymbolicLink(p).toString() : null;
        }, (link, target) -> new LinkLoopException(root, relative, root.resolve(link), target));
        return inside.isEmpty() ? root : root.resolve(inside);
    }

    /**
     * The same resolution on paths relative to a tree's top, whatever holds the tree (a directory, a
     * root file system being composed in memory); the result is relative too, {@code ""} for the top.
     */
    public static String resolve(String relative, boolean followLast, Links links) throws IOException {
        return resolve(relative, followLast, links, (link, target) -> new FileSystemException(relative, null,
                "the symbolic links on the way loop (starting with " + link + " -> " + target + ")"));
    }

    private interface LoopError {
        FileSystemException of(String firstLink, String firstTarget);
    }

    private static String resolve(String relative, boolean followLast, Links links, LoopError loop)
            throws IOException {
        Deque<String> todo = new ArrayDeque<>();
        push(todo, relative);
        Deque<String> current = new ArrayDeque<>();
        int count = 0;
        String firstLink = null;
        String firstTarget = null;
        while (!todo.isEmpty()) {
            String part = todo.pop();
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                current.pollLast();
                continue;
            }
            current.addLast(part);
            boolean last = todo.isEmpty();
            String target = followLast || !last ? links.target(String.join("/", current)) : null;
            if (target != null) {
                if (firstLink == null) {
                    firstLink = String.join("/", current);
                    firstTarget = target;
                }
                if (++count > MAX_LINKS) {
                    throw loop.of(firstLink, firstTarget);
                }
                current.pollLast();
                if (target.startsWith("/")) {
                    current.clear();
                }
                push(todo, target);
            }
        }
        return String.join("/", current);
    }

    private static void push(Deque<String> todo, String path) {
        String[] parts = path.split("/");
        for (int i = parts.length - 1; i >= 0; i--) {
            todo.push(parts[i]);
        }
    }

    /**
     * Refuses a symbolic link anywhere between {@code dir} (exclusive) and {@code path} (inclusive): for
     * directories that take no links at all, such as the download cache.
     */
    public static void requireNoLinks(Path dir, Path path) throws FileSystemException {
        Path root = dir.toAbsolutePath().normalize();
        Path p = path.toAbsolutePath().normalize();
        if (!p.startsWith(root)) {
            throw new FileSystemException(p.toString(), null, "is not inside " + root);
        }
        Path current = root;
        for (Path part : root.relativize(p)) {
            current = current.resolve(part);
            if (Files.isSymbolicLink(current)) {
                throw new FileSystemException(current.toString(), null, "is a symbolic link, and dom0-build"
                        + " never made one there");
            }
            if (!Files.exists(current, LinkOption.NOFOLLOW_LINKS)) {
                return;
            }
        }
    }
}
