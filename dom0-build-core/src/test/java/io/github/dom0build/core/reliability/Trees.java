package io.github.dom0build.core.reliability;

import io.github.dom0build.core.testing.TreeDigests;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;

/** What the reliability tests compare and build: full tree digests and small tar.gz archives. */
final class Trees {
    private Trees() {
    }

    /** Every path under {@code root} (records included): directories, files (sha256, mode) and links. */
    static Map<String, String> digest(Path root) throws IOException {
        return TreeDigests.of(root);
    }

    static void write(Path file, String content) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, content, StandardCharsets.UTF_8);
    }

    /** A tar.gz of {@code pathsAndContents}, in order. */
    static byte[] tarGz(String... pathsAndContents) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(bytes))) {
            for (int i = 0; i < pathsAndContents.length; i += 2) {
                byte[] data = pathsAndContents[i + 1].getBytes(StandardCharsets.UTF_8);
                TarArchiveEntry e = new TarArchiveEntry(pathsAndContents[i]);
                e.setSize(data.length);
                e.setMode(0644);
                tar.putArchiveEntry(e);
                tar.write(data);
                tar.closeArchiveEntry();
            }
        }
        return bytes.toByteArray();
    }
}
