package io.github.dom0build.core.boottest;

import io.github.dom0build.core.arch.Architecture;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The QEMU command line that boots Xen on arm64 with a dom0, with neither firmware nor U-Boot nor TFTP:
 * QEMU's {@code virt} machine with the virtualisation extensions (EL2, where Xen runs) and a GICv3, Xen as
 * the {@code -kernel} Image, and two {@code guest-loader} devices that load dom0's kernel and initramfs
 * and describe them as {@code /chosen} multiboot modules in the device tree QEMU generates, which is how
 * Xen on Arm finds its dom0. Xen keeps the PL011 ({@code console=dtuart}), dom0 talks on hvc0.
 */
final class Arm64Qemu {
    /** Where guest-loader puts dom0's kernel and initramfs: above Xen (loaded at the start of RAM). */
    static final String KERNEL_ADDRESS = "0x49000000";
    static final String INITRD_ADDRESS = "0x50000000";

    private Arm64Qemu() {
    }

    static List<String> command(BootTestRequest r, Path xen, Path kernel, Path initramfs, Path console) {
        // Xen on Arm's dom0_mem takes a size only (no max: as on x86).
        String xenArgs = "console=dtuart loglvl=all guest_loglvl=all dom0_mem=" + r.effectiveDom0Memory()
                + " console_timestamps=boot" + BootTest.extra(r.xenArguments());
        String kernelArgs = "console=hvc0 earlycon=xen rdinit=/init" + BootTest.extra(r.kernelArguments());
        List<String> argv = new ArrayList<>(List.of(r.qemuFor(Architecture.ARM64), "-machine",
                "virt,gic-version=3,virtualization=on", "-cpu", "cortex-a57", "-smp", "2", "-m", r.effectiveMemory(),
                "-nographic", "-no-reboot", "-kernel", xen.toString(), "-append", xenArgs, "-device",
                "guest-loader,addr=" + KERNEL_ADDRESS + ",kernel=" + option(kernel.toString()) + ",bootargs="
                        + option(kernelArgs),
                "-device", "guest-loader,addr=" + INITRD_ADDRESS + ",initrd=" + option(initramfs.toString()),
                "-monitor", "none", "-serial", "file:" + console));
        argv.addAll(r.qemuArguments());
        return argv;
    }

    /** A value inside a -device option list: QEMU reads ",," as one comma. */
    private static String option(String value) {
        return value.replace(",", ",,");
    }
}
