package io.github.dom0build.core.configure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dom0build.core.BuildException;
import io.github.dom0build.core.process.ProcessRunner;
import io.github.dom0build.core.testing.RecordingLog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class XenConfigurerTest {
    private static final String QEMU = "/usr/bin/qemu-system-i386";
    private static final String SEABIOS = "/usr/share/seabios/bios.bin";

    @TempDir
    Path tmp;

    /** The configure goal's defaults. */
    private static XenConfigureOptions defaults() {
        return options(XenstoredChoice.OXENSTORED, true, "default", true, List.of());
    }

    private static XenConfigureOptions options(XenstoredChoice xs, boolean systemd, String leaf, boolean offline,
            List<String> extra) {
        return new XenConfigureOptions(xs, systemd, "/usr", leaf, offline, false, QEMU, SEABIOS, extra);
    }

    @Test
    void theDefaultsAreTheRecipesOfflineConfigure() throws Exception {
        assertThat(XenConfigurer.arguments(defaults())).containsExactly("--prefix=/usr", "--with-xenstored=oxenstored",
                "--enable-systemd", "--with-sysconfig-leaf-dir=default", "--disable-docs", "--disable-stubdom",
                "--with-system-qemu=" + QEMU, "--with-system-seabios=" + SEABIOS);
    }

    @Test
    void cxenstoredIsConfiguresXenstoredAndTheRestFollowsTheOptions() throws Exception {
        XenConfigureOptions o = new XenConfigureOptions(XenstoredChoice.CXENSTORED, false, "/usr/local", " sysconfig ",
                false, true, QEMU, SEABIOS, List.of("--enable-debug", "PYTHON=/usr/bin/python3", "--disable-ovmf"));
        assertThat(XenConfigurer.arguments(o)).containsExactly("--prefix=/usr/local", "--with-xenstored=xenstored",
                "--disable-systemd", "--with-sysconfig-leaf-dir=sysconfig", "--enable-debug",
                "PYTHON=/usr/bin/python3", "--disable-ovmf");
    }

    @Test
    void noLeafDirLeavesItToConfigure() throws Exception {
        assertThat(XenConfigurer.arguments(options(XenstoredChoice.OXENSTORED, true, null, false, null)))
                .containsExactly("--prefix=/usr", "--with-xenstored=oxenstored", "--enable-systemd", "--disable-docs");
        assertThat(XenConfigurer.arguments(options(XenstoredChoice.OXENSTORED, true, " ", false, List.of())))
                .noneMatch(a -> a.startsWith("--with-sysconfig-leaf-dir"));
    }

    @Test
    void offlineRefusesArgumentsThatDownload() {
        for (String a : List.of("--enable-stubdom", "--enable-ovmf", "--with-system-qemu=no")) {
            assertThatThrownBy(() -> XenConfigurer.arguments(options(XenstoredChoice.OXENSTORED, true, "default", true,
                    List.of("--enable-debug", a)))).as(a).isInstanceOfSatisfying(BuildException.class, e -> {
                        assertThat(e.problem()).isEqualTo("configureArguments has " + a
                                + ", which makes the build download sources, but allowDownloads is false.");
                        assertThat(e.fix()).isEqualTo("remove " + a + ", or set allowDownloads=true");
                    });
        }
    }

    @Test
    void stubdomIsAllowedOnline() throws Exception {
        assertThat(XenConfigurer.arguments(options(XenstoredChoice.OXENSTORED, true, "default", false,
                List.of("--enable-stubdom")))).endsWith("--enable-stubdom").doesNotContain("--disable-stubdom");
    }

    @Test
    void aBadSysconfigDirIsRefused() {
        assertThatThrownBy(() -> XenConfigurer.arguments(options(XenstoredChoice.OXENSTORED, true, "etc/default", true,
                List.of()))).isInstanceOfSatisfying(BuildException.class, e -> {
                    assertThat(e.problem()).isEqualTo("sysconfigDir 'etc/default' is neither default nor sysconfig.");
                    assertThat(e.fix()).contains("default (Debian, Ubuntu)").contains("sysconfig (Fedora");
                });
    }

    @Test
    void anArgumentThatIsNeitherAnOptionNorAnAssignmentIsRefused() {
        for (String a : List.of("", "enable-debug", "-x", "1VAR=x", "CC =gcc")) {
            assertThatThrownBy(() -> XenConfigurer.arguments(options(XenstoredChoice.OXENSTORED, true, "default", false,
                    List.of(a)))).as(a).isInstanceOf(BuildException.class).hasMessageContaining(
                            "configure argument '" + a + "' is neither an option (--name[=value]) nor a VAR=value"
                                    + " assignment.");
        }
    }

    // Before configure: a release without the OCaml daemon.

    @Test
    void oxenstoredOnATreeWithoutItIsRefusedBeforeConfigureNamingTheVersionAndTheAlternative() throws Exception {
        Path t = Files.createDirectories(tmp.resolve("xen-4.22"));
        Files.createDirectories(t.resolve("xen"));
        Files.writeString(t.resolve("xen/Makefile"), "export XEN_VERSION       = 4\nexport XEN_SUBVERSION    = 22\n");
        Files.writeString(t.resolve("configure"), "#!/bin/sh\ntouch configure-ran\n");
        t.resolve("configure").toFile().setExecutable(true);
        RecordingLog log = new RecordingLog();
        assertThatThrownBy(() -> new XenConfigurer(new ProcessRunner(log), log)
                .configure(t, defaults(), Map.of(), Duration.ofMinutes(1)))
                .isInstanceOf(BuildException.class)
                .hasMessageContaining("(Xen 4.22) has no tools/ocaml/xenstored")
                .satisfies(e -> assertThat(((BuildException) e).fix()).startsWith("set xenstored=cxenstored"));
        assertThat(t.resolve("configure-ran")).doesNotExist();

        XenConfigurer.requireDaemonSources(t, options(XenstoredChoice.CXENSTORED, true, "default", true, List.of()));
        Files.createDirectories(t.resolve("tools/ocaml/xenstored"));
        XenConfigurer.requireDaemonSources(t, defaults());
    }

    // verify(): what configure recorded against what was asked for.

    private ConfiguredTree tree(String tools, String paths, String toplevel, String launchXenstored) throws IOException {
        Path t = Files.createTempDirectory(tmp, "xen");
        Files.createDirectories(t.resolve("config"));
        Files.writeString(t.resolve("config/Tools.mk"), tools);
        Files.writeString(t.resolve("config/Paths.mk"), paths);
        Files.writeString(t.resolve("config/Toplevel.mk"), toplevel);
        if (launchXenstored != null) {
            Files.createDirectories(t.resolve("tools/hotplug/Linux"));
            Files.writeString(t.resolve("tools/hotplug/Linux/launch-xenstore"), "#!/bin/bash\n\nXENSTORED="
                    + launchXenstored + "\n\n. /etc/xen/scripts/hotplugpath.sh\n");
        }
        return ConfiguredTree.read(t);
    }

    private static final String TOOLS_OK = "OCAML_TOOLS         := y\nCONFIG_SYSTEMD      := y\n";
    private static final String PATHS_DEFAULT = "CONFIG_LEAF_DIR          := default\n";
    private static final String TOPLEVEL = "SUBSYSTEMS               :=  xen tools\n";

    @Test
    void verifyAcceptsWhatWasAskedFor() throws Exception {
        XenConfigurer.verify(tree(TOOLS_OK, PATHS_DEFAULT, TOPLEVEL, "/usr/sbin/oxenstored"), defaults());
        XenConfigurer.verify(tree("OCAML_TOOLS := n\nCONFIG_SYSTEMD := n\n", "CONFIG_LEAF_DIR := sysconfig\n",
                "SUBSYSTEMS := xen tools stubdom\n", "/usr/sbin/xenstored"),
                options(XenstoredChoice.CXENSTORED, false, "sysconfig", false, List.of()));
    }

    @Test
    void verifyReportsSystemdOff() throws Exception {
        ConfiguredTree c = tree("OCAML_TOOLS := y\nCONFIG_SYSTEMD := n\n", PATHS_DEFAULT, TOPLEVEL, "/usr/sbin/oxenstored");
        assertThatThrownBy(() -> XenConfigurer.verify(c, defaults())).isInstanceOfSatisfying(BuildException.class, e -> {
            assertThat(e.problem()).isEqualTo("Configure did not take what was asked for:\n"
                    + "    systemd was requested but config/Tools.mk has CONFIG_SYSTEMD := n");
            assertThat(e.fix()).contains("libsystemd-dev").contains("systemd=false");
        });
        ConfiguredTree missing = tree("OCAML_TOOLS := y\n", PATHS_DEFAULT, TOPLEVEL, null);
        assertThatThrownBy(() -> XenConfigurer.verify(missing, defaults())).isInstanceOf(BuildException.class)
                .hasMessageContaining("CONFIG_SYSTEMD := (missing)");
    }

    @Test
    void verifyReportsOcamlToolsOff() throws Exception {
        ConfiguredTree c = tree("OCAML_TOOLS := n\nCONFIG_SYSTEMD := y\n", PATHS_DEFAULT, TOPLEVEL, "/usr/sbin/oxenstored");
        assertThatThrownBy(() -> XenConfigurer.verify(c, defaults())).isInstanceOfSatisfying(BuildException.class, e -> {
            assertThat(e.problem()).endsWith("\n    oxenstored was requested but config/Tools.mk has OCAML_TOOLS := n, so"
                    + " oxenstored is not built");
            assertThat(e.fix()).isEqualTo("install ocaml and ocaml-findlib (apt-get install ocaml-nox ocaml-findlib), or"
                    + " set xenstored=cxenstored");
        });
    }

    @Test
    void verifyReportsTheWrongDaemon() throws Exception {
        ConfiguredTree oxen = tree(TOOLS_OK, PATHS_DEFAULT, TOPLEVEL, "/usr/sbin/oxenstored");
        assertThatThrownBy(() -> XenConfigurer.verify(oxen, options(XenstoredChoice.CXENSTORED, true, "default", true,
                List.of()))).isInstanceOfSatisfying(BuildException.class, e -> {
                    assertThat(e.problem()).isEqualTo("Configure did not take what was asked for:\n"
                            + "    cxenstored was requested but launch-xenstore starts /usr/sbin/oxenstored");
                    assertThat(e.fix()).isEqualTo("see configure's output above for why it chose otherwise");
                });
        ConfiguredTree c = tree(TOOLS_OK, PATHS_DEFAULT, TOPLEVEL, "/usr/sbin/xenstored");
        assertThatThrownBy(() -> XenConfigurer.verify(c, defaults())).isInstanceOf(BuildException.class)
                .hasMessageContaining("oxenstored was requested but launch-xenstore starts /usr/sbin/xenstored");
    }

    @Test
    void verifyReportsTheWrongLeafDir() throws Exception {
        ConfiguredTree c = tree(TOOLS_OK, "CONFIG_LEAF_DIR := sysconfig\n", TOPLEVEL, "/usr/sbin/oxenstored");
        assertThatThrownBy(() -> XenConfigurer.verify(c, defaults())).isInstanceOfSatisfying(BuildException.class, e -> {
            assertThat(e.problem()).isEqualTo("Configure did not take what was asked for:\n"
                    + "    xencommons should go to /etc/default but config/Paths.mk has CONFIG_LEAF_DIR := sysconfig");
            assertThat(e.fix()).isEqualTo("check configureArguments for a conflicting --with-sysconfig-leaf-dir");
        });
    }

    @Test
    void verifyReportsStubdomStillOnWhenOffline() throws Exception {
        ConfiguredTree c = tree(TOOLS_OK, PATHS_DEFAULT, "SUBSYSTEMS := xen tools stubdom docs\n", "/usr/sbin/oxenstored");
        assertThatThrownBy(() -> XenConfigurer.verify(c, defaults())).isInstanceOfSatisfying(BuildException.class, e -> {
            assertThat(e.problem()).isEqualTo("Configure did not take what was asked for:\n    allowDownloads is false but stubdom"
                    + " is still enabled (SUBSYSTEMS := xen tools stubdom docs); building it downloads mini-os, newlib"
                    + " and more");
            assertThat(e.fix()).isEqualTo("remove --enable-stubdom from configureArguments");
        });
    }

    @Test
    void verifyListsEveryProblemAtOnce() throws Exception {
        ConfiguredTree c = tree("OCAML_TOOLS := n\nCONFIG_SYSTEMD := n\n", "CONFIG_LEAF_DIR := sysconfig\n",
                "SUBSYSTEMS := xen tools stubdom\n", "/usr/sbin/xenstored");
        assertThatThrownBy(() -> XenConfigurer.verify(c, defaults())).isInstanceOfSatisfying(BuildException.class,
                e -> assertThat(e.problem().lines().skip(1).map(String::strip).map(l -> l.substring(0, 20)))
                        .containsExactly("systemd was requeste", "oxenstored was reque", "oxenstored was reque",
                                "xencommons should go", "allowDownloads is fa"));
    }
}
