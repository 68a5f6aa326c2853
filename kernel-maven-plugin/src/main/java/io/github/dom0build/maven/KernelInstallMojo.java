package io.github.dom0build.maven;

import io.github.dom0build.core.BuildException;
import io.github.dom0build.core.install.RootInstaller;
import io.github.dom0build.core.install.TargetRoot;
import io.github.dom0build.core.machine.KernelReleases;
import io.github.dom0build.core.machine.MachineHooks;
import io.github.dom0build.core.process.ProcessRunner;
import java.io.File;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Installs the staged kernel (what dist staged: {@code boot/vmlinuz-<release>}, {@code System.map},
 * {@code config} and {@code lib/modules/<release>}) into a root: by default a staged root under target/
 * so tests and CI never touch the host; the live system only with {@code root=/} and
 * {@code allowLiveSystem}, and then only as root; or a machine root mounted at a directory
 * ({@code chroot}). All or nothing, with every change logged; {@code dryRun} only lists them. On the live
 * system and in a machine root, the machine's own tool then makes the kernel's initramfs, as the
 * distribution's kernel packages do ({@code initramfs}). This installs system files; the Maven artifact
 * goes to the repository through maven-install-plugin as usual.
 */
@Mojo(name = "install", defaultPhase = LifecyclePhase.INSTALL, threadSafe = true)
public class KernelInstallMojo extends AbstractRootMojo {
    /** The stage that dist prepared. */
    @Parameter(property = "kernel.stageDirectory", defaultValue = "${project.build.directory}/kernel-stage",
            required = true)
    private File stageDirectory;

    /**
     * How the kernel's initramfs is made on the live system or in a machine root: {@code auto} (the
     * machine's distribution decides: update-initramfs on Debian and Ubuntu, dracut on Fedora, RHEL and
     * SUSE, mkinitcpio on Arch), {@code update-initramfs}, {@code dracut}, {@code mkinitcpio},
     * {@code kernel-install} (systemd's, which runs the distribution's plugins), or {@code none} (every
     * boot driver built in). A staged root gets none.
     */
    @Parameter(property = "kernel.initramfs", defaultValue = "auto")
    private String initramfs;

    /** Skips this goal. */
    @Parameter(property = "kernel.install.skip", defaultValue = "false")
    private boolean skip;

    @Override
    protected boolean skipGoal() {
        return skip;
    }

    @Override
    protected void run() throws BuildException {
        TargetRoot r = targetRoot("install the kernel");
        new RootInstaller(buildLog()).install(stageDirectory.toPath(), r, project.getArtifactId() + "-kernel", dryRun);
        new MachineHooks(new ProcessRunner(buildLog()), buildLog()).kernelAdded(r,
                KernelReleases.staged(stageDirectory.toPath()), initramfs, dryRun);
    }
}
