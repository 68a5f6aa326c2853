package io.github.dom0build.core.bootloader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.dom0build.core.bootloader.GrubConfigCheck.XenEntry;
import io.github.dom0build.core.install.TargetRoot;
import io.github.dom0build.core.process.ProcessRunner;
import io.github.dom0build.core.testing.RecordingLog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ids, submenus and arguments of the Xen entries in what this machine's real grub 20_linux_xen
 * prints for a staged /boot with two dom0 kernels (the newer one gets the top-level entry, the older one
 * only the submenus), and which entries get which command line.
 */
class GrubEntryIdsTest {
    static final Path SCRIPT = Path.of("/etc/grub.d/20_linux_xen");

    @TempDir
    Path tmp;

    private Path root;

    @BeforeEach
    void aStagedBootWithTwoDom0Kernels() throws Exception {
        assumeTrue(Files.isRegularFile(SCRIPT), "grub-common is not installed");
        root = tmp.resolve("root");
        GrubRoots.dom0Kernel(root, "6.1.0-dom0");
        GrubRoots.dom0Kernel(root, "6.2.0-dom0");
        GrubRoots.write(root.resolve("boot/xen-4.17.5.gz"), "xen\n");
    }

    private List<XenEntry> generate(String defaults) throws Exception {
        GrubRoots.write(root.resolve("etc/default/grub"), defaults);
        RecordingLog log = new RecordingLog();
        GrubUpdater.Result r = new GrubUpdater(new ProcessRunner(log), log).updateStaged(new TargetRoot(root, false),
                List.of(), SCRIPT, false);
        assertThat(r.entries()).isEqualTo(GrubConfigCheck.xenEntries(Files.readString(r.grubConfig())));
        return r.entries();
    }

    @Test
    void idsCarryTheBootDeviceAndTheOlderKernelsEntrySitsInTwoSubmenus() throws Exception {
        // grub-probe cannot see a disk here; with GRUB_DISABLE_UUID grub names the device by GRUB_DEVICE instead
        List<XenEntry> entries = generate("GRUB_DISABLE_UUID=true\nGRUB_DEVICE=/dev/vda1\nGRUB_DISTRIBUTOR=Dom0Test\n");
        XenEntry top = GrubConfigCheck.entryFor(entries, "6.2.0-dom0");
        assertThat(top.submenus()).isEmpty();
        assertThat(top.idPath()).isEqualTo("xen-gnulinux-simple-/dev/vda1");
        assertThat(top.title()).isEqualTo("Dom0Test GNU/Linux, with Xen hypervisor");
        XenEntry older = GrubConfigCheck.entryFor(entries, "6.1.0-dom0");
        assertThat(older.idPath()).isEqualTo("gnulinux-advanced-/dev/vda1>xen-hypervisor-4.17.5-/dev/vda1"
                + ">xen-gnulinux-6.1.0-dom0-advanced-/dev/vda1");
        assertThat(older.titlePath()).isEqualTo("Advanced options for Dom0Test GNU/Linux (with Xen hypervisor)"
                + ">Xen hypervisor, version 4.17.5>Dom0Test GNU/Linux, with Xen 4.17.5 and Linux 6.1.0-dom0");
        assertThat(older.kernel()).isEqualTo("/boot/vmlinuz-6.1.0-dom0");
    }

    @Test
    void onAStagedRootTheIdsHaveNoDevice() throws Exception {
        List<XenEntry> entries = generate("GRUB_DISTRIBUTOR=Dom0Test\n");
        assertThat(GrubConfigCheck.entryFor(entries, "6.2.0-dom0").idPath()).isEqualTo("xen-gnulinux-simple-");
    }

    @Test
    void theXenDefaultAndReplaceLinesReachEveryXenEntryButRecovery() throws Exception {
        List<XenEntry> entries = generate("GRUB_CMDLINE_XEN=xen_all\nGRUB_CMDLINE_XEN_DEFAULT='dom0_mem=2G'\n"
                + "GRUB_CMDLINE_LINUX=linux_all\nGRUB_CMDLINE_LINUX_DEFAULT=quiet\n"
                + "GRUB_CMDLINE_LINUX_XEN_REPLACE_DEFAULT='console=hvc0'\n");
        assertThat(entries).hasSizeGreaterThanOrEqualTo(4);
        for (XenEntry e : entries) {
            boolean recovery = e.id().contains("-recovery-");
            assertThat(e.hypervisorArguments()).as(e.title()).contains("xen_all");
            assertThat(e.kernelArguments()).as(e.title()).contains("linux_all").doesNotContain("quiet");
            assertThat(GrubSettingsCheck.carries(e.hypervisorArguments(), "dom0_mem=2G")).as(e.title())
                    .isEqualTo(!recovery);
            assertThat(GrubSettingsCheck.carries(e.kernelArguments(), "console=hvc0")).as(e.title())
                    .isEqualTo(!recovery);
        }
        assertThat(entries).anyMatch(e -> e.id().contains("-recovery-"));
    }
}
