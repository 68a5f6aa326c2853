package io.github.dom0build.core.fetch.extract;

import io.github.dom0build.core.io.FileTrees;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.Test;

/** Hostile and broken tar archives: each must be refused, naming the entry, with nothing left behind. */
class TarSafetyTest extends ExtractionTestSupport {

    @Test
    void refusesDotDotThatEscapes() throws Exception {
        Path archive = new TarBuilder().file("p/ok", "1").file("../evil", "x").writeTarGz(archive("evil.tar.gz"));

        ArchiveException e = refused(archive);

        assertThat(e.entry()).isEqualTo("../evil");
        assertThat(e).hasMessageContaining("entry '../evil' would be written outside the destination directory")
                .hasMessageContaining("Fix: do not use this archive; check the URL and sha256");
    }

    @Test
    void refusesDotDotHiddenDeeperInThePath() throws Exception {
        Path archive = new TarBuilder().file("p/a/../../../evil", "x").writeTar(archive("evil.tar"));

        assertThat(refused(archive)).hasMessageContaining("'p/a/../../../evil'")
                .hasMessageContaining("climbs out with '..'");
    }

    @Test
    void refusesAbsolutePaths() throws Exception {
        // Inside the temp dir, so that a broken extractor would show up in the snapshot.
        String absolute = root.resolve("abs").toString();
        Path archive = new TarBuilder().file(absolute, "x").writeTar(archive("abs.tar"));

        ArchiveException e = refused(archive);

        assertThat(e.entry()).isEqualTo(absolute);
        assertThat(e).hasMessageContaining("entry '" + absolute + "' has an absolute path");
        assertThat(root.resolve("abs")).doesNotExist();
    }

    @Test
    void refusesASymlinkOutOfTheTreeAndTheFileBehindIt() throws Exception {
        Path archive = new TarBuilder()
                .symlink("link", "../../outside")
                .file("link/file", "x")
                .writeTarGz(archive("link.tar.gz"));

        ArchiveException e = refused(archive);

        assertThat(e.entry()).isEqualTo("link");
        assertThat(e).hasMessageContaining("entry 'link' is a symbolic link to '../../outside', which points outside"
                + " the destination directory");
        assertThat(root.resolve("outside")).doesNotExist();
    }

    @Test
    void refusesAbsoluteSymlinkTargets() throws Exception {
        Path archive = new TarBuilder().symlink("p/passwd", "/etc/passwd").writeTar(archive("abslink.tar"));

        assertThat(refused(archive)).hasMessageContaining("entry 'p/passwd' is a symbolic link to the absolute path"
                + " '/etc/passwd'");
    }

    @Test
    void refusesWritingThroughASymlinkEvenIfItPointsInside() throws Exception {
        Path archive = new TarBuilder()
                .dir("p/sub")
                .symlink("p/l", "sub")
                .file("p/l/file", "x")
                .writeTar(archive("through.tar"));

        ArchiveException e = refused(archive);

        assertThat(e.entry()).isEqualTo("p/l/file");
        assertThat(e).hasMessageContaining("entry 'p/l/file' would be written through the symbolic link 'p/l'"
                + " (-> 'sub') that the earlier entry 'p/l' created");
    }

    @Test
    void refusesADirectoryEntryThroughASymlink() throws Exception {
        Path archive = new TarBuilder().dir("p/sub").symlink("p/l", "sub").dir("p/l/d").writeTar(archive("d.tar"));

        assertThat(refused(archive)).hasMessageContaining("entry 'p/l/d/' would be written through the symbolic"
                + " link 'p/l'");
    }

    @Test
    void refusesDotDotOutOfASymlinkInALinkTarget() throws Exception {
        // Lexically p/x -> p/l/../.. is p itself, but the kernel goes up from wherever l points.
        Path archive = new TarBuilder()
                .dir("p/a/b")
                .symlink("p/a/b/l", "../..")
                .symlink("p/x", "a/b/l/../../..")
                .writeTar(archive("dotdot-link.tar"));

        assertThat(refused(archive)).hasMessageContaining("entry 'p/x' is a symbolic link to 'a/b/l/../../..'")
                .hasMessageContaining("goes back up out of 'p/a/b/l'");
    }

    @Test
    void refusesALinkThatOnlyStaysInsideBecauseOfTheStrippedDirectory() throws Exception {
        Path archive = new TarBuilder()
                .file("p/a", "1")
                .symlink("p/up", "../p/a")
                .symlink("p/escape", "../q")
                .writeTar(archive("strip-escape.tar"));

        assertThat(refused(archive)).hasMessageContaining("entry 'p/escape' is a symbolic link to '../q', which"
                + " points outside the top-level directory 'p/'");
    }

    @Test
    void refusesHardLinksToFilesOutsideTheArchive() throws Exception {
        Path archive = new TarBuilder().file("p/a", "1").hardLink("p/passwd", "/etc/passwd")
                .writeTar(archive("hard.tar"));

        ArchiveException e = refused(archive);

        assertThat(e.entry()).isEqualTo("p/passwd");
        assertThat(e).hasMessageContaining("entry 'p/passwd' is a hard link to '/etc/passwd', which is not an entry"
                + " extracted earlier from this archive");
    }

    @Test
    void refusesHardLinksToMissingEntries() throws Exception {
        Path archive = new TarBuilder().file("p/a", "1").hardLink("p/h", "p/missing").hardLink("p/h2", "p/a")
                .writeTar(archive("hard-missing.tar"));

        assertThat(refused(archive)).hasMessageContaining("entry 'p/h' is a hard link to 'p/missing', which is not"
                + " an entry extracted earlier");
    }

    @Test
    void refusesHardLinksToLaterEntries() throws Exception {
        Path archive = new TarBuilder().hardLink("p/h", "p/a").file("p/a", "1").writeTar(archive("hard-later.tar"));

        assertThat(refused(archive)).hasMessageContaining("entry 'p/h' is a hard link to 'p/a'");
    }

    @Test
    void checksAHardLinkToASymlinkFromItsOwnDirectory() throws Exception {
        // "../../a" is fine from p/d1/d2, but the same link text at p/h points out of the tree.
        Path archive = new TarBuilder()
                .file("p/a", "1")
                .symlink("p/d1/d2/l", "../../a")
                .hardLink("h", "p/d1/d2/l")
                .writeTar(archive("hard-to-link.tar"));

        assertThat(refused(archive)).hasMessageContaining("entry 'h' is a hard link to the symbolic link"
                + " 'p/d1/d2/l', which here would be a symbolic link to '../../a', which points outside the"
                + " destination directory");
    }

    @Test
    void refusesCharacterDevices() throws Exception {
        Path archive = new TarBuilder().file("p/a", "1").special("p/null", TarConstants.LF_CHR)
                .writeTarGz(archive("chr.tar.gz"));

        ArchiveException e = refused(archive);

        assertThat(e.entry()).isEqualTo("p/null");
        assertThat(e).hasMessageContaining("entry 'p/null' is a character device; dom0-build does not create device"
                + " nodes");
    }

    @Test
    void refusesBlockDevices() throws Exception {
        Path archive = new TarBuilder().special("p/sda", TarConstants.LF_BLK).writeTar(archive("blk.tar"));

        assertThat(refused(archive)).hasMessageContaining("entry 'p/sda' is a block device");
    }

    @Test
    void refusesFifos() throws Exception {
        Path archive = new TarBuilder().file("p/a", "1").special("p/pipe", TarConstants.LF_FIFO)
                .writeTar(archive("fifo.tar"));

        assertThat(refused(archive)).hasMessageContaining("entry 'p/pipe' is a FIFO (named pipe)");
    }

    @Test
    void refusesUnknownEntryTypes() throws Exception {
        Path archive = new TarBuilder().special("p/odd", (byte) 'Q').writeTar(archive("odd.tar"));

        assertThat(refused(archive)).hasMessageContaining("entry 'p/odd' is a tar entry of unknown type 'Q'");
    }

    @Test
    void refusesDuplicateEntries() throws Exception {
        Path archive = new TarBuilder().file("p/a", "first").file("p/a", "second").writeTar(archive("dup.tar"));

        assertThat(refused(archive)).hasMessageContaining("entry 'p/a' appears twice");
    }

    @Test
    void acceptsADirectoryNamedTwiceAsTarDoes() throws Exception {
        // tar cf x.tar dir dir/sub lists dir/sub twice; a directory overwrites nothing.
        Path archive = new TarBuilder().dir("p").dir("p/sub").file("p/sub/a", "x").dir("p/sub", 0700)
                .writeTar(archive("dirtwice.tar"));

        extract(archive);

        assertThat(dest.resolve("sub/a")).hasContent("x");
    }

    @Test
    void refusesEntriesThatAreTheSamePathOnceNormalized() throws Exception {
        Path archive = new TarBuilder().file("p/a", "first").file("./p//a", "second").writeTar(archive("dup2.tar"));

        assertThat(refused(archive)).hasMessageContaining("entry './p//a' appears twice (the same path as the earlier"
                + " entry 'p/a')");
    }

    @Test
    void refusesAFileWhereEarlierEntriesPutADirectory() throws Exception {
        Path archive = new TarBuilder().file("p/d/x", "1").file("p/d", "2").writeTar(archive("filedir.tar"));

        assertThat(refused(archive)).hasMessageContaining("entry 'p/d' is not a directory, but earlier entries"
                + " already put files inside 'p/d/'");
    }

    @Test
    void refusesEntriesBelowAFile() throws Exception {
        Path archive = new TarBuilder().file("p/f", "1").file("p/f/x", "2").writeTar(archive("below.tar"));

        assertThat(refused(archive)).hasMessageContaining("entry 'p/f/x' would be created inside 'p/f', which the"
                + " earlier entry 'p/f' made a file");
    }

    @Test
    void refusesADecompressionBomb() throws Exception {
        Path archive = new TarBuilder().file("p/small", "1").file("p/zeros", new byte[4 << 20], 0644)
                .writeTarGz(archive("bomb.tar.gz"));
        assertThat(Files.size(archive)).isLessThan(64 << 10);

        ArchiveException e = refused(archive, ExtractionLimits.DEFAULT.withMaxBytes(1 << 20));

        assertThat(e.entry()).isEqualTo("p/zeros");
        assertThat(e).hasMessageContaining("unpacks to more than 1.0 MiB, the limit: entry 'p/zeros'")
                .hasMessageContaining("raise the limit with the plugin parameter maxExtractedSize (now 1048576 bytes)");
    }

    @Test
    void countsBytesAcrossEntries() throws Exception {
        TarBuilder builder = new TarBuilder();
        for (int i = 0; i < 8; i++) {
            builder.file("p/part" + i, new byte[200 << 10], 0644);
        }
        Path archive = builder.writeTarGz(archive("many.tar.gz"));

        ArchiveException e = refused(archive, ExtractionLimits.DEFAULT.withMaxBytes(1 << 20));

        assertThat(e.entry()).isEqualTo("p/part5");
    }

    @Test
    void refusesTooManyEntries() throws Exception {
        TarBuilder builder = new TarBuilder();
        for (int i = 0; i < 10; i++) {
            builder.file("p/f" + i, "x");
        }
        Path archive = builder.writeTar(archive("entries.tar"));

        ArchiveException e = refused(archive, ExtractionLimits.DEFAULT.withMaxEntries(5));

        assertThat(e).hasMessageContaining("has more than 5 entries, the limit; stopped at entry 'p/f5'")
                .hasMessageContaining("maxExtractedEntries");
    }

    @Test
    void refusesATruncatedTarGz() throws Exception {
        byte[] noise = new byte[256 << 10];
        new Random(7).nextBytes(noise); // incompressible, so the cut lands inside its data
        Path full = new TarBuilder().file("p/first", "1").file("p/noise.bin", noise, 0644).file("p/last", "2")
                .writeTarGz(archive("full.tar.gz"));
        byte[] bytes = Files.readAllBytes(full);
        Path archive = Files.write(archive("cut.tar.gz"), Arrays.copyOf(bytes, bytes.length / 2));

        ArchiveException e = refused(archive);

        assertThat(e.entry()).isEqualTo("p/noise.bin");
        assertThat(e).hasMessageContaining("archive " + archive + " is truncated or corrupt at entry 'p/noise.bin'");
    }

    @Test
    void refusesAPlainTarCutInsideAHeader() throws Exception {
        byte[] tar = new TarBuilder().file("p/first", "1").file("p/second", "2").tar();
        // header 512 + data block 512 for the first entry, then half of the second header
        Path archive = Files.write(archive("cut.tar"), Arrays.copyOf(tar, 1024 + 200));

        assertThat(refused(archive)).hasMessageContaining("is truncated or corrupt after entry 'p/first'")
                .hasMessageContaining("end-of-archive marker");
    }

    @Test
    void refusesAPlainTarCutBetweenEntries() throws Exception {
        byte[] tar = new TarBuilder().file("p/first", "1").file("p/second", "2").tar();
        Path archive = Files.write(archive("cut.tar"), Arrays.copyOf(tar, 1024));

        assertThat(refused(archive)).hasMessageContaining("after entry 'p/first'");
    }

    @Test
    void refusesAPlainTarCutInsideData() throws Exception {
        Path full = new TarBuilder().file("p/first", "1").file("p/second", new byte[4096], 0644)
                .writeTar(archive("full.tar"));
        Path archive = Files.write(archive("cut.tar"), Arrays.copyOf(Files.readAllBytes(full), 1024 + 512 + 1000));

        assertThat(refused(archive)).hasMessageContaining("truncated or corrupt at entry 'p/second'");
    }

    @Test
    void refusesAHeaderWithABadChecksum() throws Exception {
        byte[] tar = new TarBuilder().file("p/first", "1").file("p/second", "2").tar();
        tar[1024 + 10] ^= 1; // inside the second header's name
        Path archive = Files.write(archive("sum.tar"), tar);

        assertThat(refused(archive)).hasMessageContaining("corrupt after entry 'p/first': a tar header has a wrong"
                + " checksum");
    }

    @Test
    void refusesAnXzHeaderThatAsksForGigabytesOfMemory() throws Exception {
        Path archive = new TarBuilder().file("p/a", "1").writeTarXz(archive("greedy.tar.xz"));
        byte[] xz = Files.readAllBytes(archive);
        // Block header at 12: size, flags, filter id 0x21 (LZMA2), props size 1, dictionary size code.
        assertThat(xz[14]).isEqualTo((byte) 0x21);
        int headerSize = ((xz[12] & 0xff) + 1) * 4;
        xz[16] = 37; // a 1.5 GiB dictionary, the largest xz-java accepts
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(xz, 12, headerSize - 4);
        int sum = (int) crc.getValue();
        for (int i = 0; i < 4; i++) {
            xz[12 + headerSize - 4 + i] = (byte) (sum >>> (8 * i));
        }
        Files.write(archive, xz);

        assertThat(refused(archive)).hasMessageContaining("of memory to decompress, more than the 256.0 MiB");
    }

    @Test
    void refusesCompressedDataThatIsNotATar() throws Exception {
        Path archive = archive("patch-6.1.176.gz");
        try (var out = new org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream(
                Files.newOutputStream(archive))) {
            out.write("diff --git a/Makefile b/Makefile\n".repeat(40).getBytes());
        }

        assertThat(refused(archive)).hasMessageContaining("is not a tar archive: it is gz-compressed, but what it"
                + " contains does not start with a tar header");
    }

    @Test
    void refusesAnEmptyTar() throws Exception {
        Path archive = new TarBuilder().writeTarXz(archive("empty.tar.xz"));

        assertThat(refused(archive)).hasMessageContaining("contains no entries");
    }

    @Test
    void refusesEntriesWithControlCharactersWithoutEchoingThem() throws Exception {
        Path archive = new TarBuilder().file("../x\n[INFO] BUILD SUCCESS", "x").writeTar(archive("ctl.tar"));

        assertThat(refused(archive)).hasMessageContaining("'../x\\x0a[INFO] BUILD SUCCESS'");
    }

    @Test
    void aRootFileSystemArchiveMayHoldAbsoluteLinksButNeverWritesThroughThem() throws Exception {
        Path ok = new TarBuilder().dir("usr").dir("usr/bin").file("usr/lib/xen/bin/pygrub", "x")
                .symlink("usr/bin/pygrub", "/usr/lib/xen/bin/pygrub").writeTar(archive("rootfs.tar"));
        new ArchiveExtractor(ExtractionLimits.DEFAULT, log).extractRootFileSystem(ok, dest);
        assertThat(Files.readSymbolicLink(dest.resolve("usr/bin/pygrub"))).hasToString("/usr/lib/xen/bin/pygrub");

        FileTrees.deleteRecursively(dest);
        Path through = new TarBuilder().symlink("etc", "/tmp").file("etc/evil", "x").writeTar(archive("through.tar"));
        assertThatThrownBy(() -> new ArchiveExtractor(ExtractionLimits.DEFAULT, log).extractRootFileSystem(through, dest))
                .hasMessageContaining("entry 'etc/evil' would be written through the symbolic link 'etc'");
        assertThat(dest).doesNotExist();

        Path climbing = new TarBuilder().symlink("up", "/../../outside").writeTar(archive("climb.tar"));
        assertThatThrownBy(() -> new ArchiveExtractor(ExtractionLimits.DEFAULT, log).extractRootFileSystem(climbing, dest))
                .hasMessageContaining("points outside the destination directory");
    }
}
