package io.github.dom0build.core.machine;

import io.github.dom0build.core.BuildException;
import io.github.dom0build.core.deps.Distribution;
import io.github.dom0build.core.install.TargetRoot;
import io.github.dom0build.core.io.FileTrees;
import io.github.dom0build.core.log.BuildLog;
import io.github.dom0build.core.process.Command;
import io.github.dom0build.core.process.ProcessRunner;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the target machine's own tools (update-initramfs, dracut, ldconfig, update-grub, ...): on the
 * live system directly; on a machine root mounted at a directory inside it, in a private mount
 * namespace with proc, sys, dev and run mounted, through chroot, with a clean environment. A staged
 * root is no machine: nothing runs for it.
 */
public final class MachineTools {
    /** What the machine's tools find on their PATH: the standard directories of the machine itself. */
    private static final String PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    private final ProcessRunner runner;
    private final BuildLog log;

    public MachineTools(ProcessRunner runner, BuildLog log) {
        this.runner = runner;
        this.log = log;
    }

    /** The machine's distribution, from its own {@code etc/os-release}. */
    public static Distribution distribution(TargetRoot root) throws BuildException {
        if (root.live()) {
            return Distribution.detect();
        }
        for (String p : List.of("etc/os-release", "usr/lib/os-release")) {
            try {
                Path f = root.resolveFollowing(p);
                if (Files.isRegularFile(f)) {
                    return Distribution.parse(Files.readString(f, StandardCharsets.UTF_8));
                }
            } catch (IOException e) {
                throw new BuildException("Cannot read " + p + " in " + root.describe() + ": " + e.getMessage(),
                        "check the machine root", e);
            }
        }
        return new Distribution("unknown", List.of(), "unknown distribution");
    }

    /** Whether the machine has {@code program} (an absolute path in the machine, or a name on its PATH). */
    public static boolean has(TargetRoot root, String program) {
        List<String> candidates = program.startsWith("/") ? List.of(program)
                : List.of(PATH.split(":")).stream().map(d -> d + "/" + program).toList();
        for (String c : candidates) {
            try {
                Path p = root.live() ? Path.of(c) : root.resolveFollowing(c.substring(1));
                if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                    return true;
                }
            } catch (IOException e) {
                // a link that leaves the root: not the machine's program
            }
        }
        return false;
    }

    /** Runs {@code argv} on the machine, its output logged with {@code prefix}. */
    public void run(TargetRoot root, List<String> argv, String prefix) throws BuildException {
        if (!root.hasMachineTools()) {
            throw new IllegalStateException("no machine tools run for " + root.describe());
        }
        if (root.live()) {
            runner.run(Command.of(argv).logPrefix(prefix).build());
            return;
        }
        Path scripts = null;
        try {
            scripts = Files.createTempDirectory("dom0-build-machine");
            Path script = scripts.resolve("in-root.sh");
            try (InputStream in = MachineTools.class.getResourceAsStream("in-root.sh")) {
                if (in == null) {
                    throw new IOException("in-root.sh is missing from the dom0-build-core jar");
                }
                Files.copy(in, script);
            }
            Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("r-xr-xr-x"));
            List<String> cmd = new ArrayList<>(List.of("unshare", "--mount", "--propagation", "private", "sh",
                    script.toString(), root.path().toString()));
            cmd.addAll(argv);
            log.info("In " + root.path() + ": " + String.join(" ", argv));
            runner.run(Command.of(cmd).cleanEnvironment().env("PATH", PATH).env("LC_ALL", "C").env("HOME", "/root")
                    .env("DEBIAN_FRONTEND", "noninteractive").logPrefix(prefix).build());
        } catch (IOException e) {
            throw new BuildException("Cannot prepare running " + argv.get(0) + " in " + root.describe() + ": "
                    + e.getMessage(), "check /tmp", e);
        } finally {
            if (scripts != null) {
                try {
                    FileTrees.deleteRecursively(scripts);
                } catch (IOException ignored) {
                    // a temporary directory; nothing depends on it
                }
            }
        }
    }
}
