package io.github.dom0build.core.boottest;

import io.github.dom0build.core.arch.Architecture;
import io.github.dom0build.core.configure.XenstoredChoice;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What the boot test boots and how: the dom0 root (kernel, Xen's multiboot image and tools), the
 * xenstore daemon the busybox init starts, QEMU's program ({@code null}: the hypervisor's architecture's) and memory ({@code null}: what the init
 * needs), extra command-line words for Xen and dom0, the time limit, where the console log and result
 * go, and with {@code systemd} set, systemd as dom0's init on a distribution userland instead of the
 * busybox script.
 */
public record BootTestRequest(Path root, String kernelRelease, XenstoredChoice xenstored, String qemu,
        String memory, String dom0Memory, String xenArguments, String kernelArguments, List<String> qemuArguments,
        Path busybox, Duration timeout, Path reportDirectory, Instant timestamp, SystemdBoot systemd) {

    /** The busybox check. */
    public BootTestRequest(Path root, String kernelRelease, XenstoredChoice xenstored, String qemu, String memory,
            String dom0Memory, String xenArguments, String kernelArguments, List<String> qemuArguments, Path busybox,
            Duration timeout, Path reportDirectory, Instant timestamp) {
        this(root, kernelRelease, xenstored, qemu, memory, dom0Memory, xenArguments, kernelArguments, qemuArguments,
                busybox, timeout, reportDirectory, timestamp, null);
    }

    public BootInit init() {
        return systemd == null ? BootInit.BUSYBOX : BootInit.SYSTEMD;
    }

    /** The QEMU program: the one named, or the system emulator of {@code arch}. */
    public String qemuFor(Architecture arch) {
        return qemu != null && !qemu.isBlank() ? qemu.strip() : arch.qemuSystem();
    }

    /** QEMU's {@code -m}. */
    public String effectiveMemory() {
        return memory != null && !memory.isBlank() ? memory.strip() : "2G";
    }

    /** dom0's memory on Xen's command line: a systemd userland in RAM needs more than the busybox image. */
    public String effectiveDom0Memory() {
        return dom0Memory != null && !dom0Memory.isBlank() ? dom0Memory.strip()
                : init() == BootInit.SYSTEMD ? "1024M" : "512M";
    }
}
