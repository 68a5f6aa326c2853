package io.github.dom0build.core.machine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dom0build.core.install.RootUninstaller;
import io.github.dom0build.core.install.TargetRoot;
import io.github.dom0build.core.process.ProcessRunner;
import io.github.dom0build.core.testing.RecordingLog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * uninstall removes a kernel's initramfs with the tool install recorded, not with one it is told again. The
 * machine roots here run no tool: {@code none} makes nothing, and dracut's removal is the image file alone,
 * so nothing needs chroot (which needs root); update-initramfs's would.
 */
class InitramfsRecordTest {
    @TempDir
    Path dir;

    private final RecordingLog log = new RecordingLog();

    private TargetRoot debianMachine() throws Exception {
        Files.createDirectories(dir.resolve("etc"));
        Files.writeString(dir.resolve("etc/os-release"), "ID=debian\nPRETTY_NAME=\"Debian GNU/Linux 12\"\n");
        Files.createDirectories(dir.resolve("var/lib/dom0-build"));
        return TargetRoot.machine(dir, true, "install the kernel"); // a dry-run root needs no root rights
    }

    @Test
    void installRecordsTheToolAndUninstallRemovesWithItAndTheRecordGoesWithTheManifest() throws Exception {
        TargetRoot root = debianMachine();
        MachineHooks hooks = new MachineHooks(new ProcessRunner(log), log);
        hooks.kernelAdded(root, List.of("6.1.0-dom0"), "dom0-kernel", "none", false);
        Path record = dir.resolve("var/lib/dom0-build/dom0-kernel.initramfs");
        assertThat(record).content().isEqualTo("none\n");

        // A kernel whose initramfs dracut made, on a Debian machine (whose own tool is update-initramfs).
        Files.writeString(record, "dracut\n");
        Files.createDirectories(dir.resolve("boot"));
        Files.writeString(dir.resolve("boot/initramfs-6.1.0-dom0.img"), "dracut's\n");
        Files.writeString(dir.resolve("boot/initrd.img-6.1.0-dom0"), "update-initramfs's\n");
        hooks.kernelRemoved(root, List.of("6.1.0-dom0"), "dom0-kernel", true);
        assertThat(dir.resolve("boot/initramfs-6.1.0-dom0.img")).as("a dry run removes nothing").exists();
        assertThat(record).exists();
        hooks.kernelRemoved(root, List.of("6.1.0-dom0"), "dom0-kernel", false);
        assertThat(dir.resolve("boot/initramfs-6.1.0-dom0.img")).doesNotExist();
        assertThat(dir.resolve("boot/initrd.img-6.1.0-dom0")).as("not the machine's default tool's").exists();
        assertThat(record).as("kept until the files are out: a failed uninstall run again still finds it").exists();
        Files.writeString(dir.resolve("var/lib/dom0-build/dom0-kernel.manifest"), "");
        new RootUninstaller(log).uninstall(root, "dom0-kernel", false);
        assertThat(record).as("gone with the manifest, so the root is as before the install").doesNotExist();
    }

    @Test
    void anUnknownRecordFailsNamingTheFile() throws Exception {
        TargetRoot root = debianMachine();
        Files.writeString(dir.resolve("var/lib/dom0-build/dom0-kernel.initramfs"), "genkernel\n");
        assertThatThrownBy(() -> new MachineHooks(new ProcessRunner(log), log).kernelRemoved(root,
                List.of("6.1.0-dom0"), "dom0-kernel", false)).hasMessageContaining("dom0-kernel.initramfs names"
                        + " 'genkernel', which is no initramfs tool dom0-build knows");
    }

    @Test
    void withoutARecordTheMachinesOwnToolIsUsedAndAnUnknownMachineSaysWhereToWriteIt() throws Exception {
        Files.createDirectories(dir.resolve("etc"));
        Files.writeString(dir.resolve("etc/os-release"), "ID=gentoo\nPRETTY_NAME=\"Gentoo Linux\"\n");
        TargetRoot gentoo = TargetRoot.machine(dir, true, "uninstall the kernel");
        assertThatThrownBy(() -> new MachineHooks(new ProcessRunner(log), log).kernelRemoved(gentoo,
                List.of("6.1.0-dom0"), "dom0-kernel", true)).hasMessageContaining("Gentoo Linux")
                .hasMessageContaining("into /var/lib/dom0-build/dom0-kernel.initramfs in the machine root " + dir);
    }
}
