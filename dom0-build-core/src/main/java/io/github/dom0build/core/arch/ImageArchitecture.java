package io.github.dom0build.core.arch;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The architecture a built binary is for, read from its header rather than from the parameters that
 * were meant to produce it: an ELF file's {@code e_machine} (Xen's x86 multiboot image is a 32-bit ELF
 * of machine 3, programs 62 or 183), or the arm64 boot Image's magic {@code ARM\x64} at offset 56, which
 * Linux's and Xen's arm64 images both carry. The dist and bundle goals record and compare it; the boot
 * test picks its QEMU from it.
 */
public final class ImageArchitecture {
    private static final int EM_386 = 3;
    private static final int ARM64_MAGIC_OFFSET = 56;

    private ImageArchitecture() {
    }

    public static Optional<Architecture> of(Path file) throws IOException {
        byte[] h = new byte[64];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(h, 0, h.length);
        }
        return of(h, n);
    }

    static Optional<Architecture> of(byte[] h, int n) {
        if (n >= 20 && h[0] == 0x7f && h[1] == 'E' && h[2] == 'L' && h[3] == 'F') {
            boolean little = h[5] == 1;
            int machine = little ? (h[18] & 0xff) | (h[19] & 0xff) << 8 : (h[19] & 0xff) | (h[18] & 0xff) << 8;
            if (machine == EM_386 || machine == Architecture.X86_64.elfMachine()) {
                return Optional.of(Architecture.X86_64);
            }
            return machine == Architecture.ARM64.elfMachine() ? Optional.of(Architecture.ARM64) : Optional.empty();
        }
        if (n >= ARM64_MAGIC_OFFSET + 4 && h[ARM64_MAGIC_OFFSET] == 'A' && h[ARM64_MAGIC_OFFSET + 1] == 'R'
                && h[ARM64_MAGIC_OFFSET + 2] == 'M' && h[ARM64_MAGIC_OFFSET + 3] == 0x64) {
            return Optional.of(Architecture.ARM64);
        }
        return Optional.empty();
    }
}
