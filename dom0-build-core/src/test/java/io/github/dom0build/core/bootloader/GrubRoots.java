package io.github.dom0build.core.bootloader;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Staged roots for the grub tests: kernels and Xen in /boot. */
final class GrubRoots {
    private GrubRoots() {
    }

    static void write(Path file, String content) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, content, StandardCharsets.ISO_8859_1);
    }

    /** {@code boot/vmlinuz-<release>} with the config line 20_linux_xen looks for. */
    static void dom0Kernel(Path root, String release) throws IOException {
        write(root.resolve("boot/vmlinuz-" + release), "kernel " + release + "\n");
        write(root.resolve("boot/config-" + release), "CONFIG_XEN_DOM0=y\n");
    }
}
