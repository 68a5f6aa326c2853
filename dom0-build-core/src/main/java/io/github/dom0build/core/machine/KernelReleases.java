package io.github.dom0build.core.machine;

import io.github.dom0build.core.BuildException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The kernel releases a tree holds, by its {@code boot/vmlinuz-<release>} files. */
public final class KernelReleases {
    private static final String PREFIX = "vmlinuz-";

    private KernelReleases() {
    }

    /** The releases of the kernels under {@code tree}'s boot/, sorted. */
    public static List<String> staged(Path tree) throws BuildException {
        Path boot = tree.resolve("boot");
        if (!Files.isDirectory(boot)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(boot)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(PREFIX) && n.length() > PREFIX.length())
                    .map(n -> n.substring(PREFIX.length())).sorted().toList();
        } catch (IOException e) {
            throw new BuildException("Cannot list " + boot + ": " + e.getMessage(), "check its permissions", e);
        }
    }

    /** The releases of the kernels among the paths an install manifest lists ({@code /boot/vmlinuz-<release>}). */
    public static List<String> listed(List<String> paths) {
        return paths.stream().filter(p -> p.startsWith("/boot/" + PREFIX)).map(p -> p.substring(6 + PREFIX.length()))
                .filter(r -> !r.isEmpty() && !r.contains("/")).sorted().toList();
    }
}
