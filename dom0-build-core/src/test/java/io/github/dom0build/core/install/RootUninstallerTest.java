package io.github.dom0build.core.install;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dom0build.core.BuildException;
import io.github.dom0build.core.testing.RecordingLog;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RootUninstallerTest {
    @TempDir
    Path tmp;

    private final RecordingLog log = new RecordingLog();
    private Path stage;
    private TargetRoot root;

    /** A root that already has a /boot and an unrelated program; the stage brings Xen's files into new directories. */
    @BeforeEach
    void setUp() throws Exception {
        stage = tmp.resolve("stage");
        write(stage, "boot/xen-4.17.5.gz", "hypervisor");
        write(stage, "etc/xen/xl.conf", "autoballoon=\"off\"\n");
        write(stage, "etc/xen/scripts/vif-bridge", "#!/bin/sh\n");
        write(stage, "usr/sbin/xl", "xl");
        Files.createSymbolicLink(stage.resolve("usr/sbin/xenstored"), Path.of("oxenstored"));
        Path r = tmp.resolve("root");
        write(r, "boot/vmlinuz-6.1.0", "distribution kernel");
        write(r, "usr/sbin/other", "unrelated");
        Files.createDirectories(r.resolve("etc"));
        root = TargetRoot.resolve(r, false, "install Xen", "xen.allowLiveSystem");
    }

    private static void write(Path base, String rel, String content) throws IOException {
        Path p = base.resolve(rel);
        Files.createDirectories(p.getParent());
        Files.writeString(p, content);
    }

    private static Map<String, String> tree(Path dir) throws IOException {
        Map<String, String> out = new TreeMap<>();
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes a) {
                out.put(dir.relativize(d) + "/", "");
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path f, BasicFileAttributes a) throws IOException {
                out.put(dir.relativize(f).toString(), Files.isSymbolicLink(f) ? "-> " + Files.readSymbolicLink(f)
                        : Files.readString(f));
                return FileVisitResult.CONTINUE;
            }
        });
        return out;
    }

    @Test
    void anUninstallPutsTheRootBackAsItWasBeforeTheInstall() throws Exception {
        Map<String, String> before = tree(root.path());
        new RootInstaller(log).install(stage, root, "dom0-xen", false);
        assertThat(Files.readString(root.path().resolve("var/lib/dom0-build/dom0-xen.manifest")))
                .contains("dir  /etc/xen\n").contains("dir  /var/lib/dom0-build\n").doesNotContain("dir  /boot\n")
                .contains("link -> oxenstored  /usr/sbin/xenstored\n");

        RootUninstaller.Result r = new RootUninstaller(log).uninstall(root, "dom0-xen", false);
        assertThat(tree(root.path())).isEqualTo(before);
        assertThat(r.kept()).isEmpty();
        assertThat(r.removed()).contains("/boot/xen-4.17.5.gz", "/usr/sbin/xenstored", "/etc/xen/scripts");
    }

    @Test
    void aFileChangedSinceTheInstallIsKeptWithAWarning() throws Exception {
        new RootInstaller(log).install(stage, root, "dom0-xen", false);
        Files.writeString(root.path().resolve("etc/xen/xl.conf"), "autoballoon=\"on\"\n");
        RootUninstaller.Result r = new RootUninstaller(log).uninstall(root, "dom0-xen", false);
        assertThat(r.kept()).containsExactly("/etc/xen/xl.conf");
        assertThat(root.path().resolve("etc/xen/xl.conf")).hasContent("autoballoon=\"on\"");
        assertThat(root.path().resolve("etc/xen/scripts")).doesNotExist();
        assertThat(root.path().resolve("var/lib/dom0-build/dom0-xen.manifest")).doesNotExist();
        assertThat(log.lines("WARN")).contains("Keeping /etc/xen/xl.conf: it changed since dom0-xen installed it");
        assertThat(log.text()).contains("keep /etc/xen/ (it holds files the install did not put there)");
    }

    @Test
    void aChangeDom0BuildRecordedIsTakenOutWithTheFile() throws Exception {
        Map<String, String> before = tree(root.path());
        new RootInstaller(log).install(stage, root, "dom0-xen", false);
        Files.writeString(root.path().resolve("etc/xen/xl.conf"), "autoballoon=\"off\"\nXENSTORED=oxenstored\n");
        InstallManifest.recordEdit(root, "/etc/xen/xl.conf"); // as systemd-enable does for xencommons
        RootUninstaller.Result r = new RootUninstaller(log).uninstall(root, "dom0-xen", false);
        assertThat(r.kept()).isEmpty();
        assertThat(tree(root.path())).isEqualTo(before);
    }

    @Test
    void aReinstallKeepsTheDirectoriesTheFirstInstallCreated() throws Exception {
        Map<String, String> before = tree(root.path());
        new RootInstaller(log).install(stage, root, "dom0-xen", false);
        write(stage, "usr/sbin/xl", "xl, rebuilt");
        new RootInstaller(log).install(stage, root, "dom0-xen", false);
        new RootUninstaller(log).uninstall(root, "dom0-xen", false);
        assertThat(tree(root.path())).isEqualTo(before);
    }

    @Test
    void aDryRunListsAndChangesNothingAndAnUnknownInstallationIsNamed() throws Exception {
        new RootInstaller(log).install(stage, root, "dom0-xen", false);
        Map<String, String> installed = tree(root.path());
        new RootUninstaller(log).uninstall(root, "dom0-xen", true);
        assertThat(tree(root.path())).isEqualTo(installed);
        assertThat(log.text()).contains("would remove /usr/sbin/xl");
        assertThatThrownBy(() -> new RootUninstaller(log).uninstall(root, "dom0-kernel", false))
                .isInstanceOf(BuildException.class).hasMessageContaining("Nothing of dom0-kernel is installed in");
    }

    @Test
    void anInterruptedUninstallIsFinishedByTheNextOne() throws Exception {
        Map<String, String> before = tree(root.path());
        new RootInstaller(log).install(stage, root, "dom0-xen", false);
        Files.delete(root.path().resolve("usr/sbin/xl")); // as if a killed uninstall had got that far
        RootUninstaller.Result r = new RootUninstaller(log).uninstall(root, "dom0-xen", false);
        assertThat(r.missing()).containsExactly("/usr/sbin/xl");
        assertThat(tree(root.path())).isEqualTo(before);
    }
}
