package io.github.dom0build.maven;

import io.github.dom0build.core.BuildException;
import io.github.dom0build.core.bootloader.GrubSettings;
import io.github.dom0build.core.bootloader.GrubTarget;
import io.github.dom0build.core.bootloader.GrubUpdater;
import io.github.dom0build.core.bootloader.XenDefault;
import io.github.dom0build.core.deps.Distribution;
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
 * kernel. With {@code xenDefault}, {@code xenCommandLine} or {@code dom0CommandLine}, grub's defaults
 * file is edited as data around grub's run, backed up and journaled, and put back if anything after the
 * edit fails; the previous values stay recorded in the root's {@code var/lib/dom0-build} for an
 * uninstall. Not bound by the packagings, so a plain {@code mvn install} never changes the host.
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

    /**
     * Whether the Xen entry for the dom0 kernel becomes grub's default: {@code no} leaves grub's default
     * alone; {@code yes} sets {@code GRUB_DEFAULT} in the root's {@code etc/default/grub} to the entry (by
     * its id, {@code xen-gnulinux-simple-<uuid>}, or {@code submenu-id>entry-id} when it sits in a
     * submenu; on a staged root by its title) and runs grub again; {@code once} boots it the next time
     * only ({@code grub-reboot}; live system only), then grub's old default again. With several dom0
     * kernels in /boot, {@code kernels} names the one.
     */
    @Parameter(property = "xen.xenDefault", defaultValue = "no")
    private String xenDefault;

    /**
     * Xen's command line ({@code dom0_mem=4G,max:4G dom0_max_vcpus=4 console=com1}): set as
     * {@code GRUB_CMDLINE_XEN_DEFAULT} in the root's {@code etc/default/grub}, which grub's 20_linux_xen
     * gives the hypervisor in every Xen entry but the recovery ones. Unset: the file's value stays.
     */
    @Parameter(property = "xen.xenCommandLine")
    private String xenCommandLine;

    /**
     * dom0's kernel command line in the Xen entries ({@code console=hvc0 earlyprintk=xen}): set as
     * {@code GRUB_CMDLINE_LINUX_XEN_REPLACE_DEFAULT}, which 20_linux_xen uses there instead of
     * {@code GRUB_CMDLINE_LINUX_DEFAULT} (plain Linux entries keep theirs; recovery entries get neither).
     * Unset: the file's value stays.
     */
    @Parameter(property = "xen.dom0CommandLine")
    private String dom0CommandLine;

    @Override
    protected void run() throws BuildException {
        TargetRoot r = targetRoot("update grub");
        ProcessRunner runner = runner();
        GrubUpdater updater = new GrubUpdater(runner, buildLog());
        GrubSettings settings = new GrubSettings(runner, buildLog());
        GrubSettings.Request request = new GrubSettings.Request(XenDefault.parse(xenDefault), xenCommandLine,
                dom0CommandLine);
        List<String> releases = kernels == null ? List.of() : kernels;
        if (r.hasMachineTools()) {
            GrubUpdater.GrubCommand command = GrubUpdater.GrubCommand.chosen(r, grubCommand,
                    grubConfig == null ? null : grubConfig.toPath());
            GrubTarget target = r.live() ? GrubTarget.live(command, Distribution.detect())
                    : GrubTarget.machine(r, command);
            settings.apply(r, target, request, releases, () -> updater.updateLive(r, releases, command, dryRun), dryRun);
        } else {
            if ((grubCommand != null && !grubCommand.isEmpty()) || grubConfig != null) {
                getLog().warn("grubCommand and grubConfig apply to the live system; a staged root always uses "
                        + grubScript + " and writes its boot/grub/grub.cfg");
            }
            settings.apply(r, GrubTarget.staged(r), request, releases,
                    () -> updater.updateStaged(r, releases, grubScript.toPath(), dryRun), dryRun);
        }
    }
}
