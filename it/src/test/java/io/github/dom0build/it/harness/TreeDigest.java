package io.github.dom0build.it.harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
}
