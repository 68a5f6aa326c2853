package io.github.dom0build.core.bootroot;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.function.Function;

/**
 * Resolves a path inside a root the way the booted system will: through the root's own symbolic
 * links, an absolute target meaning the root's top, {@code ..} stopping at the top (as in a chroot).
 * That is how a bundle's {@code lib/modules} lands in {@code usr/lib/modules} of a merged-/usr
 * userland, and why nothing can be placed outside the root by a link.
 */
final class InRootLinks {
    private static final int MAX_LINKS = 40; // the kernel's own limit (ELOOP)

    private final Function<String, RootEntry> lookup;

    InRootLinks(Function<String, RootEntry> lookup) {
        this.lookup = lookup;
    }

    /** The path every link in it leads to, the last component's link included. */
    String resolve(String path) throws IOException {
        Deque<String> done = new ArrayDeque<>();
        Deque<String> todo = new ArrayDeque<>(List.of(path.split("/")));
        int links = 0;
        while (!todo.isEmpty()) {
            String part = todo.pollFirst();
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                done.pollLast();
                continue;
            }
            done.addLast(part);
            RootEntry e = lookup.apply(String.join("/", done));
            if (e != null && e.type() == RootEntry.Type.SYMLINK) {
                if (++links > MAX_LINKS) {
                    throw new IOException("more than " + MAX_LINKS + " links in a row resolving " + path);
                }
                done.pollLast();
                String target = e.linkTarget();
                if (target.startsWith("/")) {
                    done.clear();
                }
                List<String> parts = List.of(target.split("/"));
                for (int i = parts.size() - 1; i >= 0; i--) {
                    todo.addFirst(parts.get(i));
                }
            }
        }
        return String.join("/", done);
    }

    /** Where an entry named {@code path} goes: its parent resolved, its own name kept. */
    String resolveParent(String path) throws IOException {
        String parent = RootPaths.parent(path);
        String name = path.substring(path.lastIndexOf('/') + 1);
        String p = parent.isEmpty() ? "" : resolve(parent);
        return p.isEmpty() ? name : p + "/" + name;
    }
}
