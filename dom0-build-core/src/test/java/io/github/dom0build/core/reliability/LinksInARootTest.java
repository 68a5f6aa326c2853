package io.github.dom0build.core.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.dom0build.core.BuildException;
import io.github.dom0build.core.install.RootInstaller;
import io.github.dom0build.core.install.TargetRoot;
import io.github.dom0build.core.systemd.Xencommons;
import io.github.dom0build.core.testing.RecordingLog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A staged root whose directories are symbolic links, as a root copied from an image has them
 * ({@code var/run -> /run}) or a careless user makes them ({@code boot -> /boot}). Writes into the root
 * resolve every link as the system booted from the root would: an absolute link starts again at the
 * root. So nothing is written through a link onto the build host; {@code host/} here stands for the
 * build host's directories, and must stay as it was.
 */
class LinksInARootTest {
    @TempDir
    Path tmp;

    private final RecordingLog log = new RecordingLog();
    private Path host;
    private Path rootDir;
    private TargetRoot root;
    private Path stage;
    private Map<String, String> hostBefore;

    @BeforeEach
    void setUp() throws Exception {
        host = tmp.resolve("host");
        Trees.write(host.resolve("boot/vmlinuz-host"), "the build host's kernel\n");
        Trees.write(host.resolve("etc/default/xencommons"), "#XENSTORED=\n");
        hostBefore = Trees.digest(host);
        rootDir = Files.createDirectories(tmp.resolve("root"));
        root = new TargetRoot(rootDir, false);
        stage = tmp.resolve("stage");
        Trees.write(stage.resolve("boot/vmlinuz-6.1.0-dom0"), "the dom0 kernel\n");
        Trees.write(stage.resolve("boot/config-6.1.0-dom0"), "CONFIG_XEN_DOM0=y\n");
    }

    private void hostUnchanged() throws Exception {
        assertThat(Trees.digest(host)).as("the build host's directories").isEqualTo(hostBefore);
    }

    @Test
    void anInstallDoesNotWriteThroughAnAbsoluteBootLinkOntoTheHost() throws Exception {
        Files.createSymbolicLink(rootDir.resolve("boot"), host.resolve("boot"));
        Map<String, String> rootBefore = Trees.digest(rootDir);
        BuildException e = assertThrows(BuildException.class,
                () -> new RootInstaller(log).install(stage, root, "kernel", false));
        assertThat(e.problem()).startsWith("Installing into staged root " + rootDir + " would clash with what is there:")
                .contains(rootDir.resolve("boot") + " is a symbolic link to " + host.resolve("boot") + ", which in this"
                        + " root leads to " + rootDir + host.resolve("boot") + ": no directory there")
                .endsWith("Nothing was changed.");
        hostUnchanged();
        assertThat(Trees.digest(rootDir)).isEqualTo(rootBefore);
    }

    @Test
    void aBootLinkToSlashBootLoopsInsideTheRootAndIsRefused() throws Exception {
        Files.createSymbolicLink(rootDir.resolve("boot"), Path.of("/boot"));
        BuildException e = assertThrows(BuildException.class,
                () -> new RootInstaller(log).install(stage, root, "kernel", false));
        assertThat(e.problem()).contains("the symbolic links on the way loop inside " + rootDir + " (starting with "
                + rootDir.resolve("boot") + " -> /boot, which inside that directory leads back to itself)")
                .endsWith("Nothing was changed.");
        assertThat(Path.of("/boot/vmlinuz-6.1.0-dom0")).doesNotExist();
    }

    @Test
    void aVarRunLinkToSlashRunLeadsToTheRootsOwnRun() throws Exception {
        Path run = Files.createDirectories(rootDir.resolve("run"));
        Files.createDirectories(rootDir.resolve("var"));
        Files.createSymbolicLink(rootDir.resolve("var/run"), Path.of("/run"));
        Path xenStage = tmp.resolve("xen-stage");
        Trees.write(xenStage.resolve("var/run/dom0-build-links-test/README"), "xenstored's run directory\n");
        try {
            new RootInstaller(log).install(xenStage, root, "xen", false);
            assertThat(run.resolve("dom0-build-links-test/README")).hasContent("xenstored's run directory");
            assertThat(rootDir.resolve("var/run")).isSymbolicLink();
            assertThat(Path.of("/run/dom0-build-links-test")).as("the build host's /run").doesNotExist();
        } finally {
            io.github.dom0build.core.io.FileTrees.deleteRecursively(Path.of("/run/dom0-build-links-test"));
        }
    }

    @Test
    void theInstallRecordsDoNotFollowAVarLinkOut() throws Exception {
        Files.createSymbolicLink(rootDir.resolve("var"), host.resolve("var"));
        Files.createDirectories(host.resolve("var"));
        hostBefore = Trees.digest(host);
        new RootInstaller(log).install(stage, root, "kernel", false);
        hostUnchanged();
        assertThat(host.resolve("var/lib/dom0-build")).doesNotExist();
        // var leads, inside the root, to the root's own copy of that path: the records are there
        assertThat(rootDir.resolve(host.toString().substring(1) + "/var/lib/dom0-build/kernel.manifest")).isRegularFile();
    }

    @Test
    void xencommonsBehindAnEtcDefaultLinkIsLookedUpInsideTheRoot() throws Exception {
        Files.createDirectories(rootDir.resolve("etc"));
        Files.createSymbolicLink(rootDir.resolve("etc/default"), host.resolve("etc/default"));
        assertThat(Xencommons.locate(root)).as("the host's xencommons is not the root's").isEmpty();
        Trees.write(rootDir.resolve(host.toString().substring(1) + "/etc/default/xencommons"), "#XENSTORED=\n");
        Path found = Xencommons.locate(root).orElseThrow();
        assertThat(found).startsWith(rootDir);
        Xencommons.setXenstored(found, "/usr/sbin/oxenstored");
        assertThat(found).hasContent("XENSTORED=/usr/sbin/oxenstored");
        hostUnchanged();
    }
}
