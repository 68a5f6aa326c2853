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
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/** Reads back what the dist goals wrote, to assert on entries and their metadata. */
public final class Archives {
    private Archives() {
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
