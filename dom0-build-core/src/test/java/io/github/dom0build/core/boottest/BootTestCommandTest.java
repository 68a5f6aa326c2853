package io.github.dom0build.core.boottest;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dom0build.core.configure.XenstoredChoice;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class BootTestCommandTest {
    private static final Path DIR = Path.of("/srv/dom0/target/boot-test");

    private static BootTestRequest request(String xenArgs, String kernelArgs, List<String> qemuArgs) {
        return new BootTestRequest(Path.of("/srv/dom0/target/root"), "6.1.176-dom0", XenstoredChoice.OXENSTORED,
                "qemu-system-x86_64", "2G", "512M", xenArgs, kernelArgs, qemuArgs, Path.of("/bin/busybox"),
                Duration.ofMinutes(5), DIR, Instant.parse("2024-06-01T00:00:00Z"));
    }

    private static List<String> command(BootTestRequest r) {
        return BootTest.qemuCommand(r, DIR.resolve("xen.multiboot"), DIR.resolve("vmlinuz"),
                DIR.resolve("initramfs.cpio.gz"), DIR.resolve("console.log"));
    }

    @Test
    void theCommandLineFromTheFieldNotes() {
        assertThat(command(request(null, "", List.of()))).containsExactly("qemu-system-x86_64", "-nographic",
                "-no-reboot", "-m", "2G", "-kernel", "/srv/dom0/target/boot-test/xen.multiboot", "-append",
                "loglvl=all guest_loglvl=all com1=115200,8n1 console=com1 noreboot dom0_mem=512M,max:512M"
                        + " console_timestamps=boot",
                "-initrd", "/srv/dom0/target/boot-test/vmlinuz console=hvc0 earlyprintk=xen rdinit=/init,"
                        + "/srv/dom0/target/boot-test/initramfs.cpio.gz",
                "-monitor", "none", "-serial", "file:/srv/dom0/target/boot-test/console.log");
    }

    @Test
    void extraWordsAndArgumentsAreAppended() {
        List<String> argv = command(request(" sched=credit2 dom0_max_vcpus=1 ", "loglevel=7",
                List.of("-smp", "2", "-cpu", "qemu64")));
        assertThat(argv.get(argv.indexOf("-append") + 1)).isEqualTo("loglvl=all guest_loglvl=all com1=115200,8n1"
                + " console=com1 noreboot dom0_mem=512M,max:512M console_timestamps=boot sched=credit2 dom0_max_vcpus=1");
        assertThat(argv.get(argv.indexOf("-initrd") + 1)).isEqualTo("/srv/dom0/target/boot-test/vmlinuz console=hvc0"
                + " earlyprintk=xen rdinit=/init loglevel=7,/srv/dom0/target/boot-test/initramfs.cpio.gz");
        assertThat(argv.subList(argv.size() - 6, argv.size())).containsExactly("-serial",
                "file:/srv/dom0/target/boot-test/console.log", "-smp", "2", "-cpu", "qemu64");
    }

    @Test
    void systemdBootsFromTheInitramfsAsTheRealSystemWithMoreMemoryForDom0() {
        BootTestRequest r = new BootTestRequest(Path.of("/srv/dom0/target/root"), "6.1.176", XenstoredChoice.OXENSTORED,
                "qemu-system-x86_64", null, null, null, null, List.of(), Path.of("/bin/busybox"), Duration.ofMinutes(10),
                DIR, Instant.EPOCH, new SystemdBoot(Path.of("/srv/rootfs.tar"), null, List.of(), null));
        List<String> argv = command(r);
        assertThat(argv.get(argv.indexOf("-m") + 1)).isEqualTo("2G");
        assertThat(argv.get(argv.indexOf("-append") + 1)).contains(" dom0_mem=1024M,max:1024M ");
        assertThat(argv.get(argv.indexOf("-initrd") + 1)).contains(" rdinit=/sbin/init,");
    }

    @Test
    void theMemoryValuesComeFromTheRequest() {
        BootTestRequest r = new BootTestRequest(Path.of("/r"), null, XenstoredChoice.CXENSTORED, "/opt/qemu/bin/qemu",
                "4G", "1024M", "", null, List.of(), Path.of("/bin/busybox"), Duration.ofMinutes(1), DIR,
                Instant.EPOCH);
        List<String> argv = command(r);
        assertThat(argv.get(0)).isEqualTo("/opt/qemu/bin/qemu");
        assertThat(argv.get(argv.indexOf("-m") + 1)).isEqualTo("4G");
        assertThat(argv.get(argv.indexOf("-append") + 1)).contains(" dom0_mem=1024M,max:1024M ");
    }
}
