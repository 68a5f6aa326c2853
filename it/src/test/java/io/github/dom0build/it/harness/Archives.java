package io.github.dom0build.it.harness;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;

/** Reads back what the dist goals wrote, to assert on entries and their metadata; changes one for a test. */
public final class Archives {
    private Archives() {
    }

    /**
     * {@code tarGz} packed again into {@code out}, entry by entry with the same headers, with the first
     * byte of {@code entry}'s content changed: what a repository copy changed after CI built it looks like.
     */
    public static void withOneByteChanged(Path tarGz, Path out, String entry) throws IOException {
        boolean changed = false;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(tarGz));
                TarArchiveInputStream tar = new TarArchiveInputStream(new GzipCompressorInputStream(in));
                TarArchiveOutputStream copy = new TarArchiveOutputStream(new GzipCompressorOutputStream(
                        Files.newOutputStream(out)))) {
            copy.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            TarArchiveEntry e;
            while ((e = tar.getNextEntry()) != null) {
                byte[] data = tar.readAllBytes();
                if (e.getName().equals(entry) && data.length > 0) {
                    data[0] ^= 1;
                    changed = true;
                }
                copy.putArchiveEntry(e);
                copy.write(data);
                copy.closeArchiveEntry();
            }
        }
        if (!changed) {
            throw new IOException(tarGz + " has no file " + entry + " to change");
        }
    }

    /** Entries in archive order. */
    public static Map<String, TarArchiveEntry> entries(Path tarGz) throws IOException {
        Map<String, TarArchiveEntry> m = new LinkedHashMap<>();
        try (InputStream in = new BufferedInputStream(Files.newInputStream(tarGz));
                TarArchiveInputStream tar = new TarArchiveInputStream(new GzipCompressorInputStream(in))) {
            TarArchiveEntry e;
            while ((e = tar.getNextEntry()) != null) {
                m.put(e.getName(), e);
            }
        }
        return m;
    }
}
