package io.github.dom0build.core.fetch.extract;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ZipExtractionTest extends ExtractionTestSupport {

    @Test
    void extractsWithModesTimesAndStrip() throws Exception {
        Path archive = new ZipBuilder()
                .dir("proj-1.0/", 0755)
                .file("proj-1.0/configure", "#!/bin/sh\n", 0755)
                .file("proj-1.0/README", "readme", 0644)
                .file("proj-1.0/src/main.c", "int main;")
                .dir("proj-1.0/src/", 0700)
                .write(archive("proj.zip"));

        ExtractionResult result = extract(archive);

        assertThat(result.strippedPrefix()).isEqualTo("proj-1.0");
        assertThat(result.entryCount()).isEqualTo(5);
        assertThat(mode(dest.resolve("configure"))).isEqualTo("rwxr-xr-x");
        assertThat(mode(dest.resolve("README"))).isEqualTo("rw-r--r--");
        assertThat(mode(dest.resolve("src"))).isEqualTo("rwx------");
        assertThat(dest.resolve("src/main.c")).hasContent("int main;");
        assertThat(Files.getLastModifiedTime(dest.resolve("README"))).isEqualTo(FileTime.from(TarBuilder.MTIME));
    }

    @Test
    void keepsDefaultPermissionsWhenTheZipRecordsNoUnixMode() throws Exception {
        Path archive = new ZipBuilder().plainFile("a/readme.txt", "x").plainFile("b/other.txt", "y")
                .write(archive("dos.zip"));

        ExtractionResult result = extract(archive);

        assertThat(result.strippedPrefix()).isNull();
        assertThat(Files.isRegularFile(dest.resolve("a/readme.txt"))).isTrue();
        assertThat(mode(dest.resolve("a/readme.txt"))).startsWith("rw-");
    }

    @Test
    void createsSymlinksFromUnixModes() throws Exception {
        Path archive = new ZipBuilder()
                .file("p/lib/libfoo.so.1", "elf")
                .symlink("p/lib/libfoo.so", "libfoo.so.1")
                .write(archive("links.zip"));

        extract(archive);

        Path link = dest.resolve("lib/libfoo.so");
        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(Files.readSymbolicLink(link)).isEqualTo(Path.of("libfoo.so.1"));
        assertThat(link).hasContent("elf");
    }

    @Test
    void createsSymlinksFromTheAsiExtraField() throws Exception {
        Path archive = new ZipBuilder().file("p/target", "t").asiSymlink("p/link", "target")
                .write(archive("asi.zip"));

        extract(archive);

        assertThat(Files.readSymbolicLink(dest.resolve("link"))).isEqualTo(Path.of("target"));
    }

    @Test
    void refusesPathTraversal() throws Exception {
        Path archive = new ZipBuilder().file("p/a", "1").file("../evil", "x").write(archive("evil.zip"));

        ArchiveException e = refused(archive);

        assertThat(e.entry()).isEqualTo("../evil");
        assertThat(e).hasMessageContaining("entry '../evil' would be written outside the destination directory");
    }

    @Test
    void refusesAbsolutePaths() throws Exception {
        String absolute = root.resolve("abs").toString();
        Path archive = new ZipBuilder().file(absolute, "x").write(archive("abs.zip"));

        assertThat(refused(archive)).hasMessageContaining("entry '" + absolute + "' has an absolute path");
    }

    @Test
    void refusesASymlinkOutOfTheTree() throws Exception {
        Path archive = new ZipBuilder().symlink("link", "../../outside").file("link/file", "x")
                .write(archive("link.zip"));

        assertThat(refused(archive)).hasMessageContaining("entry 'link' is a symbolic link to '../../outside'");
        assertThat(root.resolve("outside")).doesNotExist();
    }

    @Test
    void refusesAnAsiSymlinkOutOfTheTree() throws Exception {
        Path archive = new ZipBuilder().asiSymlink("p/link", "/etc").write(archive("asi-abs.zip"));

        assertThat(refused(archive)).hasMessageContaining("entry 'p/link' is a symbolic link to the absolute path"
                + " '/etc'");
    }

    @Test
    void refusesWritingThroughASymlink() throws Exception {
        Path archive = new ZipBuilder().dir("p/sub", 0755).symlink("p/l", "sub").file("p/l/file", "x")
                .write(archive("through.zip"));

        assertThat(refused(archive)).hasMessageContaining("entry 'p/l/file' would be written through the symbolic"
                + " link 'p/l'");
    }

    @Test
    void refusesFifosAndDevices() throws Exception {
        Path fifo = new ZipBuilder().file("p/a", "1").withUnixType("p/pipe", 0010644).write(archive("fifo.zip"));
        assertThat(refused(fifo)).hasMessageContaining("entry 'p/pipe' is a FIFO (named pipe)");

        Path chr = new ZipBuilder().withUnixType("p/null", 0020666).write(archive("chr.zip"));
        assertThat(refused(chr)).hasMessageContaining("entry 'p/null' is a character device");
    }

    @Test
    void refusesDuplicateEntries() throws Exception {
        Path archive = new ZipBuilder().file("p/a", "1").file("p/a", "2").write(archive("dup.zip"));

        assertThat(refused(archive)).hasMessageContaining("entry 'p/a' appears twice");
    }

    @Test
    void refusesABombWhoseHeadersLieAboutTheSize() throws Exception {
        Path archive = new ZipBuilder().file("p/a", "1").file("p/zeros", new byte[4 << 20], 0644)
                .write(archive("bomb.zip"));
        claimUncompressedSize(archive, "p/zeros", 10);

        ArchiveException e = refused(archive, ExtractionLimits.DEFAULT.withMaxBytes(1 << 20));

        assertThat(e.entry()).isEqualTo("p/zeros");
        assertThat(e).hasMessageContaining("unpacks to more than 1.0 MiB, the limit: entry 'p/zeros'")
                .hasMessageContaining("maxExtractedSize");
    }

    @Test
    void refusesATruncatedZip() throws Exception {
        byte[] noise = new byte[256 << 10];
        new Random(3).nextBytes(noise);
        Path full = new ZipBuilder().file("p/first", "1").file("p/noise.bin", noise, 0644).file("p/last", "2")
                .write(archive("full.zip"));
        byte[] bytes = Files.readAllBytes(full);
        Path archive = Files.write(archive("cut.zip"), Arrays.copyOf(bytes, bytes.length / 2));

        ArchiveException e = refused(archive);

        assertThat(e.entry()).isEqualTo("p/noise.bin");
        assertThat(e).hasMessageContaining("is truncated or corrupt at entry 'p/noise.bin'")
                .hasMessageContaining("central directory");
    }

    @Test
    void refusesDataThatDoesNotMatchItsCrc() throws Exception {
        Path archive = new ZipBuilder().stored("p/a", "hello world").write(archive("crc.zip"));
        byte[] bytes = Files.readAllBytes(archive);
        int at = indexOf(bytes, "hello world".getBytes());
        bytes[at] = 'j';
        Files.write(archive, bytes);

        assertThat(refused(archive)).hasMessageContaining("truncated or corrupt at entry 'p/a': its data has CRC-32");
    }

    @Test
    void refusesAnEmptyZip() throws Exception {
        Path archive = new ZipBuilder().write(archive("empty.zip"));

        assertThat(refused(archive)).hasMessageContaining("contains no entries");
    }

    /** Rewrites the uncompressed size in the entry's local and central headers. */
    private static void claimUncompressedSize(Path zip, String name, int size) throws Exception {
        byte[] bytes = Files.readAllBytes(zip);
        ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        byte[] nameBytes = name.getBytes();
        int patched = 0;
        for (int i = 0; i + 46 < bytes.length; i++) {
            int sig = buf.getInt(i);
            if (sig == 0x04034b50 && matches(bytes, i + 30, nameBytes, buf.getShort(i + 26))) {
                buf.putInt(i + 22, size);
                patched++;
            } else if (sig == 0x02014b50 && matches(bytes, i + 46, nameBytes, buf.getShort(i + 28))) {
                buf.putInt(i + 24, size);
                patched++;
            }
        }
        assertThat(patched).isEqualTo(2);
        Files.write(zip, bytes);
    }

    private static boolean matches(byte[] bytes, int offset, byte[] name, int length) {
        return length == name.length && offset + length <= bytes.length
                && Arrays.equals(bytes, offset, offset + length, name, 0, length);
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                return i;
            }
        }
        throw new AssertionError("not found");
    }
}
