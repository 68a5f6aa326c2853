package io.github.dom0build.core.fetch.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArchiveFormatTest {
    @TempDir
    Path dir;

    @Test
    void detectsCompressedTarsByContentNotName() throws Exception {
        TarBuilder tar = new TarBuilder().file("p/a", "1");

        assertThat(ArchiveFormat.detect(tar.writeTarGz(dir.resolve("a.zip")))).isEqualTo(ArchiveFormat.TAR_GZIP);
        assertThat(ArchiveFormat.detect(tar.writeTarXz(dir.resolve("b.tar.gz")))).isEqualTo(ArchiveFormat.TAR_XZ);
        assertThat(ArchiveFormat.detect(tar.writeTarBz2(dir.resolve("c")))).isEqualTo(ArchiveFormat.TAR_BZIP2);
        assertThat(ArchiveFormat.detect(new ZipBuilder().file("a", "1").write(dir.resolve("d.tar"))))
                .isEqualTo(ArchiveFormat.ZIP);
    }

    @Test
    void detectsPosixAndOldGnuTar() throws Exception {
        assertThat(ArchiveFormat.detect(new TarBuilder().file("p/a", "1").writeTar(dir.resolve("posix"))))
                .isEqualTo(ArchiveFormat.TAR);

        byte[] gnu = new TarBuilder().file("p/a", "1").tar();
        byte[] oldGnuMagic = "ustar  \0".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(oldGnuMagic, 0, gnu, 257, oldGnuMagic.length);
        assertThat(ArchiveFormat.detect(Files.write(dir.resolve("gnu"), gnu))).isEqualTo(ArchiveFormat.TAR);
    }

    @Test
    void detectsPrePosixTarByItsChecksum() throws Exception {
        Path v7 = dir.resolve("v7.tar");
        try (TarArchiveOutputStream out = new TarArchiveOutputStream(Files.newOutputStream(v7))) {
            TarArchiveEntry entry = new TarArchiveEntry("a");
            entry.setSize(1);
            out.putArchiveEntry(entry);
            out.write('x');
            out.closeArchiveEntry();
        }
        byte[] bytes = Files.readAllBytes(v7);
        // Blank the magic and version, then fix the checksum (sum of the header, checksum field as spaces).
        java.util.Arrays.fill(bytes, 257, 265, (byte) 0);
        java.util.Arrays.fill(bytes, 148, 156, (byte) ' ');
        long sum = 0;
        for (int i = 0; i < 512; i++) {
            sum += bytes[i] & 0xff;
        }
        byte[] field = String.format("%06o\0 ", sum).getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(field, 0, bytes, 148, 8);
        Files.write(v7, bytes);

        assertThat(ArchiveFormat.detect(v7)).isEqualTo(ArchiveFormat.TAR);
    }

    @Test
    void refusesZstdNamingTheMissingLibrary() throws Exception {
        Path file = Files.write(dir.resolve("linux.tar.zst"), new byte[] {0x28, (byte) 0xb5, 0x2f, (byte) 0xfd, 0, 0});

        ArchiveException e = catchThrowableOfType(ArchiveException.class, () -> ArchiveFormat.detect(file));

        assertThat(e).hasMessageContaining("archive " + file + " is zstd-compressed")
                .hasMessageContaining("zstd-jni").hasMessageContaining("Fix: use the .tar.xz");
    }

    @Test
    void refusesUnknownFormatsListingTheSupportedOnes() throws Exception {
        Path file = Files.write(dir.resolve("linux.tar.xz"), "just some text, no archive".getBytes());

        ArchiveException e = catchThrowableOfType(ArchiveException.class, () -> ArchiveFormat.detect(file));

        assertThat(e.archive()).isEqualTo(file);
        assertThat(e).hasMessageContaining("cannot tell what kind of archive " + file + " is: it starts with"
                + " 6a 75 73 74 20 73 6f 6d ...").hasMessageContaining("tar, tar.gz, tar.xz, tar.bz2 and zip");
    }

    @Test
    void saysWhenTheDownloadIsAnHtmlPage() throws Exception {
        Path file = Files.write(dir.resolve("linux.tar.xz"), "\n<!DOCTYPE html><html>404</html>".getBytes());

        assertThat(catchThrowableOfType(ArchiveException.class, () -> ArchiveFormat.detect(file)))
                .hasMessageContaining("looks like an HTML or XML page");
    }

    @Test
    void namesOtherCompressorsItRecognizes() throws Exception {
        Path file = Files.write(dir.resolve("x.tar.lz"), "LZIP\u0001".getBytes());

        assertThat(catchThrowableOfType(ArchiveException.class, () -> ArchiveFormat.detect(file)))
                .hasMessageContaining("(lzip)");
    }

    @Test
    void refusesEmptyAndMissingFiles() throws Exception {
        Path empty = Files.write(dir.resolve("empty.tar.gz"), new byte[0]);
        Path missing = dir.resolve("missing.tar.gz");

        assertThat(catchThrowableOfType(ArchiveException.class, () -> ArchiveFormat.detect(empty)))
                .hasMessageContaining("is empty (0 bytes)");
        assertThat(catchThrowableOfType(ArchiveException.class, () -> ArchiveFormat.detect(missing)))
                .hasMessageContaining("archive " + missing + " does not exist");
    }
}
