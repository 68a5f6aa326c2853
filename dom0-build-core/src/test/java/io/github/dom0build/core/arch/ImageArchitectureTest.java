package io.github.dom0build.core.arch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class ImageArchitectureTest {
    private static byte[] elf(int machine) {
        byte[] h = new byte[64];
        h[0] = 0x7f;
        h[1] = 'E';
        h[2] = 'L';
        h[3] = 'F';
        h[5] = 1; // little endian
        h[18] = (byte) machine;
        h[19] = (byte) (machine >> 8);
        return h;
    }

    @Test
    void elfMachines() {
        assertThat(ImageArchitecture.of(elf(3), 64)).contains(Architecture.X86_64); // Xen's 32-bit multiboot
        assertThat(ImageArchitecture.of(elf(62), 64)).contains(Architecture.X86_64);
        assertThat(ImageArchitecture.of(elf(183), 64)).contains(Architecture.ARM64);
        assertThat(ImageArchitecture.of(elf(40), 64)).isEmpty(); // 32-bit Arm
    }

    @Test
    void theArm64BootImageMagic() {
        byte[] h = new byte[64];
        h[56] = 'A';
        h[57] = 'R';
        h[58] = 'M';
        h[59] = 0x64;
        assertThat(ImageArchitecture.of(h, 64)).contains(Architecture.ARM64);
        assertThat(ImageArchitecture.of(h, 59)).isEmpty();
        assertThat(ImageArchitecture.of("xen\n".getBytes(), 4)).isEqualTo(Optional.empty());
    }
}
