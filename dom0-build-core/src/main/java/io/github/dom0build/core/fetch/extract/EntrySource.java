package io.github.dom0build.core.fetch.extract;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;

/** Reads an archive one entry at a time, in archive order. */
interface EntrySource extends Closeable {
    /**
     * The next entry, or {@code null} after the last one. An {@link IOException} here means the
     * archive itself is unreadable (truncated, corrupt), never a problem with the destination.
     */
    ArchiveItem next() throws IOException, ArchiveException;

    static EntrySource open(Path archive, ArchiveFormat format, ExtractionLimits limits) throws ArchiveException {
        return format == ArchiveFormat.ZIP ? ZipEntrySource.open(archive, limits.maxBytes())
                : TarEntrySource.open(archive, format);
    }
}
