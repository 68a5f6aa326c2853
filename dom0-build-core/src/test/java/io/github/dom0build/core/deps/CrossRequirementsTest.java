package io.github.dom0build.core.deps;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dom0build.core.arch.Architecture;
import io.github.dom0build.core.arch.CrossBuild;
import io.github.dom0build.core.process.ProcessRunner;
import io.github.dom0build.core.testing.RecordingLog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CrossRequirementsTest {
    private static final CrossBuild ARM64_ON_X86 = new CrossBuild(Architecture.ARM64, Architecture.X86_64);

    @TempDir
    Path tmp;

    private static List<String> probes(List<Requirement> r) {
        return r.stream().map(Requirement::probe).toList();
    }

    @Test
    void anArm64XenNeedsTheCrossCompilerAndTheArm64LibrariesNotThe32BitLibc() {
        List<Requirement> r = new java.util.ArrayList<>(BuildRequirements.xen());
        r.addAll(BuildRequirements.xenConfiguration(true, true, null, ARM64_ON_X86));
        assertThat(probes(r)).contains("aarch64-linux-gnu-gcc", "/usr/aarch64-linux-gnu/include/stdio.h",
                "/usr/lib/aarch64-linux-gnu/libyajl.so", "/usr/lib/aarch64-linux-gnu/libfdt.so")
                .doesNotContain("ocamlopt", "gnu/stubs-32.h");
        assertThat(DependencyChecker.installAdvice(r.stream().filter(q -> q.kind() == Requirement.Kind.FILE).toList(),
                Distribution.parse("ID=debian\n"))).contains("libyajl-dev:arm64", "libc6-dev-arm64-cross");
        assertThat(BuildRequirements.xenConfiguration(true, true, null, new CrossBuild(Architecture.X86_64,
                Architecture.X86_64))).as("a native build on x86").extracting(Requirement::probe)
                .containsExactly("gnu/stubs-32.h", "ocamlfind", "ocamlopt", "libsystemd");
    }

    @Test
    void aFileRequirementIsMetByTheFileOnly() throws Exception {
        Path lib = tmp.resolve("libyajl.so");
        Requirement there = Requirement.file(lib.toString(), "libxl JSON, arm64", "libyajl-dev:arm64", "x", "x");
        Requirement missing = Requirement.file(tmp.resolve("libfdt.so").toString(), "fdt", "libfdt-dev:arm64", "x",
                "x");
        Files.writeString(lib, "");
        RecordingLog log = new RecordingLog();
        DependencyChecker checker = new DependencyChecker(new ProcessRunner(log), log);
        assertThat(checker.missing(List.of(there, missing))).containsExactly(missing);
    }

    @Test
    void theKernelAddsTheCrossCompilerOnlyForAnotherArchitecture() {
        assertThat(BuildRequirements.kernelCross("riscv")).isEmpty();
        assertThat(BuildRequirements.kernelCross("")).isEmpty();
        String other = Architecture.host() == Architecture.ARM64 ? "x86_64" : "arm64";
        assertThat(probes(BuildRequirements.kernelCross(other))).containsExactly(
                Architecture.ofKernelArch(other).gnuTriplet() + "-gcc");
    }
}
