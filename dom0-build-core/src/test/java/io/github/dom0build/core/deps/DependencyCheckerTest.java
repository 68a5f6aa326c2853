package io.github.dom0build.core.deps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dom0build.core.BuildException;
import io.github.dom0build.core.kconfig.KernelConfig;
import io.github.dom0build.core.process.ProcessRunner;
import io.github.dom0build.core.testing.RecordingLog;
import io.github.dom0build.core.xen.XenVersion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DependencyCheckerTest {
    private static final Requirement MAKE = Requirement.program("make", "GNU make", "make", "make", "make");
    private static final Requirement GCC = Requirement.program("gcc", "C compiler", "gcc", "gcc", "gcc");
    private static final Requirement FLEX = Requirement.program("flex", "Kconfig lexer", "flex", "flex", "flex");
    private static final Requirement LIBELF = Requirement.header("libelf.h", "objtool, libelf", "libelf-dev",
            "elfutils-libelf-devel", "libelf-devel");
    private static final Requirement OPENSSL = Requirement.header("openssl/opensslv.h", "module signing", "libssl-dev",
            "openssl-devel", "libopenssl-devel");
    private static final Requirement UUID = Requirement.header("uuid/uuid.h", "libxl", "uuid-dev", "libuuid-devel",
            "libuuid-devel");
    private static final Requirement OCAMLOPT = Requirement.program("ocamlopt", "oxenstored", "ocaml-nox", "ocaml",
            "ocaml");
    private static final Requirement OCAMLC = Requirement.program("ocamlc", "oxenstored", "ocaml-nox", "ocaml", "ocaml");
    private static final Requirement SYSTEMD = Requirement.pkgConfig("libsystemd", "systemd units", "libsystemd-dev",
            "systemd-devel", "systemd-devel");

    @TempDir
    Path tmp;

    private final RecordingLog log = new RecordingLog();
    private DependencyChecker checker;

    /** A PATH with make and flex (flex not executable), and include directories with libelf.h and openssl. */
    @BeforeEach
    void setUp() throws IOException {
        Path bin = Files.createDirectories(tmp.resolve("bin"));
        Path bin2 = Files.createDirectories(tmp.resolve("usr/local/bin"));
        Files.writeString(bin.resolve("make"), "#!/bin/sh\n");
        Files.setPosixFilePermissions(bin.resolve("make"), PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(bin2.resolve("flex"), "not executable");
        Path inc = Files.createDirectories(tmp.resolve("include"));
        Path multiarch = Files.createDirectories(tmp.resolve("include/x86_64-linux-gnu/openssl"));
        Files.writeString(inc.resolve("libelf.h"), "/* libelf */");
        Files.writeString(multiarch.resolve("opensslv.h"), "/* openssl */");
        Files.createDirectories(inc.resolve("uuid/uuid.h")); // a directory is no header
        checker = new DependencyChecker(new ProcessRunner(log), log, List.of(bin, bin2),
                List.of(inc, tmp.resolve("include/x86_64-linux-gnu"), tmp.resolve("no-such-dir")));
    }

    @Test
    void reportsWhatIsMissing() {
        assertThat(checker.missing(List.of(MAKE, GCC, FLEX, LIBELF, OPENSSL, UUID))).containsExactly(GCC, FLEX, UUID);
        assertThat(log.lines("DEBUG")).contains("found   make (GNU make)", "MISSING gcc (C compiler)",
                "found   <openssl/opensslv.h> (module signing)", "MISSING <uuid/uuid.h> (libxl)");
    }

    @Test
    void aPkgConfigModuleIsMissingWithoutPkgConfigOnThePath() {
        assertThat(checker.missing(List.of(SYSTEMD))).containsExactly(SYSTEMD);
        assertThat(log.lines("DEBUG")).containsExactly("MISSING pkg-config libsystemd (systemd units)");
    }

    @Test
    void nothingMissingPasses() throws Exception {
        checker.require("kernel build", List.of(MAKE, LIBELF, OPENSSL), Distribution.parse(DistributionTest.DEBIAN));
        assertThat(log.lines("INFO")).containsExactly("All 3 build requirements of the kernel build are present");
    }

    @Test
    void theFailureListsEachThingAndOneDebianCommand() {
        assertThatThrownBy(() -> checker.require("Xen build", List.of(MAKE, GCC, UUID, OCAMLOPT, OCAMLC),
                Distribution.parse(DistributionTest.UBUNTU))).isInstanceOfSatisfying(BuildException.class, e -> {
                    assertThat(e.problem()).isEqualTo("The Xen build needs what this machine lacks:\n    gcc (C compiler)\n"
                            + "    <uuid/uuid.h> (libxl)\n    ocamlopt (oxenstored)\n    ocamlc (oxenstored)");
                    // One package named once, even when two requirements share it.
                    assertThat(e.fix()).isEqualTo("run: sudo apt-get install -y gcc uuid-dev ocaml-nox");
                });
    }

    @Test
    void adviceUsesEachFamilysNamesAndCommand() {
        List<Requirement> missing = List.of(GCC, LIBELF, UUID, SYSTEMD);
        assertThat(DependencyChecker.installAdvice(missing, Distribution.parse(DistributionTest.FEDORA)))
                .isEqualTo("run: sudo dnf install -y gcc elfutils-libelf-devel libuuid-devel systemd-devel");
        assertThat(DependencyChecker.installAdvice(missing, Distribution.parse(DistributionTest.ROCKY)))
                .isEqualTo("run: sudo dnf install -y gcc elfutils-libelf-devel libuuid-devel systemd-devel");
        assertThat(DependencyChecker.installAdvice(missing, Distribution.parse(DistributionTest.TUMBLEWEED)))
                .isEqualTo("run: sudo zypper install -y gcc libelf-devel libuuid-devel systemd-devel");
        assertThat(DependencyChecker.installAdvice(missing, Distribution.parse(DistributionTest.DEBIAN)))
                .isEqualTo("run: sudo apt-get install -y gcc libelf-dev uuid-dev libsystemd-dev");
    }

    @Test
    void anUnknownDistributionGetsTheDebianNamesAsAHint() {
        assertThat(DependencyChecker.installAdvice(List.of(GCC, OPENSSL), Distribution.parse(DistributionTest.ALPINE)))
                .isEqualTo("install them with your package manager (Alpine Linux v3.20 is not a distribution dom0-build"
                        + " knows; on Debian they are: gcc libssl-dev)");
    }

    @Test
    void theBuiltInListsNameEveryFamily() {
        List<Requirement> all = new java.util.ArrayList<>(BuildRequirements.xen());
        all.addAll(BuildRequirements.xenConfiguration(true, true, null, null));
        for (Requirement r : all) {
            for (Distribution.Family f : List.of(Distribution.Family.DEBIAN, Distribution.Family.FEDORA,
                    Distribution.Family.SUSE)) {
                assertThat(r.packageFor(f)).as(r + " on " + f).isNotBlank();
            }
        }
        assertThat(BuildRequirements.xen()).as("configure checks what its configuration adds")
                .extracting(Requirement::probe).doesNotContain("ocamlfind", "ocamlopt", "libsystemd");
        assertThat(BuildRequirements.xenConfiguration(false, false, null, null)).extracting(Requirement::probe)
                .containsExactly("gnu/stubs-32.h");
        assertThat(BuildRequirements.xenConfiguration(true, true, null, null)).extracting(Requirement::probe)
                .containsExactly("gnu/stubs-32.h", "ocamlfind", "ocamlopt", "libsystemd");
    }

    @Test
    void libsystemdIsRequiredOnlyForReleasesBefore419() {
        assertThat(BuildRequirements.xenConfiguration(false, true, new XenVersion(4, 17), null)).extracting(Requirement::probe)
                .contains("libsystemd");
        assertThat(BuildRequirements.xenConfiguration(false, true, new XenVersion(4, 19), null)).extracting(Requirement::probe)
                .doesNotContain("libsystemd");
        assertThat(BuildRequirements.xenConfiguration(false, true, null, null)).as("a tree not fetched yet: the oldest release's needs")
                .extracting(Requirement::probe).contains("libsystemd");
    }

    @Test
    void aConfigWithBtfNeedsPaholeFromDwarves() throws Exception {
        List<Requirement> btf = BuildRequirements.kernelConfig(KernelConfig.parse("CONFIG_DEBUG_INFO_BTF=y\n", "t"));
        assertThat(btf).extracting(Requirement::probe).containsExactly("pahole");
        assertThat(btf.get(0).packageFor(Distribution.Family.DEBIAN)).isEqualTo("dwarves");
        assertThat(BuildRequirements.kernelConfig(KernelConfig.parse("# CONFIG_DEBUG_INFO_BTF is not set\n", "t")))
                .isEmpty();
    }
}
