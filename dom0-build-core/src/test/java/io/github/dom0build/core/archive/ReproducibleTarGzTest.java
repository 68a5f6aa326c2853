package io.github.dom0build.core.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dom0build.core.BuildException;
import io.github.dom0build.core.io.Sha256;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReproducibleTarGzTest {
    private static final Instant MTIME = Instant.parse("2024-06-01T00:00:00Z");
    private static final String LONG_DIR = "usr/lib/xen/a-directory-name-long-enough-that-the-whole-path-does-not-fit"
            + "-into-the-hundred-bytes-of-a-ustar-name-field";

    @TempDir
    Path tmp;

    /**
     * A small dom0-like tree. {@code reverse} creates the entries in the opposite order, with other
     * permissions and other timestamps, as another checkout under another umask would.
     */
    private Path tree(String name, boolean reverse) throws IOException {
        Path root = tmp.resolve(name);
        List<Runnable> steps = new ArrayList<>();
        steps.add(() -> file(root, "boot/vmlinuz-6.1.0", "kernel image", reverse ? "rw-------" : "rw-r--r--"));
        steps.add(() -> file(root, "boot/xen-4.17.5.gz", "hypervisor", reverse ? "rw-rw-r--" : "rw-r--r--"));
        steps.add(() -> link(root, "boot/xen.gz", "xen-4.17.5.gz"));
        steps.add(() -> file(root, "usr/sbin/xl", "#!/bin/sh\n", reverse ? "rwx------" : "rwxr-xr-x"));
        steps.add(() -> file(root, "usr/lib/libxenctrl.so.4.17.0", "elf", "rw-r--r--"));
        steps.add(() -> link(root, "usr/lib/libxenctrl.so.4.17", "libxenctrl.so.4.17.0"));
        steps.add(() -> file(root, "usr/lib-extra/readme", "x", "rw-r--r--"));
        steps.add(() -> file(root, LONG_DIR + "/file", "long", "rw-r--r--"));
        steps.add(() -> dir(root, "var/lib/xen", reverse ? "rwx------" : "rwxr-xr-x"));
        if (reverse) {
            java.util.Collections.reverse(steps);
        }
        steps.forEach(Runnable::run);
        long t = reverse ? 1_000_000_000_000L : 1_600_000_000_000L;
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.toList()) {
                if (!Files.isSymbolicLink(p)) {
                    Files.setLastModifiedTime(p, FileTime.fromMillis(t));
                }
            }
        }
        return root;
    }

    private static void file(Path root, String rel, String content, String perms) {
        try {
            Path p = root.resolve(rel);
            Files.createDirectories(p.getParent());
            Files.writeString(p, content, StandardCharsets.UTF_8);
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(perms));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void link(Path root, String rel, String target) {
        try {
            Path p = root.resolve(rel);
            Files.createDirectories(p.getParent());
            Files.createSymbolicLink(p, Path.of(target));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void dir(Path root, String rel, String perms) {
        try {
            Path p = root.resolve(rel);
            Files.createDirectories(p);
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(perms));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static List<TarArchiveEntry> entries(Path archive) throws IOException {
        List<TarArchiveEntry> out = new ArrayList<>();
        try (InputStream in = Files.newInputStream(archive);
                TarArchiveInputStream tar = new TarArchiveInputStream(new GzipCompressorInputStream(in))) {
            for (TarArchiveEntry e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
                out.add(e);
            }
        }
        return out;
    }

    @Test
    void theSameTreeWrittenTwiceGivesIdenticalBytesWhateverOrderPermissionsAndTimesOnDisk() throws Exception {
        Path a = tree("a", false);
        Path b = tree("b", true);
        Path outA = tmp.resolve("out/a.tar.gz");
        Path outB = tmp.resolve("out/b.tar.gz");
        ReproducibleTarGz.write(a, TreeScanner.scan(a), MTIME, outA);
        ReproducibleTarGz.write(b, TreeScanner.scan(b), MTIME, outB);
        ReproducibleTarGz.write(a, TreeScanner.scan(a), MTIME, tmp.resolve("out/a2.tar.gz"));

        assertThat(Files.readAllBytes(outA)).isEqualTo(Files.readAllBytes(outB))
                .isEqualTo(Files.readAllBytes(tmp.resolve("out/a2.tar.gz")));
        // No temporary file is left beside the archives.
        try (Stream<Path> s = Files.list(tmp.resolve("out"))) {
            assertThat(s.map(p -> p.getFileName().toString()).sorted().toList())
                    .containsExactly("a.tar.gz", "a2.tar.gz", "b.tar.gz");
        }
    }

    @Test
    void anotherTimestampGivesOtherBytes() throws Exception {
        Path a = tree("a", false);
        ReproducibleTarGz.write(a, TreeScanner.scan(a), MTIME, tmp.resolve("one.tar.gz"));
        ReproducibleTarGz.write(a, TreeScanner.scan(a), MTIME.plusSeconds(1), tmp.resolve("two.tar.gz"));
        assertThat(Files.readAllBytes(tmp.resolve("one.tar.gz"))).isNotEqualTo(Files.readAllBytes(tmp.resolve("two.tar.gz")));
    }

    @Test
    void entriesAreSortedWithFixedOwnerTimeAndNormalisedModes() throws Exception {
        Path a = tree("a", true);
        Path out = tmp.resolve("a.tar.gz");
        ReproducibleTarGz.write(a, TreeScanner.scan(a), MTIME, out);
        List<TarArchiveEntry> entries = entries(out);

        assertThat(entries).extracting(TarArchiveEntry::getName).containsExactly(
                "boot/", "boot/vmlinuz-6.1.0", "boot/xen-4.17.5.gz", "boot/xen.gz",
                "usr/", "usr/lib/", "usr/lib-extra/", "usr/lib-extra/readme", "usr/lib/libxenctrl.so.4.17",
                "usr/lib/libxenctrl.so.4.17.0", "usr/lib/xen/", LONG_DIR + "/", LONG_DIR + "/file",
                "usr/sbin/", "usr/sbin/xl", "var/", "var/lib/", "var/lib/xen/");
        for (TarArchiveEntry e : entries) {
            assertThat(e.getModTime().toInstant()).as(e.getName()).isEqualTo(MTIME);
            assertThat(e.getLongUserId()).as(e.getName()).isZero();
            assertThat(e.getLongGroupId()).as(e.getName()).isZero();
            assertThat(e.getUserName()).as(e.getName()).isEmpty();
            assertThat(e.getGroupName()).as(e.getName()).isEmpty();
            int perms = e.getMode() & 07777;
            if (e.isDirectory()) {
                assertThat(perms).as(e.getName()).isEqualTo(0755);
            } else if (e.isSymbolicLink()) {
                assertThat(perms).as(e.getName()).isEqualTo(0777);
            } else {
                assertThat(e.isFile()).as(e.getName()).isTrue();
                assertThat(perms).as(e.getName()).isEqualTo(e.getName().equals("usr/sbin/xl") ? 0755 : 0644);
            }
        }
        TarArchiveEntry link = entries.stream().filter(e -> e.getName().equals("boot/xen.gz")).findFirst().orElseThrow();
        assertThat(link.isSymbolicLink()).isTrue();
        assertThat(link.getLinkName()).isEqualTo("xen-4.17.5.gz");
        TarArchiveEntry lib = entries.stream().filter(e -> e.getName().equals("usr/lib/libxenctrl.so.4.17")).findFirst()
                .orElseThrow();
        assertThat(lib.getLinkName()).isEqualTo("libxenctrl.so.4.17.0");
        TarArchiveEntry xl = entries.stream().filter(e -> e.getName().equals("usr/sbin/xl")).findFirst().orElseThrow();
        assertThat(xl.getSize()).isEqualTo("#!/bin/sh\n".length());
    }

    @Test
    void fileContentsArriveIntact() throws Exception {
        Path a = tree("a", false);
        Path out = tmp.resolve("a.tar.gz");
        ReproducibleTarGz.write(a, TreeScanner.scan(a), MTIME, out);
        int files = 0;
        try (InputStream in = Files.newInputStream(out);
                TarArchiveInputStream tar = new TarArchiveInputStream(new GzipCompressorInputStream(in))) {
            for (TarArchiveEntry e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
                if (!e.isDirectory() && !e.isSymbolicLink()) {
                    files++;
                    assertThat(Sha256.of(tar.readAllBytes())).as(e.getName()).isEqualTo(Sha256.of(a.resolve(e.getName())));
                }
            }
        }
        assertThat(files).isEqualTo(6);
    }

    @Test
    void gzipHeaderHasNoTimeAndNoFileName() throws Exception {
        Path a = tree("a", false);
        Path out = tmp.resolve("dom0-xen.tar.gz");
        ReproducibleTarGz.write(a, TreeScanner.scan(a), MTIME, out);
        byte[] b = Files.readAllBytes(out);
        assertThat(b[0] & 0xff).isEqualTo(0x1f);
        assertThat(b[1] & 0xff).isEqualTo(0x8b);
        assertThat(b[2]).isEqualTo((byte) 8); // deflate
        assertThat(b[3] & 0x08).as("FLG.FNAME").isZero();
        assertThat(new byte[] {b[4], b[5], b[6], b[7]}).as("MTIME").containsExactly(0, 0, 0, 0);
        assertThat(b[9] & 0xff).as("OS: Unix").isEqualTo(3);
        assertThat(new String(b, StandardCharsets.ISO_8859_1)).doesNotContain("dom0-xen");
    }

    @Test
    void anUnwritableTargetIsABuildException() throws Exception {
        Path a = tree("a", false);
        Files.writeString(tmp.resolve("blocker"), "a file where the directory should be");
        Path out = tmp.resolve("blocker/x.tar.gz");
        assertThatThrownBy(() -> ReproducibleTarGz.write(a, TreeScanner.scan(a), MTIME, out))
                .isInstanceOf(BuildException.class).hasMessageContaining("Cannot write the archive " + out);
    }

    @Test
    void scannerListsEveryEntryWithDigestSizeAndLinkTarget() throws Exception {
        Path a = tree("a", true);
        List<TreeEntry> entries = TreeScanner.scan(a);
        assertThat(entries).extracting(TreeEntry::path).isSorted().doesNotContain("");
        assertThat(entries).filteredOn(e -> e.path().equals("boot/vmlinuz-6.1.0")).singleElement()
                .isEqualTo(new TreeEntry("boot/vmlinuz-6.1.0", TreeEntry.Kind.FILE, 0644, 12,
                        Sha256.of("kernel image".getBytes(StandardCharsets.UTF_8)), null));
        assertThat(entries).filteredOn(e -> e.path().equals("usr/sbin/xl")).singleElement()
                .extracting(TreeEntry::mode).isEqualTo(0755);
        assertThat(entries).filteredOn(e -> e.path().equals("boot/xen.gz")).singleElement()
                .isEqualTo(new TreeEntry("boot/xen.gz", TreeEntry.Kind.SYMLINK, 0777, 0, null, "xen-4.17.5.gz"));
        assertThat(entries).filteredOn(e -> e.path().equals("var/lib/xen")).singleElement()
                .isEqualTo(new TreeEntry("var/lib/xen", TreeEntry.Kind.DIRECTORY, 0755, 0, null, null));
    }

    @Test
    void scannerKeepsALinkToADirectoryAsALinkAndDoesNotDescend() throws Exception {
        Path root = tmp.resolve("r");
        file(root, "real/inside", "x", "rw-r--r--");
        link(root, "alias", "real");
        assertThat(TreeScanner.scan(root)).extracting(TreeEntry::path, TreeEntry::kind).containsExactly(
                org.assertj.core.groups.Tuple.tuple("alias", TreeEntry.Kind.SYMLINK),
                org.assertj.core.groups.Tuple.tuple("real", TreeEntry.Kind.DIRECTORY),
                org.assertj.core.groups.Tuple.tuple("real/inside", TreeEntry.Kind.FILE));
    }

    @Test
    void scannerRefusesSpecialFiles() throws Exception {
        Path root = tmp.resolve("r");
        Files.createDirectories(root);
        Process p = new ProcessBuilder("mkfifo", root.resolve("pipe").toString()).start();
        org.junit.jupiter.api.Assumptions.assumeTrue(p.waitFor() == 0, "mkfifo works here");
        assertThatThrownBy(() -> TreeScanner.scan(root)).isInstanceOf(BuildException.class)
                .hasMessageContaining("Cannot read the staged tree " + root)
                .hasMessageContaining("pipe is neither a file, a directory nor a symbolic link");
    }
}
