package io.github.dom0build.core.boottest;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dom0build.core.configure.XenstoredChoice;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class Arm64QemuTest {
    private static final Path DIR = Path.of("/srv/dom0/target/boot-test");

    private static List<String> command(String qemu, String kernelArgs, Path dir) {
        BootTestRequest r = new BootTestRequest(Path.of("/srv/dom0/target/root"), "6.1.176", XenstoredChoice.CXENSTORED,
                qemu, null, null, null, kernelArgs, List.of(), Path.of("/bin/busybox"), Duration.ofMinutes(5), dir,
                Instant.parse("2024-06-01T00:00:00Z"));
        return Arm64Qemu.command(r, dir.resolve("xen.Image"), dir.resolve("vmlinuz"), dir.resolve("initramfs.cpio.gz"),
                dir.resolve("console.log"));
    }

    @Test
    void theCommandLineFromTheFieldNotes() {
        assertThat(command(null, null, DIR)).containsExactly("qemu-system-aarch64", "-machine",
                "virt,gic-version=3,virtualization=on", "-cpu", "cortex-a57", "-smp", "2", "-m", "2G", "-nographic",
                "-no-reboot", "-kernel", "/srv/dom0/target/boot-test/xen.Image", "-append",
                "console=dtuart loglvl=all guest_loglvl=all dom0_mem=512M console_timestamps=boot", "-device",
                "guest-loader,addr=0x49000000,kernel=/srv/dom0/target/boot-test/vmlinuz,bootargs=console=hvc0"
                        + " earlycon=xen rdinit=/init",
                "-device", "guest-loader,addr=0x50000000,initrd=/srv/dom0/target/boot-test/initramfs.cpio.gz",
                "-monitor", "none", "-serial", "file:/srv/dom0/target/boot-test/console.log");
    }

    @Test
    void commasInADeviceOptionAreDoubledSoQemuDoesNotSplitThere() {
        List<String> argv = command("/opt/qemu/bin/qemu-system-aarch64", "xen_blkback.max=8,16", DIR);
        assertThat(argv.get(0)).isEqualTo("/opt/qemu/bin/qemu-system-aarch64");
        assertThat(argv).contains("guest-loader,addr=0x49000000,kernel=/srv/dom0/target/boot-test/vmlinuz,bootargs="
                + "console=hvc0 earlycon=xen rdinit=/init xen_blkback.max=8,,16");
    }
}
