package io.github.dom0build.core.fetch.extract;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TarExtractionTest extends ExtractionTestSupport {

    @Test
    void stripsTheSingleTopLevelDirectory() throws Exception {
        Path archive = new TarBuilder()
                .dir("linux-6.1.176")
                .file("linux-6.1.176/Makefile", "VERSION = 6\n")
                .file("linux-6.1.176/kernel/fork.c", "int x;\n")
                .writeTarGz(archive("linux.tar.gz"));

        ExtractionResult result = extract(archive);

        assertThat(result.strippedPrefix()).isEqualTo("linux-6.1.176");
        assertThat(result.entryCount()).isEqualTo(3);
        assertThat(result.bytesWritten()).isEqualTo("VERSION = 6\n".length() + "int x;\n".length());
        assertThat(dest.resolve("Makefile")).hasContent("VERSION = 6");
        assertThat(dest.resolve("kernel/fork.c")).hasContent("int x;");
        assertThat(snapshot(dest)).containsExactlyInAnyOrder("", "Makefile", "kernel", "kernel/fork.c");
        assertThat(snapshot(root.resolve("out"))).containsExactlyInAnyOrder("", "dest", "dest/Makefile",
                "dest/kernel", "dest/kernel/fork.c");
        assertThat(log.lines()).anyMatch(l -> l.startsWith("INFO Extracted linux.tar.gz: 3 entries"));
    }

    @Test
    void stripsATopLevelDirectoryThatHasNoEntryOfItsOwn() throws Exception {
        Path archive = new TarBuilder().file("xen-4.19.1/README", "xen\n").file("xen-4.19.1/xen/Makefile", "m\n")
                .writeTar(archive("xen.tar"));

        ExtractionResult result = extract(archive);

        assertThat(result.strippedPrefix()).isEqualTo("xen-4.19.1");
        assertThat(dest.resolve("xen/Makefile")).hasContent("m");
    }

    @Test
    void keepsTwoTopLevelDirectoriesAsTheyAre() throws Exception {
        Path archive = new TarBuilder().file("a/x", "1").file("b/y", "2").writeTarGz(archive("two.tar.gz"));

        ExtractionResult result = extract(archive);

        assertThat(result.strippedPrefix()).isNull();
        assertThat(dest.resolve("a/x")).hasContent("1");
        assertThat(dest.resolve("b/y")).hasContent("2");
    }

    @Test
    void doesNotStripWhenAFileSitsBesideTheDirectory() throws Exception {
        Path archive = new TarBuilder().file("top/a", "1").file("README", "2").writeTar(archive("mixed.tar"));

        assertThat(extract(archive).strippedPrefix()).isNull();
        assertThat(dest.resolve("top/a")).exists();
        assertThat(dest.resolve("README")).exists();
    }

    @Test
    void doesNotStripASingleFile() throws Exception {
        Path archive = new TarBuilder().file("only.txt", "1").writeTar(archive("one.tar"));

        assertThat(extract(archive).strippedPrefix()).isNull();
        assertThat(dest.resolve("only.txt")).hasContent("1");
    }

    @Test
    void keepsPermissionBitsAndDropsSetuid() throws Exception {
        Path archive = new TarBuilder()
                .file("p/scripts/checkpatch.pl", "#!/usr/bin/perl\n", 0755)
                .file("p/README", "text", 0644)
                .file("p/private", "text", 0600)
                .file("p/suid", "text", 04755)
                .writeTarXz(archive("modes.tar.xz"));

        extract(archive);

        assertThat(Files.isExecutable(dest.resolve("scripts/checkpatch.pl"))).isTrue();
        assertThat(mode(dest.resolve("scripts/checkpatch.pl"))).isEqualTo("rwxr-xr-x");
        assertThat(mode(dest.resolve("README"))).isEqualTo("rw-r--r--");
        assertThat(mode(dest.resolve("private"))).isEqualTo("rw-------");
        assertThat(mode(dest.resolve("suid"))).isEqualTo("rwxr-xr-x");
    }

    @Test
    void keepsModesThatTheUmaskWouldStripOrThatLockTheOwnerOut() throws Exception {
        // Group-writable and world-writable bits are lost at creation under the usual umask 022.
        Path archive = new TarBuilder()
                .file("p/shared", "x", 0664)
                .file("p/open", "x", 0777)
                .file("p/write-only", "x", 0200)
                .file("p/read-only", "x", 0444)
                .file("p/nothing", "x", 0)
                .writeTar(archive("umask.tar"));

        extract(archive);

        assertThat(mode(dest.resolve("shared"))).isEqualTo("rw-rw-r--");
        assertThat(mode(dest.resolve("open"))).isEqualTo("rwxrwxrwx");
        assertThat(mode(dest.resolve("write-only"))).isEqualTo("-w-------");
        assertThat(mode(dest.resolve("read-only"))).isEqualTo("r--r--r--");
        assertThat(mode(dest.resolve("nothing"))).isEqualTo("---------");
        assertThat(Files.getLastModifiedTime(dest.resolve("nothing"))).isEqualTo(FileTime.from(TarBuilder.MTIME));
    }

    @Test
    void keepsModificationTimes() throws Exception {
        Instant old = Instant.parse("2009-02-13T23:31:30Z");
        Path archive = new TarBuilder()
                .dir("p")
                .file("p/old.c", "x").last(e -> e.setModTime(old.toEpochMilli()))
                .file("p/new.c", "y")
                .symlink("p/link", "old.c").last(e -> e.setModTime(old.toEpochMilli()))
                .writeTarBz2(archive("times.tar.bz2"));

        extract(archive);

        assertThat(Files.getLastModifiedTime(dest.resolve("old.c"))).isEqualTo(FileTime.from(old));
        assertThat(Files.getLastModifiedTime(dest.resolve("new.c"))).isEqualTo(FileTime.from(TarBuilder.MTIME));
        assertThat(Files.getLastModifiedTime(dest.resolve("link"), LinkOption.NOFOLLOW_LINKS))
                .isEqualTo(FileTime.from(old));
        assertThat(Files.getLastModifiedTime(dest)).isEqualTo(FileTime.from(TarBuilder.MTIME));
    }

    @Test
    void appliesDirectoryModesAndTimesLastKeepingOwnerAccess() throws Exception {
        Instant dirTime = Instant.parse("2020-05-05T05:05:05Z");
        Path archive = new TarBuilder()
                .file("p/ro/file", "x")
                .file("p/locked/file", "y")
                // directory entries after their contents, as some archivers write them
                .dir("p/ro", 0555).last(e -> e.setModTime(dirTime.toEpochMilli()))
                .dir("p/locked", 0750)
                .writeTarGz(archive("dirs.tar.gz"));

        extract(archive);

        assertThat(mode(dest.resolve("ro"))).isEqualTo("rwxr-xr-x");
        assertThat(mode(dest.resolve("locked"))).isEqualTo("rwxr-x---");
        assertThat(Files.getLastModifiedTime(dest.resolve("ro"))).isEqualTo(FileTime.from(dirTime));
        assertThat(dest.resolve("ro/file")).hasContent("x");
    }

    @Test
    void keepsSymbolicLinksThatStayInside() throws Exception {
        Path archive = new TarBuilder()
                .file("p/arch/arm/boot/dts/board.dts", "/dts-v1/;")
                .symlink("p/scripts/dtc/include-prefixes/arm", "../../../arch/arm/boot/dts")
                .symlink("p/self", ".")
                .writeTar(archive("links.tar"));

        extract(archive);

        Path link = dest.resolve("scripts/dtc/include-prefixes/arm");
        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(Files.readSymbolicLink(link)).isEqualTo(Path.of("../../../arch/arm/boot/dts"));
        assertThat(link.resolve("board.dts")).hasContent("/dts-v1/;");
        assertThat(Files.readSymbolicLink(dest.resolve("self"))).isEqualTo(Path.of("."));
    }

    @Test
    void followsDotDotOnlyOutOfRealDirectories() throws Exception {
        Path archive = new TarBuilder()
                .dir("p/include")
                .file("p/lib/x.h", "x")
                .symlink("p/include/x.h", "../include/../lib/x.h")
                .writeTar(archive("dotdot.tar"));

        extract(archive);

        assertThat(dest.resolve("include/x.h")).hasContent("x");
    }

    @Test
    void createsHardLinksToEarlierEntries() throws Exception {
        Path archive = new TarBuilder()
                .file("p/a.txt", "shared", 0755)
                .hardLink("p/b.txt", "p/a.txt")
                .writeTarGz(archive("hard.tar.gz"));

        ExtractionResult result = extract(archive);

        assertThat(Files.isSameFile(dest.resolve("a.txt"), dest.resolve("b.txt"))).isTrue();
        assertThat(Files.getAttribute(dest.resolve("b.txt"), "unix:nlink")).isEqualTo(2);
        assertThat(dest.resolve("b.txt")).hasContent("shared");
        assertThat(result.bytesWritten()).isEqualTo("shared".length());
    }

    @Test
    void turnsAHardLinkToASymlinkIntoASymlink() throws Exception {
        Path archive = new TarBuilder()
                .file("p/a.txt", "a")
                .symlink("p/l", "a.txt")
                .hardLink("p/h", "p/l")
                .writeTar(archive("hardsym.tar"));

        extract(archive);

        assertThat(Files.readSymbolicLink(dest.resolve("h"))).isEqualTo(Path.of("a.txt"));
        assertThat(dest.resolve("h")).hasContent("a");
    }

    @Test
    void readsLongNamesAndNonAsciiNamesFromPaxHeaders() throws Exception {
        String deep = "p/" + "d".repeat(120) + "/" + "f".repeat(150) + ".h";
        Path archive = new TarBuilder()
                .file(deep, "long")
                .file("p/Documentation/translations/zh_CN/文档.rst", "zh")
                .symlink("p/long-link", "d".repeat(120) + "/" + "f".repeat(150) + ".h")
                .writeTarXz(archive("long.tar.xz"));

        extract(archive);

        assertThat(dest.resolve(deep.substring(2))).hasContent("long");
        assertThat(dest.resolve("Documentation/translations/zh_CN/文档.rst")).hasContent("zh");
        assertThat(dest.resolve("long-link")).hasContent("long");
    }

    @Test
    void treatsDotSlashAsTheRoot() throws Exception {
        Path archive = new TarBuilder().dir("./").dir("./p").file("./p/a", "1").writeTar(archive("dot.tar"));

        ExtractionResult result = extract(archive);

        assertThat(result.strippedPrefix()).isEqualTo("p");
        assertThat(dest.resolve("a")).hasContent("1");
    }

    @Test
    void handlesLargeFilesInOneStream() throws Exception {
        byte[] big = new byte[3 << 20];
        new java.util.Random(1).nextBytes(big);
        Path archive = new TarBuilder().file("p/big.bin", big, 0644).file("p/after", "z")
                .writeTarGz(archive("big.tar.gz"));

        ExtractionResult result = extract(archive);

        assertThat(Files.readAllBytes(dest.resolve("big.bin"))).isEqualTo(big);
        assertThat(result.bytesWritten()).isEqualTo(big.length + 1);
    }

    @Test
    void readsConcatenatedGzipMembers() throws Exception {
        // pigz and "cat a.gz b.gz" produce several members; the tar inside spans them.
        byte[] tar = new TarBuilder().file("p/a", "first").file("p/b", "second").tar();
        Path archive = archive("multi.tar.gz");
        try (var out = Files.newOutputStream(archive)) {
            int half = tar.length / 2;
            for (byte[] part : new byte[][] {java.util.Arrays.copyOf(tar, half),
                    java.util.Arrays.copyOfRange(tar, half, tar.length)}) {
                var bytes = new java.io.ByteArrayOutputStream();
                try (var gz = new org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream(bytes)) {
                    gz.write(part);
                }
                out.write(bytes.toByteArray());
            }
        }

        extract(archive);

        assertThat(dest.resolve("b")).hasContent("second");
    }

    @Test
    void readsMultiBlockAndConcatenatedXz() throws Exception {
        // xz -T (Debian's orig tarballs) writes many blocks, each decoded with a dictionary from the
        // array cache; "cat a.xz b.xz" gives several streams. The tar inside spans both.
        byte[] tar = new TarBuilder().file("p/a", "first").file("p/b", "second".repeat(5000)).tar();
        Path archive = archive("multi.tar.xz");
        try (var out = Files.newOutputStream(archive)) {
            int half = tar.length / 2;
            for (byte[] part : new byte[][] {java.util.Arrays.copyOf(tar, half),
                    java.util.Arrays.copyOfRange(tar, half, tar.length)}) {
                var bytes = new java.io.ByteArrayOutputStream();
                try (var xz = new org.tukaani.xz.XZOutputStream(bytes, new org.tukaani.xz.LZMA2Options())) {
                    for (int i = 0; i < part.length; i += 1024) {
                        xz.write(part, i, Math.min(1024, part.length - i));
                        xz.endBlock();
                    }
                }
                out.write(bytes.toByteArray());
            }
        }

        extract(archive);

        assertThat(dest.resolve("a")).hasContent("first");
        assertThat(dest.resolve("b")).hasContent("second".repeat(5000));
    }

    @Test
    void refusesToReuseAnExistingDestinationAndLeavesItAlone() throws Exception {
        Path archive = new TarBuilder().file("p/a", "1").writeTar(archive("a.tar"));
        Files.createDirectory(dest);
        Files.writeString(dest.resolve("keep"), "mine");

        ArchiveException e = org.assertj.core.api.Assertions.catchThrowableOfType(ArchiveException.class,
                () -> extract(archive));

        assertThat(e).hasMessageContaining(dest + ": it already exists").hasMessageContaining("Fix: ");
        assertThat(dest.resolve("keep")).hasContent("mine");
    }

    @Test
    void createsMissingParentsOfTheDestination() throws Exception {
        Path archive = new TarBuilder().file("p/a", "1").writeTar(archive("a.tar"));
        Path deep = root.resolve("new/parent/dest");

        new ArchiveExtractor(ExtractionLimits.DEFAULT, log).extract(archive, deep);

        assertThat(deep.resolve("a")).hasContent("1");
    }
}
