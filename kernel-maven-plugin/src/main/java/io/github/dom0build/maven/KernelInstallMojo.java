package io.github.dom0build.maven;

import io.github.dom0build.core.BuildException;
import io.github.dom0build.core.dist.KernelDist;
import io.github.dom0build.core.install.RootInstaller;
import io.github.dom0build.core.install.TargetRoot;
import io.github.dom0build.core.machine.KernelReleases;
import io.github.dom0build.core.machine.MachineHooks;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Installs the staged kernel (what dist staged in {@code ${project.build.directory}/kernel-stage}:
 * {@code boot/vmlinuz-<release>}, {@code System.map}, {@code config} and {@code lib/modules/<release>}) into
 * a root: by default a staged root under target/
 * so tests and CI never touch the host; the live system only with {@code root=/} and
 * {@code allowLiveSystem}, and then only as root; or a machine root mounted at a directory
 * ({@code chroot}). All or nothing, with every change logged; {@code dryRun} only lists them. On the live
 * system and in a machine root, the machine's own tool then makes the kernel's initramfs, as the
 * distribution's kernel packages do ({@code initramfs}). This installs system files; the Maven artifact
 * goes to the repository through maven-install-plugin as usual. With {@code artifact}, a kernel archive
 * CI published is installed instead, resolved by its coordinates and checked file by file against its
 * metadata; then no project is needed.
 */
@Mojo(name = "install", defaultPhase = LifecyclePhase.INSTALL, threadSafe = true, requiresProject = false)
public class KernelInstallMojo extends AbstractInstallMojo {
    /**
     * How the kernel's initramfs is made on the live system or in a machine root: {@code auto} (the
     * machine's distribution decides: update-initramfs on Debian and Ubuntu, dracut on Fedora, RHEL and
     * SUSE, mkinitcpio on Arch), {@code update-initramfs}, {@code dracut}, {@code mkinitcpio},
     * {@code kernel-install} (systemd's, which runs the distribution's plugins), or {@code none} (every
     * boot driver built in). A staged root gets none. The tool is recorded beside the install's manifest,
     * and uninstall removes the initramfs with it.
     */
    @Parameter(property = "kernel.initramfs", defaultValue = "auto")
    private String initramfs;

    @Override
    protected void run() throws BuildException {
        TargetRoot r = targetRoot("install the kernel");
        List<String> releases;
        String installation;
        Path stage = KernelDist.stageIn(Path.of(project.getBuild().getDirectory()));
        try (InstallSource source = installSource(stage, project.getArtifactId() + "-kernel")) {
            new RootInstaller(buildLog()).install(source.tree(), r, source.name(), dryRun, source.include());
            releases = KernelReleases.staged(source.tree());
            installation = source.name();
        }
        new MachineHooks(runner(), buildLog()).kernelAdded(r, releases, installation, initramfs, dryRun);
    }

    @Override
    protected String defaultClassifier() {
        return "kernel";
    }

    @Override
    protected Set<String> installableKinds() {
        return Set.of("linux-kernel");
    }
}
