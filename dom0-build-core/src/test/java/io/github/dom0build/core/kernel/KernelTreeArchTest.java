package io.github.dom0build.core.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dom0build.core.arch.Architecture;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class KernelTreeArchTest {
    private static final Path SRC = Path.of("/srv/linux");
    private static final Path BUILD = Path.of("/srv/linux-build");

    private static String other() {
        return Architecture.host() == Architecture.ARM64 ? "x86_64" : "arm64";
    }

    @Test
    void anotherArchitectureGetsTheDistributionsCrossToolchain() {
        KernelTree t = KernelTree.of(SRC, BUILD, other(), null);
        Architecture target = Architecture.ofKernelArch(other());
        assertThat(t.makeVariables()).containsEntry("ARCH", target.kernelArch())
                .containsEntry("CROSS_COMPILE", target.gnuTriplet() + "-");
        assertThat(t.arch().imagePath()).isEqualTo("arch/" + target.kernelSrcArch() + "/boot/" + target.kernelImage());
    }

    @Test
    void arm64BuildsTheUncompressedImageThatXenLoads() {
        assertThat(KernelTree.of(SRC, BUILD, "arm64", "aarch64-none-linux-gnu-").arch().imagePath())
                .isEqualTo("arch/arm64/boot/Image");
    }

    @Test
    void anExplicitPrefixWinsAndANativeBuildHasNone() {
        assertThat(KernelTree.of(SRC, BUILD, other(), "/opt/tc/bin/cross-").makeVariables())
                .containsEntry("CROSS_COMPILE", "/opt/tc/bin/cross-");
        assertThat(KernelTree.of(SRC, BUILD, "", null).makeVariables()).doesNotContainKey("CROSS_COMPILE");
        // an ARCH dom0-build has no table for keeps the old behaviour: the user names the toolchain
        assertThat(KernelTree.of(SRC, BUILD, "riscv", null).makeVariables()).doesNotContainKey("CROSS_COMPILE");
    }
}
