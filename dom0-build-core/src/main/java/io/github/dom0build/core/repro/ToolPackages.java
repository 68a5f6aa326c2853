package io.github.dom0build.core.repro;

import io.github.dom0build.core.metadata.DistMetadata;
import io.github.dom0build.core.process.Command;
import io.github.dom0build.core.process.CommandFailedException;
import io.github.dom0build.core.process.ProcessRunner;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The distribution package each build tool came from ({@code gcc} is {@code gcc-12 12.2.0-14 amd64} on
 * Debian 12), for the metadata and so for the SBOM's package URLs: a version line says which compiler,
 * the package says which build of it, and that is what a vulnerability database knows. Asked of dpkg;
 * on a machine without dpkg, or for a tool no package owns (a compiler built by hand), nothing is
 * recorded rather than a guess.
 */
public final class ToolPackages {
    private ToolPackages() {
    }

    /** {@code {"gcc": {"package": "gcc-12", "version": "12.2.0-14", "arch": "amd64"}, ...}}, owned tools only. */
    public static Map<String, DistMetadata.ToolPackage> probe(ProcessRunner runner, List<String> tools) {
        Map<String, DistMetadata.ToolPackage> packages = new LinkedHashMap<>();
        for (String tool : tools) {
            onPath(tool).flatMap(p -> owner(runner, p)).flatMap(pkg -> describe(runner, pkg))
                    .ifPresent(o -> packages.put(tool, o));
        }
        return packages;
    }

    /** The file the command runs: the first match on PATH, links followed (gcc -> x86_64-linux-gnu-gcc-12). */
    static Optional<Path> onPath(String tool) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path p = Path.of(dir.isEmpty() ? "." : dir, tool);
            if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                try {
                    return Optional.of(p.toRealPath());
                } catch (IOException e) {
                    return Optional.of(p);
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<String> owner(ProcessRunner runner, Path file) {
        // With merged /usr, dpkg may know the file under /bin while the link resolves to /usr/bin.
        List<String> candidates = new ArrayList<>(List.of(file.toString()));
        if (file.startsWith("/usr/")) {
            candidates.add(file.toString().substring("/usr".length()));
        }
        for (String candidate : candidates) {
            try {
                // "gcc-12: /usr/bin/x86_64-linux-gnu-gcc-12", or "gcc-12:amd64: ..." for a multi-arch package
                String out = runner.capture(Command.of("dpkg-query", "-S", candidate).quiet().build()).strip();
                int colon = out.indexOf(": ");
                if (colon > 0 && !out.substring(0, colon).contains(",")) { // a diversion lists several
                    return Optional.of(out.substring(0, colon));
                }
            } catch (CommandFailedException e) {
                // not owned under this name, or no dpkg
            }
        }
        return Optional.empty();
    }

    private static Optional<DistMetadata.ToolPackage> describe(ProcessRunner runner, String pkg) {
        try {
            String out = runner.capture(Command.of("dpkg-query", "-W", "-f", "${Package}\t${Version}\t${Architecture}",
                    pkg).quiet().build()).strip();
            String[] f = out.split("\t");
            if (f.length != 3 || f[0].isEmpty() || f[1].isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new DistMetadata.ToolPackage(f[0], f[1], f[2]));
        } catch (CommandFailedException e) {
            return Optional.empty();
        }
    }
}
