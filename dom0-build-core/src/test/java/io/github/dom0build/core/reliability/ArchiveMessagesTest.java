package io.github.dom0build.core.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.dom0build.core.BuildException;
import io.github.dom0build.core.fetch.extract.ArchiveExtractor;
import io.github.dom0build.core.fetch.extract.ExtractionLimits;
import io.github.dom0build.core.testing.RecordingLog;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What the extraction says about an archive must be true and safe to print: names with control
 * characters are escaped in every message (a name cannot forge {@code [INFO] BUILD SUCCESS} in the log),
 * a valid GNU sparse archive is extracted rather than called corrupt, and a name too long for the file
 * system is reported as that, not as a full disk.
 */
class ArchiveMessagesTest {
    @TempDir
    Path tmp;

    private final RecordingLog log = new RecordingLog();

    private Path tar(String name, Entry... entries) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream out = new TarArchiveOutputStream(bytes)) {
            out.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (Entry e : entries) {
                TarArchiveEntry t = e.link == null ? new TarArchiveEntry(e.name)
                        : new TarArchiveEntry(e.name, TarConstants.LF_SYMLINK);
                if (e.link != null) {
                    t.setLinkName(e.link);
                } else if (!e.name.endsWith("/")) {
                    t.setSize(e.content.length);
                }
                out.putArchiveEntry(t);
                if (e.link == null && !e.name.endsWith("/")) {
                    out.write(e.content);
                }
                out.closeArchiveEntry();
            }
        }
        Path p = tmp.resolve(name);
        Files.write(p, bytes.toByteArray());
        return p;
    }

    private record Entry(String name, byte[] content, String link) {
        static Entry file(String name, String content) {
            return new Entry(name, content.getBytes(StandardCharsets.UTF_8), null);
        }

        static Entry link(String name, String target) {
            return new Entry(name, null, target);
        }
    }

    private static final String FORGED = "x\n[INFO] BUILD SUCCESS\n\u001b[2K";

    @Test
    void controlCharactersInANameAreEscapedInTheMessage() throws Exception {
        Path archive = tar("forged.tar", Entry.file("top/real/Makefile", "all:\n"), Entry.link("top/" + FORGED, "real"),
                Entry.file("top/" + FORGED + "/pwned", "x\n"));
        BuildException e = assertThrows(BuildException.class,
                () -> new ArchiveExtractor(ExtractionLimits.DEFAULT, log).extract(archive, tmp.resolve("dest")));
        assertThat(e.getMessage()).contains("would be written through the symbolic link 'top/x\\x0a[INFO] BUILD"
                + " SUCCESS\\x0a\\x1b[2K'").doesNotContain("\n[INFO] BUILD SUCCESS").doesNotContain("\u001b");
    }

    @Test
    void aControlCharacterInTheStrippedTopDirectoryIsEscapedInTheLog() throws Exception {
        Path archive = tar("top.tar", Entry.file(FORGED + "/Makefile", "all:\n"));
        new ArchiveExtractor(ExtractionLimits.DEFAULT, log).extract(archive, tmp.resolve("dest"));
        assertThat(log.lines()).noneMatch(l -> l.contains("\n") || l.contains("\u001b"))
                .anyMatch(l -> l.contains("'x\\x0a[INFO] BUILD SUCCESS\\x0a\\x1b[2K/'"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"--format=gnu", "--format=posix", "--format=pax --sparse-version=0.0",
        "--format=pax --sparse-version=0.1"})
    void aValidSparseArchiveFromGnuTarIsExtracted(String format) throws Exception {
        Path src = Files.createDirectories(tmp.resolve("src/proj"));
        Files.writeString(src.resolve("Makefile"), "all:\n");
        byte[] sparse = new byte[3 << 20];
        System.arraycopy("tail".getBytes(), 0, sparse, sparse.length - 4, 4);
        // More data runs than an old GNU header holds (4), so GNU tar adds extension headers.
        try (var ch = java.nio.channels.FileChannel.open(src.resolve("disk.img"),
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.WRITE)) {
            for (int i = 0; i < 12; i++) {
                byte[] run = ("run " + i).getBytes();
                System.arraycopy(run, 0, sparse, i * 200_000, run.length);
                ch.write(java.nio.ByteBuffer.wrap(run), i * 200_000);
            }
            ch.write(java.nio.ByteBuffer.wrap("tail".getBytes()), sparse.length - 4);
        }
        try (var ch = java.nio.channels.FileChannel.open(src.resolve("hole.img"),
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.WRITE)) {
            ch.truncate(0);
            ch.write(java.nio.ByteBuffer.allocate(0), 1 << 20); // all hole, no data
        }
        try (var f = new java.io.RandomAccessFile(src.resolve("hole.img").toFile(), "rw");
                var g = new java.io.RandomAccessFile(src.resolve("trailing.img").toFile(), "rw")) {
            f.setLength(1 << 20);
            g.write("data, then a hole to the end".getBytes());
            g.setLength(1 << 20);
        }
        for (String compression : List.of("-czf", "-cJf", "-cf")) {
            Path archive = tmp.resolve("sparse" + compression + ".tar");
            List<String> cmd = new java.util.ArrayList<>(List.of("tar", "--sparse"));
            cmd.addAll(List.of(format.split(" ")));
            cmd.addAll(List.of(compression, archive.toString(), "-C", tmp.resolve("src").toString(), "proj"));
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            assertThat(p.waitFor()).as(new String(p.getInputStream().readAllBytes())).isZero();
            extractsTheSparseFiles(archive, sparse);
        }
    }

    private void extractsTheSparseFiles(Path archive, byte[] sparse) throws Exception {
        Path dest = tmp.resolve("dest-" + archive.getFileName());
        new ArchiveExtractor(ExtractionLimits.DEFAULT, log).extract(archive, dest);
        assertThat(Files.readAllBytes(dest.resolve("disk.img"))).isEqualTo(sparse);
        assertThat(dest.resolve("Makefile")).hasContent("all:");
        assertThat(Files.readAllBytes(dest.resolve("hole.img"))).isEqualTo(new byte[1 << 20]);
        assertThat(Files.size(dest.resolve("trailing.img"))).isEqualTo(1 << 20);
    }

    @Test
    void aNameTooLongForTheFileSystemIsReportedAsSuch() throws Exception {
        String longName = "top/" + "n".repeat(300) + ".c";
        Path archive = tar("long.tar", Entry.file("top/Makefile", "all:\n"), Entry.file(longName, "x\n"));
        BuildException e = assertThrows(BuildException.class,
                () -> new ArchiveExtractor(ExtractionLimits.DEFAULT, log).extract(archive, tmp.resolve("dest")));
        assertThat(e.problem()).contains("File name too long").doesNotContain("free space");
        assertThat(e.fix()).isEqualTo("a name in the archive is longer than the file system of "
                + tmp.resolve("dest/top") + " allows (255 bytes per name on most Linux file systems); extract it on a file system that takes"
                + " such names, or do not use this archive");
        assertThat(tmp.resolve("dest")).doesNotExist();
    }
}
