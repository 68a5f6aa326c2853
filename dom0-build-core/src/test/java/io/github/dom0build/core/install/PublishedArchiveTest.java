package io.github.dom0build.core.install;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.dom0build.core.BuildException;
import io.github.dom0build.core.archive.ReproducibleTarGz;
import io.github.dom0build.core.archive.TreeScanner;
import io.github.dom0build.core.dist.DistPackager;
import io.github.dom0build.core.metadata.DistMetadata;
import io.github.dom0build.core.testing.RecordingLog;
import io.github.dom0build.core.testing.TreeDigests;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A published archive as dist makes it (the real packager: tar.gz and metadata), unpacked by the real
 * extractor and checked against its metadata before an install: a tampered archive is refused with the
 * file named, nothing left behind and nothing installed.
 */
class PublishedArchiveTest {
    private static final Instant TIME = Instant.parse("2024-06-01T00:00:00Z");

    @TempDir
    Path tmp;

    private final RecordingLog log = new RecordingLog();
    private Path stage;
    private Path archive;
    private Path metadata;
    private Path work;

    @BeforeEach
    void aPublishedXenArchive() throws Exception {
        stage = tmp.resolve("stage");
        write(stage.resolve("boot/xen-4.17.5.gz"), "hypervisor");
        write(stage.resolve("usr/sbin/xl"), "#!/bin/sh\necho xl\n");
        stage.resolve("usr/sbin/xl").toFile().setExecutable(true);
        Files.createSymbolicLink(stage.resolve("boot/xen.gz"), Path.of("xen-4.17.5.gz"));
        Files.createDirectories(stage.resolve("var/log/xen")); // an empty directory: archived, not listed
        archive = tmp.resolve("repo/xen-1-xen.tar.gz");
        metadata = tmp.resolve("repo/xen-1-xen.json");
        Files.createDirectories(archive.getParent());
        new DistPackager(log).pack(stage, archive, metadata, TIME, DistMetadata.of(DistMetadata.XEN, "4.17.5"));
        work = tmp.resolve("target");
    }

    private static void write(Path file, String content) throws Exception {
        Files.createDirectories(file.getParent());
        Files.writeString(file, content, StandardCharsets.UTF_8);
    }

    private PublishedArchive unpack() throws BuildException {
        return PublishedArchive.unpack(archive, metadata, "org.example:xen:1:xen", Set.of("xen", "dom0"),
                "xen:install", work, log);
    }

    /** The archive packed again from the stage after {@code change}; the metadata stays as CI wrote it. */
    private void tamper(Consumer<Path> change) throws Exception {
        change.accept(stage);
        ReproducibleTarGz.write(stage, TreeScanner.scan(stage), TIME, archive);
    }

    private BuildException refused() throws Exception {
        BuildException e = assertThrows(BuildException.class, this::unpack);
        assertThat(e.problem()).startsWith("org.example:xen:1:xen (" + archive + ") is not what its metadata "
                + metadata + " lists:\n    ").endsWith("\n  Nothing was installed.");
        assertThat(e.fix()).contains("resolve it again from the repository CI deployed it to");
        assertThat(work).as("no unpacked tree left, and no build directory made for it").doesNotExist();
        return e;
    }

    @Test
    void anUntouchedArchiveInstallsExactlyLikeTheStage() throws Exception {
        TargetRoot fromArchive = new TargetRoot(tmp.resolve("root-a"), false);
        TargetRoot fromStage = new TargetRoot(tmp.resolve("root-b"), false);
        try (PublishedArchive a = unpack()) {
            assertThat(a.kind()).isEqualTo("xen");
            new RootInstaller(log).install(a.tree(), fromArchive, "xen-xen", false, a.include());
        }
        new RootInstaller(log).install(stage, fromStage, "xen-xen", false);
        assertThat(TreeDigests.of(fromArchive.path())).isEqualTo(TreeDigests.of(fromStage.path()))
                .containsKey("var/log/xen/").containsKey("var/lib/dom0-build/xen-xen.manifest");
        assertThat(log.lines()).contains("INFO Verified org.example:xen:1:xen: every file matches the sha256 in its"
                + " metadata");
        assertThat(work).as("the unpacked tree is gone after close, and the directory made for it").doesNotExist();
        Files.createDirectories(work);
        unpack().close();
        assertThat(work).as("a build directory that was there stays").isEmptyDirectory();
    }

    @Test
    void oneChangedByteIsRefusedNamingTheFile() throws Exception {
        tamper(s -> rewrite(s.resolve("usr/sbin/xl"), "#!/bin/sh\necho xm\n"));
        BuildException e = refused();
        assertThat(e.problem()).contains("\n    usr/sbin/xl: sha256 ").contains(" in the archive, ")
                .doesNotContain("boot/xen-4.17.5.gz");
    }

    @Test
    void aFileTheMetadataDoesNotListAndAListedFileMissingAreEachNamed() throws Exception {
        tamper(s -> {
            rewrite(s.resolve("usr/sbin/xl-helper"), "#!/bin/sh\n");
            try {
                Files.delete(s.resolve("boot/xen-4.17.5.gz"));
            } catch (java.io.IOException x) {
                throw new java.io.UncheckedIOException(x);
            }
        });
        BuildException e = refused();
        assertThat(e.problem()).contains("\n    usr/sbin/xl-helper: in the archive, not in its metadata")
                .contains("\n    boot/xen-4.17.5.gz: in the metadata, missing from the archive");
    }

    @Test
    void aChangedModeOrLinkIsRefusedToo() throws Exception {
        tamper(s -> {
            s.resolve("usr/sbin/xl").toFile().setExecutable(false);
            try {
                Files.delete(s.resolve("boot/xen.gz"));
                Files.createSymbolicLink(s.resolve("boot/xen.gz"), Path.of("/etc/shadow"));
            } catch (java.io.IOException x) {
                throw new java.io.UncheckedIOException(x);
            }
        });
        BuildException e = refused();
        assertThat(e.problem()).contains("\n    usr/sbin/xl: mode 0644 in the archive, 0755 in the metadata")
                .contains("\n    boot/xen.gz: a link to /etc/shadow in the archive, a link to xen-4.17.5.gz in the"
                        + " metadata");
    }

    @Test
    void anArchiveOfAnotherKindIsRefusedNamingTheGoalForIt() throws Exception {
        BuildException e = assertThrows(BuildException.class, () -> PublishedArchive.unpack(archive, metadata,
                "org.example:xen:1:xen", Set.of("linux-kernel"), "kernel:install", work, log));
        assertThat(e.problem()).isEqualTo("org.example:xen:1:xen is a xen archive (the kind in its metadata " + metadata
                + "), and kernel:install installs linux-kernel archives. Nothing was installed.");
        assertThat(e.fix()).isEqualTo("install it with xen:install -Dxen.artifact=org.example:xen:1:xen");
        assertThat(work).doesNotExist();
    }

    @Test
    void aBundleLeavesItsOwnGrubAndRecordsOut() throws Exception {
        write(stage.resolve("boot/grub/grub.cfg"), "menuentry 'staged' {\n}\n");
        write(stage.resolve("etc/default/grub"), "GRUB_DEFAULT=0\n");
        write(stage.resolve("var/lib/dom0-build/dom0-xen.manifest"), "…");
        new DistPackager(log).pack(stage, archive, metadata, TIME, DistMetadata.of(DistMetadata.DOM0, "1"));
        TargetRoot root = new TargetRoot(tmp.resolve("root"), false);
        try (PublishedArchive a = unpack()) {
            new RootInstaller(log).install(a.tree(), root, "dom0-dom0", false, a.include());
        }
        Map<String, String> installed = TreeDigests.of(root.path());
        assertThat(installed).containsKey("usr/sbin/xl").containsKey("var/lib/dom0-build/dom0-dom0.manifest")
                .doesNotContainKey("boot/grub/grub.cfg").doesNotContainKey("etc/default/grub")
                .doesNotContainKey("var/lib/dom0-build/dom0-xen.manifest");
        assertThat(log.lines()).contains("INFO Leaving out /boot/grub/grub.cfg, the bundle root's own: it has only the"
                + " Xen entries, without this machine's disk: run xen:grub-update here", "INFO Leaving out"
                + " /var/lib/dom0-build, the bundle root's own: the records of the bundle's own assembly; this install"
                + " writes its own");
    }

    private static void rewrite(Path file, String content) {
        try {
            write(file, content);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
