package io.github.dom0build.core.bootloader;

import io.github.dom0build.core.BuildException;
import io.github.dom0build.core.deps.Distribution;
import io.github.dom0build.core.install.TargetRoot;
import io.github.dom0build.core.io.FileTrees;
import io.github.dom0build.core.log.BuildLog;
import io.github.dom0build.core.machine.MachineTools;
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
import java.util.Map;

/**
 * Updates grub so that it boots Xen with the dom0 kernel, and proves it did. On the live system it
 * runs the distribution's own command (the reference recipe's {@code update-grub}, Fedora's
 * {@code grub2-mkconfig -o /boot/grub2/grub.cfg}, openSUSE's {@code update-bootloader --refresh}). On
 * a staged root, where grub-mkconfig cannot run (grub-probe needs the real disk), it runs grub's own
 * 20_linux_xen in a private mount namespace with the staged /boot bind-mounted over /boot, and writes
 * what it prints to the staged {@code boot/grub/grub.cfg}. Before: the kernels must carry
 * {@code CONFIG_XEN_DOM0=y} in their config and a hypervisor must be there. After: the configuration
 * must have a Xen entry booting each of those kernels.
 */
public final class GrubUpdater {
    /** The configuration checked and the Xen entries found in it. */
    public record Result(Path grubConfig, List<GrubConfigCheck.XenEntry> entries) {
    }

    /** The command and configuration path grub uses on a distribution. */
    public record GrubCommand(List<String> argv, Path config) {
        /** The command of the root's own distribution (the live system's, or the machine root's). */
        public static GrubCommand forMachine(TargetRoot root) throws BuildException {
            return forDistribution(MachineTools.distribution(root));
        }

        /**
         * The user's {@code command} writing {@code config} when given (both are needed: the result is checked),
         * else the root's own distribution's command, writing {@code config} when that is given.
         */
        public static GrubCommand chosen(TargetRoot root, List<String> command, Path config) throws BuildException {
            if (command != null && !command.isEmpty()) {
                if (config == null) {
                    throw new BuildException("grubCommand is set but grubConfig is not, so the result cannot be checked.",
                            "set grubConfig to the grub.cfg your command writes");
                }
                return new GrubCommand(List.copyOf(command), config);
            }
            GrubCommand own = forMachine(root);
            return config == null ? own : new GrubCommand(own.argv(), config);
        }

        public static GrubCommand forDistribution(Distribution d) throws BuildException {
            return switch (d.family()) {
                case DEBIAN -> new GrubCommand(List.of("grub-mkconfig", "-o", "/boot/grub/grub.cfg"),
                        Path.of("/boot/grub/grub.cfg"));
                case FEDORA -> new GrubCommand(List.of("grub2-mkconfig", "-o", "/boot/grub2/grub.cfg"),
                        Path.of("/boot/grub2/grub.cfg"));
                case SUSE -> new GrubCommand(List.of("update-bootloader", "--refresh"), Path.of("/boot/grub2/grub.cfg"));
                case UNKNOWN -> throw new BuildException("dom0-build does not know how " + d.prettyName()
                        + " updates grub.", "set grubCommand (and grubConfig) to your distribution's command");
            };
        }
    }

    private final ProcessRunner runner;
    private final BuildLog log;

    public GrubUpdater(ProcessRunner runner, BuildLog log) {
        this.runner = runner;
        this.log = log;
    }

    /**
     * The live system, or a machine root (the command then runs inside it through chroot): the
     * distribution's command (or {@code command}), then the check.
     */
    public Result updateLive(TargetRoot root, List<String> kernels, GrubCommand command, boolean dryRun)
            throws BuildException {
        Path bootDir = inside(root, "boot");
        BootFiles boot = BootFiles.scan(bootDir);
        boot.require(kernels, bootDir);
        if (dryRun) {
            log.info("Dry run: would run " + String.join(" ", command.argv()) + " and check " + command.config());
            return new Result(command.config(), List.of());
        }
        Path config = runOnMachine(root, command);
        if (!root.live()) {
            requireBootableRootDevice(config);
        }
        return check(config, kernels.isEmpty() ? boot.dom0Kernels() : kernels);
    }

    /** A staged root: grub's 20_linux_xen against the staged /boot, in a private mount namespace. */
    public Result updateStaged(TargetRoot root, List<String> kernels, Path grubScript, boolean dryRun)
            throws BuildException {
        Path boot = inside(root, "boot");
        BootFiles files = BootFiles.scan(boot);
        files.require(kernels, boot);
        if (!files.hypervisorLinks().isEmpty()) {
            log.warn("Each of " + String.join(", ", files.hypervisorLinks()) + " in " + boot + " gets its own Xen"
                    + " submenu; install only the versioned hypervisor image");
        }
        if (!Files.isRegularFile(grubScript)) {
            throw new BuildException("grub's " + grubScript + " is not installed on this machine.",
                    "install grub (Debian/Ubuntu: apt-get install grub-common; Fedora: dnf install grub2-tools)");
        }
        Path output = inside(root, "boot/grub/grub.cfg");
        if (dryRun) {
            log.info("Dry run: would run " + grubScript + " against " + boot + " and write " + output);
            return new Result(output, List.of());
        }
        Map<String, String> defaults = defaults(root); // before anything is written: it may refuse
        Path scripts = null;
        try {
            scripts = Files.createTempDirectory("dom0-build-grub");
            Path wrapper = extract("grub-staged.sh", scripts);
            Path relpath = extract("grub-relpath.sh", scripts);
            Files.createDirectories(output.getParent());
            List<String> argv = new ArrayList<>(List.of("unshare", "--mount", "--propagation", "private"));
            if (!TargetRoot.runningAsRoot()) {
                argv.add("--map-root-user");
            }
            argv.addAll(List.of("sh", wrapper.toString(), boot.toString(), output.toString(), grubScript.toString(),
                    relpath.toString()));
            log.info("Running " + grubScript + " against the staged " + boot + " (private mount namespace)");
            runner.run(Command.of(argv).env(defaults).logPrefix("[grub] ").build());
        } catch (IOException e) {
            throw new BuildException("Cannot prepare the grub run: " + e.getMessage(), "check /tmp and " + boot, e);
        } finally {
            if (scripts != null) {
                try {
                    FileTrees.deleteRecursively(scripts);
                } catch (IOException ignored) {
                    // a temporary directory; nothing depends on it
                }
            }
        }
        return check(output, kernels.isEmpty() ? files.dom0Kernels() : kernels);
    }

    /**
     * grub's settings for the staged root: its own {@code etc/default/grub}, else this machine's, each
     * read as data ({@link GrubDefaults}); a value from the root that needs a shell fails the goal.
     */
    private Map<String, String> defaults(TargetRoot root) throws BuildException {
        Path own = inside(root, "etc/default/grub");
        if (Files.isRegularFile(own)) {
            return GrubDefaults.read(own, true, log);
        }
        Path host = Path.of("/etc/default/grub");
        return Files.isRegularFile(host) ? GrubDefaults.read(host, false, log) : Map.of();
    }

    /** {@code relative} in the root, links resolved inside it: a {@code boot -> /boot} never reaches this machine's. */
    static Path inside(TargetRoot root, String relative) throws BuildException {
        try {
            return root.resolveFollowing(relative);
        } catch (IOException e) {
            throw new BuildException("Cannot find " + relative + " in " + root.describe() + ": " + e.getMessage(),
                    "replace that symbolic link in the root by a directory or a link that stays inside it", e);
        }
    }

    private Result check(Path config, List<String> releases) throws BuildException {
        String text;
        try {
            text = Files.readString(config, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new BuildException("grub did not write " + config + ": " + e.getMessage(),
                    "read grub's output above", e);
        }
        List<GrubConfigCheck.XenEntry> entries = GrubConfigCheck.require(text, config.toString(), releases);
        for (GrubConfigCheck.XenEntry e : entries) {
            log.info("grub entry: '" + e.title() + "': " + e.hypervisor() + " + " + e.kernel());
        }
        return new Result(config, entries);
    }

    /** Runs the distribution's command on the live system or inside a machine root; returns its grub.cfg. */
    private Path runOnMachine(TargetRoot root, GrubCommand command) throws BuildException {
        log.info("Updating grub: " + String.join(" ", command.argv()));
        if (root.live()) {
            runner.run(Command.of(command.argv()).logPrefix("[grub] ").build());
            return command.config();
        }
        new MachineTools(runner, log).run(root, command.argv(), "[grub] ");
        return inside(root, command.config().toString().substring(1));
    }

    /**
     * grub-mkconfig names the root file system by UUID only when /dev/disk/by-uuid has it, which udev
     * makes; on a build host without udev it writes the device the machine root is mounted from
     * ({@code root=/dev/loop0p1}), which the machine will never have.
     */
    private static void requireBootableRootDevice(Path config) throws BuildException {
        String text;
        try {
            text = Files.readString(config, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new BuildException("grub did not write " + config + ": " + e.getMessage(), "read grub's output above",
                    e);
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\sroot=(/dev/(loop|nbd|mapper/loop)\\S*)")
                .matcher(text);
        if (m.find()) {
            throw new BuildException("grub wrote root=" + m.group(1) + " into " + config + ": the device this build"
                    + " host mounted the machine root from, which the machine will not have. grub-mkconfig names the"
                    + " root by UUID only when /dev/disk/by-uuid has it, and udev, which makes that link, does not run"
                    + " on this host.", "create /dev/disk/by-uuid/<the file system's UUID> -> ../../" + m.group(1)
                            .substring(5) + " (what udev would do) and run grub-update again, or run it on a host"
                            + " with udev");
        }
    }

    /**
     * After an uninstall, on the live system or a machine root: the distribution's command again, then a
     * check that no Xen entry boots a kernel or hypervisor that was removed (their file names in /boot,
     * such as {@code vmlinuz-6.1.176}: a separate /boot partition drops the {@code /boot} in grub's paths).
     */
    public Result regenerateWithout(TargetRoot root, GrubCommand command, List<String> removedBootFiles,
            boolean dryRun) throws BuildException {
        if (dryRun) {
            log.info("Dry run: would run " + String.join(" ", command.argv()) + " on " + root.describe());
            return new Result(command.config(), List.of());
        }
        Path config = runOnMachine(root, command);
        List<GrubConfigCheck.XenEntry> entries;
        try {
            entries = GrubConfigCheck.xenEntries(Files.readString(config, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new BuildException("grub did not write " + config + ": " + e.getMessage(), "read grub's output above",
                    e);
        }
        List<String> stale = entries.stream().filter(e -> removedBootFiles.stream().anyMatch(f -> e.kernel().endsWith("/" + f)
                || e.hypervisor().endsWith("/" + f))).map(e -> "'" + e.title() + "': " + e.hypervisor() + " + " + e.kernel())
                .toList();
        if (!stale.isEmpty()) {
            throw new BuildException("grub still has Xen entries that boot what was removed:\n    "
                    + String.join("\n    ", stale), "run the distribution's grub command by hand and read why " + config
                            + " still lists them");
        }
        log.info("grub: no entry boots what was removed (" + entries.size() + " Xen entries left in " + config + ")");
        return new Result(config, entries);
    }

    private static Path extract(String resource, Path dir) throws IOException {
        Path p = dir.resolve(resource);
        try (InputStream in = GrubUpdater.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException(resource + " is missing from the dom0-build-core jar");
            }
            Files.copy(in, p);
        }
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("r-xr-xr-x"));
        return p;
    }
}
