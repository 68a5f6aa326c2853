package io.github.dom0build.it.harness;

import io.github.dom0build.core.io.Sha256;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Every file of a tree with its content, to assert that a failed step changed nothing. */
public final class TreeDigest {
    private TreeDigest() {
    }

    /** Relative path to content (links as "-> target"), skipping dom0-build's own records. */
    public static Map<String, String> of(Path root) throws IOException {
        Map<String, String> m = new TreeMap<>();
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                String rel = root.relativize(p).toString();
                if (rel.startsWith(".dom0-build") || rel.startsWith(".git/") || rel.equals(".git")) {
                    continue;
                }
                if (Files.isSymbolicLink(p)) {
                    m.put(rel, "-> " + Files.readSymbolicLink(p));
                } else if (Files.isRegularFile(p)) {
                    m.put(rel, Files.readString(p, java.nio.charset.StandardCharsets.ISO_8859_1)
                            + (Files.isExecutable(p) ? " [x]" : ""));
                }
            }
        }
        return m;
    }

    /**
     * Every path of a tree, dom0-build's records and .git included: directories, files (sha256 and
     * permissions) and links (their target). What "exactly as before" means for a cache, a source tree
     * with its stamps, or a root. A missing tree is an empty map.
     */
    public static Map<String, String> full(Path root) throws IOException {
        Map<String, String> m = new TreeMap<>();
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return m;
        }
        if (Files.isSymbolicLink(root)) {
            m.put("", "-> " + Files.readSymbolicLink(root));
            return m;
        }
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                String rel = root.relativize(p).toString();
                if (Files.isSymbolicLink(p)) {
                    m.put(rel, "-> " + Files.readSymbolicLink(p));
                } else if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    m.put(rel + "/", "dir " + permissions(p));
                } else if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                    m.put(rel, Sha256.of(p) + " " + permissions(p));
                } else {
                    m.put(rel, "special");
                }
            }
        }
        return m;
    }

    /**
     * Names in {@code dir} that start with {@code "." + name + "."}: the temporary siblings (extract-,
     * clone-, copy-, old-...) that a run working on {@code dir/name} may leave behind.
     */
    public static List<String> leftoversBeside(Path target) throws IOException {
        Path dir = target.getParent();
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        String prefix = "." + target.getFileName() + ".";
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(prefix)).sorted().toList();
        }
    }

    private static String permissions(Path p) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS));
    }
}
