package io.github.dom0build.core.arch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dom0build.core.BuildException;
import io.github.dom0build.core.configure.XenstoredChoice;
import org.junit.jupiter.api.Test;

class ArchitectureTest {
    private static final CrossBuild ARM64_ON_X86 = new CrossBuild(Architecture.ARM64, Architecture.X86_64);
    private static final CrossBuild NATIVE_X86 = new CrossBuild(Architecture.X86_64, Architecture.X86_64);

    @Test
    void everyToolsNameForArm64() throws BuildException {
        Architecture a = Architecture.parse(" aarch64 ");
        assertThat(a).isSameAs(Architecture.ARM64);
        assertThat(a.kernelArch()).isEqualTo("arm64");
        assertThat(a.kernelImage()).isEqualTo("Image");
        assertThat(a.xenTargetArch()).isEqualTo("arm64");
        assertThat(a.xenSrcArch()).isEqualTo("arm");
        assertThat(a.debianArch()).isEqualTo("arm64");
        assertThat(a.gnuTriplet()).isEqualTo("aarch64-linux-gnu");
        assertThat(a.multiarchLibDir()).isEqualTo("usr/lib/aarch64-linux-gnu");
        assertThat(a.qemuSystem()).isEqualTo("qemu-system-aarch64");
        assertThat(a.xenBootImageName("4.17.5")).isEqualTo("xen-4.17.5.Image");
        assertThat(Architecture.parse("amd64").xenBootImageName("4.17.5")).isEqualTo("xen-4.17.5.multiboot");
    }

    @Test
    void anUnknownArchitectureNamesTheOnesThatExist() {
        assertThatThrownBy(() -> Architecture.parse("riscv64")).isInstanceOf(BuildException.class)
                .hasMessageContaining("'riscv64'").satisfies(e -> assertThat(((BuildException) e).fix())
                        .contains("x86_64 or arm64"));
    }

    @Test
    void emptyMeansThisMachine() throws BuildException {
        assertThat(Architecture.parse(" ")).isSameAs(Architecture.host());
        assertThat(CrossBuild.of(null).cross()).isFalse();
    }

    @Test
    void aCrossBuildTellsXenWhatItsMakefilesAndConfigureDocument() {
        assertThat(ARM64_ON_X86.xenMakeVariables()).containsExactly(
                java.util.Map.entry("XEN_TARGET_ARCH", "arm64"),
                java.util.Map.entry("CROSS_COMPILE", "aarch64-linux-gnu-"));
        assertThat(ARM64_ON_X86.xenConfigureArguments()).containsExactly("--build=x86_64-linux-gnu",
                "--host=aarch64-linux-gnu", "--disable-ocamltools", "--disable-golang");
        assertThat(ARM64_ON_X86.compiler()).isEqualTo("aarch64-linux-gnu-gcc");
        assertThat(ARM64_ON_X86.crossCompile(null)).isEqualTo("aarch64-linux-gnu-");
        assertThat(ARM64_ON_X86.crossCompile("/opt/arm/bin/aarch64-none-linux-gnu-"))
                .isEqualTo("/opt/arm/bin/aarch64-none-linux-gnu-");
    }

    @Test
    void aNativeBuildPassesNothingNew() {
        assertThat(NATIVE_X86.xenMakeVariables()).isEmpty();
        assertThat(NATIVE_X86.xenConfigureArguments()).isEmpty();
        assertThat(NATIVE_X86.crossCompile("")).isEmpty();
    }

    @Test
    void oxenstoredCannotBeCrossBuiltAndTheErrorSaysWhy() throws BuildException {
        assertThatThrownBy(() -> ARM64_ON_X86.requireXenstored(XenstoredChoice.OXENSTORED))
                .isInstanceOf(BuildException.class).hasMessageContaining("OCaml cross compiler")
                .satisfies(e -> assertThat(((BuildException) e).fix()).contains("cxenstored"));
        ARM64_ON_X86.requireXenstored(XenstoredChoice.CXENSTORED);
        NATIVE_X86.requireXenstored(XenstoredChoice.OXENSTORED);
    }
}
