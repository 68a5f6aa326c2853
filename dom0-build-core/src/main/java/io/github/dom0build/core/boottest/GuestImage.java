package io.github.dom0build.core.boottest;

import io.github.dom0build.core.BuildException;
import io.github.dom0build.core.bootroot.CpioImage;
import io.github.dom0build.core.bootroot.MemoryRootSource;
import io.github.dom0build.core.process.ProcessRunner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

/**
 * The guest dom0 starts: the dom0 kernel again, now as a PV domU, with a tiny busybox initramfs whose
 * /init prints a nonce and powers the guest off, and the xl configuration that creates it.
 */
final class GuestImage {
    static final String INITRAMFS = "var/lib/dom0-build/guest-initramfs.cpio.gz";
    static final String CONFIG = "etc/xen/" + GuestOptions.NAME + ".cfg";

    private GuestImage() {
    }

    /** Writes the guest's initramfs to {@code out}. */
    static void initramfs(ProcessRunner runner, Path busybox, String nonce, Instant mtime, Path out)
            throws BuildException, IOException {
        BusyboxApplets.requireInstalled(busybox);
        MemoryRootSource root = new MemoryRootSource("the guest's initramfs");
        for (String d : new String[] {"bin", "dev", "proc", "sbin", "sys", "usr", "usr/bin", "usr/sbin"}) {
            root.directory(d, 0755);
        }
        root.file("bin/busybox", 0755, Files.readAllBytes(busybox));
        for (Map.Entry<String, String> l : BusyboxApplets.links(runner, busybox).entrySet()) {
            root.symlink(l.getKey(), l.getValue());
        }
        String init = new String(BootResources.read("guest-init.sh"), StandardCharsets.UTF_8).replace("@NONCE@", nonce);
        root.file("init", 0755, init);
        CpioImage.write(root, out, mtime, CpioImage.Compression.GZIP);
    }

    /** The xl configuration, in dom0's root at {@link #CONFIG}. */
    static String config(String kernelRelease, GuestOptions g) throws BuildException {
        String extra = "console=hvc0 rdinit=/init" + (g.kernelArguments() == null || g.kernelArguments().isBlank() ? ""
                : " " + g.kernelArguments().strip());
        if (extra.contains("\"") || extra.contains("\n") || extra.contains("\\")) {
            throw new BuildException("The guest's kernel arguments '" + extra + "' contain a quote, a backslash or a"
                    + " line break, which xl's configuration syntax cannot carry.",
                    "remove them from guestKernelArguments");
        }
        return "# dom0-build boot test: a PV guest running the dom0 kernel with a tiny initramfs.\n"
                + "name = \"" + GuestOptions.NAME + "\"\n"
                + "type = \"pv\"\n"
                + "kernel = \"/boot/vmlinuz-" + kernelRelease + "\"\n"
                + "ramdisk = \"/" + INITRAMFS + "\"\n"
                + "memory = " + g.memoryMiB() + "\n"
                + "vcpus = 1\n"
                + "extra = \"" + extra + "\"\n"
                + "on_poweroff = \"destroy\"\n"
                + "on_reboot = \"destroy\"\n"
                + "on_crash = \"destroy\"\n";
    }
}
