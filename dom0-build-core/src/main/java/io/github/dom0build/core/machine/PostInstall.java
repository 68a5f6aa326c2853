package io.github.dom0build.core.machine;

import io.github.dom0build.core.BuildException;
import io.github.dom0build.core.install.TargetRoot;
import io.github.dom0build.core.log.BuildLog;
import io.github.dom0build.core.process.Command;
import io.github.dom0build.core.process.ProcessRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * What the reference recipe runs after {@code make install}: {@code ldconfig}, and
 * {@code systemctl daemon-reload} when systemd runs the machine. In a machine root mounted at a
 * directory, the machine's own ldconfig runs inside it. On a staged root, ldconfig only creates the
 * shared libraries' soname links there ({@code ldconfig -n}): the cache belongs to the machine that
 * will run them, and a full {@code ldconfig -r} would need root.
 */
public final class PostInstall {
    private final ProcessRunner runner;
    private final BuildLog log;

    public PostInstall(ProcessRunner runner, BuildLog log) {
        this.runner = runner;
        this.log = log;
    }

    public void ldconfig(TargetRoot root) throws BuildException {
        String ldconfig = HostPrograms.find(HostPrograms.LDCONFIG);
        if (root.live()) {
            log.info("Running ldconfig");
            runner.run(Command.of(ldconfig).build());
            return;
        }
        if (root.kind() == TargetRoot.Kind.MACHINE) {
            new MachineTools(runner, log).run(root, List.of("ldconfig"), "[ldconfig] ");
            return;
        }
        List<String> dirs = new ArrayList<>();
        for (String d : List.of("lib", "lib64", "usr/lib", "usr/lib64", "usr/local/lib", "usr/local/lib64")) {
            Path p;
            try {
                p = root.resolveFollowing(d); // usr/lib -> /usr/lib in a root must not run ldconfig on this machine's
            } catch (IOException e) {
                throw new BuildException("Cannot find " + d + " in " + root.describe() + ": " + e.getMessage(),
                        "replace that symbolic link in the root by a directory or a link that stays inside it", e);
            }
            if (hasSharedLibraries(p) && !dirs.contains(p.toString())) {
                dirs.add(p.toString());
            }
        }
        if (dirs.isEmpty()) {
            return;
        }
        List<String> argv = new ArrayList<>(List.of(ldconfig, "-n"));
        argv.addAll(dirs);
        log.info("Running ldconfig -n on the staged library directories (soname links only)");
        runner.run(Command.of(argv).build());
    }

    /** {@code systemctl daemon-reload}, only on the live system and only when systemd runs it. */
    public void daemonReload(TargetRoot root) throws BuildException {
        if (!root.live()) {
            log.debug("Staged root: no daemon-reload (systemd does not run there)");
            return;
        }
        if (!Files.isDirectory(Path.of("/run/systemd/system"))) {
            log.info("This machine does not run systemd (/run/systemd/system is missing): no daemon-reload");
            return;
        }
        log.info("Running systemctl daemon-reload");
        runner.run(Command.of(HostPrograms.find(HostPrograms.SYSTEMCTL), "daemon-reload").build());
    }

    private static boolean hasSharedLibraries(Path dir) {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.anyMatch(p -> p.getFileName().toString().contains(".so"));
        } catch (IOException e) {
            return false;
        }
    }
}
