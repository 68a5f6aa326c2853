package io.github.dom0build.maven;

import io.github.dom0build.core.BuildException;
import io.github.dom0build.core.bootloader.GrubUpdater;
import io.github.dom0build.core.install.InstallManifest;
import io.github.dom0build.core.install.RootUninstaller;
import io.github.dom0build.core.install.TargetRoot;
import io.github.dom0build.core.machine.KernelReleases;
import io.github.dom0build.core.machine.MachineHooks;
import io.github.dom0build.core.process.ProcessRunner;
import java.util.List;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Takes an installed kernel back out of a root, from the manifest kernel:install left there: the
 * machine's tool removes its initramfs first, then every file the install put there goes if it is still
 * what was installed (one changed since is kept, with a warning), then, on the live system or a machine
 * root, grub is updated with the distribution's command and checked to boot it no more. Not bound to
 * a phase; runs without a project too.
 */
@Mojo(name = "uninstall", threadSafe = true, requiresProject = false)
public class KernelUninstallMojo extends AbstractRootMojo {
    /** The installation to take out: its manifest is {@code var/lib/dom0-build/<installation>.manifest}. */
    @Parameter(property = "kernel.installation", defaultValue = "${project.artifactId}-kernel", required = true)
    private String installation;

    /** How the kernel's initramfs was made, to remove it the same way (as for install). */
    @Parameter(property = "kernel.initramfs", defaultValue = "auto")
    private String initramfs;

    /** On the live system or a machine root, update grub afterwards with the distribution's command. */
    @Parameter(property = "kernel.grubUpdate", defaultValue = "true")
    private boolean grubUpdate;

    /** Skips this goal. */
    @Parameter(property = "kernel.uninstall.skip", defaultValue = "false")
    private boolean skip;

    @Override
    protected boolean skipGoal() {
        return skip;
    }

    @Override
    protected void run() throws BuildException {
        TargetRoot r = targetRoot("uninstall the kernel");
        RootUninstaller uninstaller = new RootUninstaller(buildLog());
        List<String> releases = KernelReleases.listed(uninstaller.manifest(r, installation).stream()
                .map(InstallManifest.Line::path).toList());
        ProcessRunner runner = new ProcessRunner(buildLog());
        new MachineHooks(runner, buildLog()).kernelRemoved(r, releases, initramfs, dryRun);
        uninstaller.uninstall(r, installation, dryRun);
        if (grubUpdate && r.hasMachineTools()) {
            new GrubUpdater(runner, buildLog()).regenerateWithout(r, GrubUpdater.GrubCommand.forMachine(r),
                    releases.stream().map(v -> "vmlinuz-" + v).toList(), dryRun);
        }
    }
}
