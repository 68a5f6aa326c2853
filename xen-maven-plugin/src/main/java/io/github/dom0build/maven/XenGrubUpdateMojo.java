package io.github.dom0build.maven;

import io.github.dom0build.core.BuildException;
import io.github.dom0build.core.bootloader.GrubUpdater;
import io.github.dom0build.core.install.TargetRoot;
import io.github.dom0build.core.process.ProcessRunner;
import java.io.File;
import java.util.List;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Updates grub so it boots Xen with the dom0 kernel, the recipe's {@code update-grub} step, and checks
 * the result. Before: each dom0 kernel in the root's /boot must have its {@code config-<release>} with
 * {@code CONFIG_XEN_DOM0=y} (all grub's 20_linux_xen looks at) and a hypervisor image must be there.
 * Then, on the live system, the distribution's command (Debian/Ubuntu {@code grub-mkconfig -o
 * /boot/grub/grub.cfg}, which is what update-grub runs; Fedora/RHEL {@code grub2-mkconfig -o
 * /boot/grub2/grub.cfg}; openSUSE {@code update-bootloader --refresh}), and in a machine root mounted at
 * a directory ({@code chroot}) that machine's command inside it; on a staged root, grub's own
 * 20_linux_xen in a private mount namespace against the staged /boot, written to
 * {@code boot/grub/grub.cfg} there. After: the configuration must have a Xen entry booting each dom0
 * kernel. Not bound by the packagings, so a plain {@code mvn install} never changes the host.
 */
@Mojo(name = "grub-update", threadSafe = true)
public class XenGrubUpdateMojo extends AbstractRootMojo {
    /** The kernel releases that must get Xen entries; empty means every vmlinuz in the root's /boot. */
    @Parameter(property = "xen.kernels")
    private List<String> kernels;

    /** Live system or machine root only: the command that regenerates grub.cfg, instead of the distribution's. */
    @Parameter(property = "xen.grubCommand")
    private List<String> grubCommand;

    /**
     * Live system or machine root only: the grub.cfg that is checked afterwards (with grubCommand: the one
     * it writes), as a path on that machine.
     */
    @Parameter(property = "xen.grubConfig")
    private File grubConfig;

    /** Staged root: the grub.d script that makes the Xen entries. */
    @Parameter(property = "xen.grubScript", defaultValue = "/etc/grub.d/20_linux_xen")
    private File grubScript;

    /** Skips this goal. */
    @Parameter(property = "xen.grub-update.skip", defaultValue = "false")
    private boolean skip;

    @Override
    protected boolean skipGoal() {
        return skip;
    }

    @Override
    protected void run() throws BuildException {
        TargetRoot r = targetRoot("update grub");
        GrubUpdater updater = new GrubUpdater(new ProcessRunner(buildLog()), buildLog());
        List<String> releases = kernels == null ? List.of() : kernels;
        if (r.hasMachineTools()) {
            GrubUpdater.GrubCommand cmd;
            if (grubCommand != null && !grubCommand.isEmpty()) {
                if (grubConfig == null) {
                    throw new BuildException("grubCommand is set but grubConfig is not, so the result cannot be checked.",
                            "set grubConfig to the grub.cfg your command writes");
                }
                cmd = new GrubUpdater.GrubCommand(grubCommand, grubConfig.toPath());
            } else {
                cmd = GrubUpdater.GrubCommand.forMachine(r);
                if (grubConfig != null) {
                    cmd = new GrubUpdater.GrubCommand(cmd.argv(), grubConfig.toPath());
                }
            }
            updater.updateLive(r, releases, cmd, dryRun);
        } else {
            if ((grubCommand != null && !grubCommand.isEmpty()) || grubConfig != null) {
                getLog().warn("grubCommand and grubConfig apply to the live system; a staged root always uses "
                        + grubScript + " and writes its boot/grub/grub.cfg");
            }
            updater.updateStaged(r, releases, grubScript.toPath(), dryRun);
        }
    }
}
