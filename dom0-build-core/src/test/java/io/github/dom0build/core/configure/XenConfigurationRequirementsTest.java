package io.github.dom0build.core.configure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dom0build.core.BuildException;
import io.github.dom0build.core.deps.DependencyChecker;
import io.github.dom0build.core.deps.Distribution;
import io.github.dom0build.core.process.ProcessRunner;
import io.github.dom0build.core.testing.RecordingLog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class XenConfigurationRequirementsTest {
    private static final Distribution DEBIAN = new Distribution("debian", List.of(), "Debian GNU/Linux 12 (bookworm)");

    @TempDir
    Path tree;

    private static XenConfigureOptions options(XenstoredChoice xenstored, boolean systemd) {
        return new XenConfigureOptions(xenstored, systemd, "/usr", "default", true, false, "/usr/bin/qemu-system-i386",
                "/usr/share/seabios/bios.bin", List.of());
    }

    private void xenRelease(int minor) throws Exception {
        Files.createDirectories(tree.resolve("xen"));
        Files.writeString(tree.resolve("xen/Makefile"), "XEN_VERSION       = 4\nXEN_SUBVERSION    = " + minor + "\n");
    }

    @Test
    void aReleaseWithoutOxenstoredIsRefusedBeforeAnyPackageIsAskedFor() throws Exception {
        xenRelease(22);
        RecordingLog log = new RecordingLog();
        assertThatThrownBy(() -> XenConfigurationRequirements.check(tree, options(XenstoredChoice.OXENSTORED, true),
                new DependencyChecker(new ProcessRunner(log), log), DEBIAN, log))
                .isInstanceOf(BuildException.class).hasMessageContaining("has no tools/ocaml/xenstored");
        assertThat(log.lines("INFO")).anyMatch(l -> l.startsWith("Xen 4.22 in ")
                && l.endsWith("--enable-systemd needs no libsystemd since 4.19"));
    }

    @Test
    void cxenstoredOnANewReleaseNeedsNothingMoreThanEveryBuild() throws Exception {
        xenRelease(22);
        RecordingLog log = new RecordingLog();
        XenConfigurationRequirements.check(tree, options(XenstoredChoice.CXENSTORED, true),
                new DependencyChecker(new ProcessRunner(log), log), DEBIAN, log);
        assertThat(log.lines("WARN")).isEmpty();
    }

    @Test
    void theXencommonsDirectoryFollowsTheDistributionUnlessChosen() {
        RecordingLog log = new RecordingLog();
        assertThat(XencommonsDirectory.choose(null, DEBIAN, log)).isEqualTo("default");
        assertThat(XencommonsDirectory.choose(" ", new Distribution("fedora", List.of(), "Fedora Linux 40"), log))
                .isEqualTo("sysconfig");
        assertThat(log.lines("INFO")).anyMatch(l -> l.contains("set sysconfigDir to choose"));
        assertThat(XencommonsDirectory.choose("sysconfig", DEBIAN, log)).isEqualTo("sysconfig");
    }

    @Test
    void makeFollowsWhatConfigureRecordedAboutDownloads() throws Exception {
        assertThat(XenDownloads.makeVariables(tree)).as("a tree configured by hand: nothing downloads")
                .containsEntry("GIT", "false").containsEntry("WGET", "false");
        XenDownloads.record(tree, true);
        assertThat(XenDownloads.makeVariables(tree)).isEmpty();
        XenDownloads.record(tree, false);
        assertThat(XenDownloads.makeVariables(tree)).containsEntry("GIT", "false").containsEntry("WGET", "false");
    }
}
