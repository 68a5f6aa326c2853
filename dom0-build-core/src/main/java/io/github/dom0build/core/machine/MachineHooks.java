package io.github.dom0build.core.machine;

import io.github.dom0build.core.BuildException;
import io.github.dom0build.core.deps.Distribution;
import io.github.dom0build.core.install.TargetRoot;
import io.github.dom0build.core.log.BuildLog;
import io.github.dom0build.core.process.ProcessRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What a distribution's kernel package does after putting a kernel in place, and before taking one out:
 * the initramfs, with the machine's own tool ({@link InitramfsTool}), on the live system or inside a
 * machine root. A staged root is no machine: its kernel gets no initramfs here (the boot test makes its
 * own), and the log says so.
 */
public final class MachineHooks {
    private final MachineTools tools;
    private final BuildLog log;

    public MachineHooks(ProcessRunner runner, BuildLog log) {
        this.tools = new MachineTools(runner, log);
        this.log = log;
    }

    /**
     * Makes the initramfs of each kernel release just installed as {@code installation}, and records the
     * tool beside its manifest for {@link #kernelRemoved}.
     */
    public void kernelAdded(TargetRoot root, List<String> releases, String installation, String initramfs,
            boolean dryRun) throws BuildException {
        if (!root.hasMachineTools()) {
            log.info("Staged root: no initramfs is made (the machine's own tool makes it where the kernel is installed"
                    + " with root=/ or chroot)");
            return;
        }
        Distribution machine = MachineTools.distribution(root);
        InitramfsTool tool = InitramfsTool.choose(initramfs, machine);
        if (tool == InitramfsTool.NONE) {
            log.info("initramfs=none: no initramfs is made; the kernel must boot without one");
            record(root, installation, tool, dryRun);
            return;
        }
        require(root, tool);
        for (String release : releases) {
            boolean exists = Files.exists(inside(root, tool.image(release, machine)));
            List<String> argv = tool.add(release, machine, exists);
            if (dryRun) {
                log.info("Dry run: would run " + String.join(" ", argv) + " on " + root.describe());
                continue;
            }
            log.info("Making the initramfs of Linux " + release + " with " + machine.prettyName() + "'s " + tool.value());
            tools.run(root, argv, "[" + tool.value() + "] ");
            Path image = inside(root, tool.image(release, machine));
            if (!Files.isRegularFile(image)) {
                throw new BuildException(tool.value() + " reported success but " + tool.image(release, machine)
                        + " is not in " + root.describe() + ".", "read its output above");
            }
        }
        record(root, installation, tool, dryRun);
    }

    private void record(TargetRoot root, String installation, InitramfsTool tool, boolean dryRun)
            throws BuildException {
        if (dryRun) {
            log.info("Dry run: would record " + tool.value() + " in " + InitramfsRecord.describe(root, installation));
        } else {
            InitramfsRecord.write(root, installation, tool);
        }
    }

    /**
     * Removes the initramfs of each kernel release of {@code installation}, about to be taken out, with the
     * tool its install recorded (an install made before the record: the machine's own, as {@code auto}). The
     * record goes with the manifest ({@code RootUninstaller}).
     */
    public void kernelRemoved(TargetRoot root, List<String> releases, String installation, boolean dryRun)
            throws BuildException {
        if (!root.hasMachineTools()) {
            return;
        }
        Distribution machine = MachineTools.distribution(root);
        InitramfsTool tool = InitramfsRecord.read(root, installation).orElse(null);
        if (tool == null) {
            log.info("No record of how the initramfs of " + installation + " was made: removing it as "
                    + machine.prettyName() + " makes it");
            try {
                tool = InitramfsTool.choose("auto", machine);
            } catch (BuildException e) {
                throw new BuildException(e.problem(), "write the tool's name (update-initramfs, dracut, mkinitcpio,"
                        + " kernel-install or none) into " + InitramfsRecord.describe(root, installation)
                        + ", then uninstall again", e);
            }
        }
        if (tool != InitramfsTool.NONE) {
            removeImages(root, releases, machine, tool, dryRun);
        }
    }

    private void removeImages(TargetRoot root, List<String> releases, Distribution machine, InitramfsTool tool,
            boolean dryRun) throws BuildException {
        for (String release : releases) {
            Path image = inside(root, tool.image(release, machine));
            List<String> argv = tool.remove(release);
            if (dryRun) {
                log.info("Dry run: would remove " + tool.image(release, machine) + (argv.isEmpty() ? ""
                        : " (" + String.join(" ", argv) + ")"));
                continue;
            }
            if (!argv.isEmpty() && Files.exists(image)) {
                tools.run(root, argv, "[" + tool.value() + "] ");
            }
            try {
                if (Files.deleteIfExists(image)) {
                    log.info("Removed " + tool.image(release, machine));
                }
            } catch (IOException e) {
                throw new BuildException("Cannot remove " + image + ": " + e.getMessage(), "remove it by hand", e);
            }
        }
    }

    private static void require(TargetRoot root, InitramfsTool tool) throws BuildException {
        if (!MachineTools.has(root, tool.value())) {
            throw new BuildException(tool.value() + " is not installed in " + root.describe() + ", so the kernel would"
                    + " get no initramfs.", "install it there (Debian: initramfs-tools; Fedora: dracut; Arch:"
                            + " mkinitcpio), or set initramfs to the tool the machine has, or to none for a kernel"
                            + " with every boot driver built in");
        }
    }

    private static Path inside(TargetRoot root, String machinePath) throws BuildException {
        try {
            return root.live() ? Path.of(machinePath) : root.resolveFollowing(machinePath.substring(1));
        } catch (IOException e) {
            throw new BuildException("Cannot find " + machinePath + " in " + root.describe() + ": " + e.getMessage(),
                    "replace that symbolic link in the root by one that stays inside it", e);
        }
    }
}
