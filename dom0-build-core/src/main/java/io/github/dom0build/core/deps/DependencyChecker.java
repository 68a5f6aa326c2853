package io.github.dom0build.core.deps;

import io.github.dom0build.core.BuildException;
import io.github.dom0build.core.log.BuildLog;
import io.github.dom0build.core.process.Command;
import io.github.dom0build.core.process.CommandFailedException;
import io.github.dom0build.core.process.ProcessRunner;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks requirements against this machine and, when some are missing, fails with one install command
 * for the running distribution, so the user fixes everything in one go instead of one configure error
 * at a time.
 */
public final class DependencyChecker {
    private final ProcessRunner runner;
    private final BuildLog log;
    private final List<Path> path;
    private final List<Path> includeDirs;

    public DependencyChecker(ProcessRunner runner, BuildLog log) {
        this(runner, log, systemPath(), defaultIncludeDirs());
    }

    DependencyChecker(ProcessRunner runner, BuildLog log, List<Path> path, List<Path> includeDirs) {
        this.runner = runner;
        this.log = log;
        this.path = path;
        this.includeDirs = includeDirs;
    }

    /** The requirements that are not met. */
    public List<Requirement> missing(List<Requirement> requirements) {
        List<Requirement> missing = new ArrayList<>();
        for (Requirement r : requirements) {
            boolean ok = switch (r.kind()) {
                case PROGRAM -> onPath(r.probe());
                case HEADER -> includeDirs.stream().anyMatch(d -> Files.isRegularFile(d.resolve(r.probe())));
                case PKG_CONFIG -> pkgConfig(r.probe());
                case FILE -> Files.exists(Path.of(r.probe()));
            };
            log.debug((ok ? "found   " : "MISSING ") + r);
            if (!ok) {
                missing.add(r);
            }
        }
        return missing;
    }

    /** Fails when anything is missing, naming each thing and the command that installs them all. */
    public void require(String build, List<Requirement> requirements, Distribution distro) throws BuildException {
        List<Requirement> missing = missing(requirements);
        if (missing.isEmpty()) {
            log.info("All " + requirements.size() + " build requirements of the " + build + " are present");
            return;
        }
        throw new BuildException("The " + build + " needs what this machine lacks:\n    "
                + String.join("\n    ", missing.stream().map(Requirement::toString).toList()),
                installAdvice(missing, distro));
    }

    public static String installAdvice(List<Requirement> missing, Distribution distro) {
        Distribution.Family family = distro.family();
        if (family == Distribution.Family.UNKNOWN) {
            Set<String> names = new LinkedHashSet<>();
            missing.forEach(r -> names.add(r.packageFor(Distribution.Family.DEBIAN)));
            return "install them with your package manager (" + distro.prettyName() + " is not a distribution"
                    + " dom0-build knows; on Debian they are: " + String.join(" ", names) + ")";
        }
        Set<String> packages = new LinkedHashSet<>();
        missing.forEach(r -> packages.add(r.packageFor(family)));
        return "run: sudo " + family.installCommand() + " " + String.join(" ", packages);
    }

    private boolean onPath(String program) {
        return path.stream().anyMatch(d -> Files.isExecutable(d.resolve(program)));
    }

    private boolean pkgConfig(String module) {
        if (!onPath("pkg-config")) {
            return false;
        }
        try {
            return runner.runAllowingFailure(Command.of("pkg-config", "--exists", module).quiet().build())
                    .exitCode() == 0;
        } catch (CommandFailedException e) {
            return false;
        }
    }

    private static List<Path> systemPath() {
        List<Path> dirs = new ArrayList<>();
        String p = System.getenv("PATH");
        if (p != null) {
            for (String d : p.split(File.pathSeparator)) {
                if (!d.isEmpty()) {
                    dirs.add(Path.of(d));
                }
            }
        }
        return dirs;
    }

    private static List<Path> defaultIncludeDirs() {
        List<Path> dirs = new ArrayList<>(List.of(Path.of("/usr/local/include"), Path.of("/usr/include")));
        for (String triplet : new String[] {"x86_64-linux-gnu", "aarch64-linux-gnu", "i386-linux-gnu"}) {
            dirs.add(Path.of("/usr/include", triplet));
        }
        // Fedora and openSUSE put Python.h in a versioned directory.
        try (var s = Files.list(Path.of("/usr/include"))) {
            s.filter(d -> d.getFileName().toString().startsWith("python3")).forEach(dirs::add);
        } catch (java.io.IOException | RuntimeException e) {
            // no /usr/include at all: the header checks will say what is missing
        }
        return dirs;
    }
}
