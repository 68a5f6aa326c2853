package io.github.dom0build.core.patch;

import io.github.dom0build.core.io.Sha256;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Every file and directory of a tree with its permissions and content digest, to compare trees exactly. */
final class TreeDigest {
    private TreeDigest() {
    }

    /** The digest of {@code root}, leaving out the top-level entries named in {@code skip}. */
    static Map<String, String> of(Path root, String... skip) throws IOException {
        Set<String> skipped = Set.of(skip);
        Map<String, String> digest = new TreeMap<>();
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.toList()) {
                if (p.equals(root)) {
                    continue;
                }
                String rel = root.relativize(p).toString();
                if (skipped.contains(rel.split("/")[0])) {
                    continue;
                }
                String perms = PosixFilePermissions.toString(
                        Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS));
                if (Files.isSymbolicLink(p)) {
                    digest.put(rel, "link " + Files.readSymbolicLink(p));
                } else if (Files.isDirectory(p)) {
                    digest.put(rel, "dir " + perms);
                } else {
                    digest.put(rel, "file " + perms + " " + Sha256.of(p));
                }
            }
        }
        return digest;
    }
}
