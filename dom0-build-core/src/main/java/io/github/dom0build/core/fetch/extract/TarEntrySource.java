package io.github.dom0build.core.fetch.extract;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.tukaani.xz.BasicArrayCache;
import org.tukaani.xz.XZInputStream;

/**
 * A tar archive, plain or inside gzip, xz or bzip2, read as one stream. Pax headers, GNU long
 * names and sparse files are commons-compress's business; this class adds the checks it leaves out
 * (header checksums, a missing end-of-archive marker) and maps entry types.
 */
final class TarEntrySource implements EntrySource {
    // Buffers on both sides of the decompressor: tar reads headers 512 bytes at a time.
    private static final int BUFFER = 1 << 16;
    // xz -9 needs 65 MiB; a header asking for gigabytes is an attack on the heap, not a tarball.
    static final int XZ_MEMORY_LIMIT_KIB = 256 * 1024;
    // GNU incremental dumps describe a directory with a listing of its names as data.
    private static final byte GNU_DUMPDIR = 'D';

    private final StrictTarInputStream tar;
    private final ArchiveItem.Content content;

    private TarEntrySource(StrictTarInputStream tar) {
        this.tar = tar;
        // The entry's data is the tar stream itself, up to the entry's end; closing it is our job.
        InputStream shared = new FilterInputStream(tar) {
            @Override
            public void close() {
                // the next entry follows in the same stream
            }
        };
        this.content = () -> shared;
    }

    static TarEntrySource open(Path archive, ArchiveFormat format) throws ArchiveException {
        InputStream stream;
        try {
            stream = Files.newInputStream(archive);
        } catch (IOException e) {
            throw new ArchiveException(archive, null, "cannot read archive " + archive + ": " + e,
                    "check that the file is readable", e);
        }
        try {
            if (format != ArchiveFormat.TAR) {
                stream = new ReadAheadInputStream(decompress(new BufferedInputStream(stream, BUFFER), format),
                        archive.getFileName().toString());
            }
            BufferedInputStream data = new BufferedInputStreamWithCheapAvailable(stream);
            requireTarInside(archive, format, data);
            return new TarEntrySource(new StrictTarInputStream(data));
        } catch (IOException | RuntimeException e) {
            closeQuietly(stream);
            throw ArchiveErrors.corrupt(archive, null, "at its start", e);
        } catch (ArchiveException e) {
            closeQuietly(stream);
            throw e;
        }
    }

    private static InputStream decompress(InputStream file, ArchiveFormat format) throws IOException {
        return switch (format) {
            // Concatenated members and streams are legal (pigz, pbzip2, pixz produce them).
            case TAR_GZIP -> GzipCompressorInputStream.builder().setInputStream(file)
                    .setDecompressConcatenated(true).get();
            // xz's own stream (it reads concatenated streams too) for its array cache: a multi-threaded
            // xz (Debian's orig tarballs) has one block per few MiB, and each block otherwise allocates a
            // new dictionary. For Linux 6.1 that was 440 MB of 8 MiB arrays, which pushed the Maven JVM
            // past 500 MiB of RSS while the live data stayed under 64 MiB.
            case TAR_XZ -> new XZInputStream(file, XZ_MEMORY_LIMIT_KIB, true, BasicArrayCache.getInstance());
            case TAR_BZIP2 -> new BZip2CompressorInputStream(file, true);
            case TAR, ZIP -> throw new IllegalArgumentException(format + " is not a compressed tar format");
        };
    }

    // A gzip'ed patch is not an archive; say so instead of failing on "entry" garbage.
    private static void requireTarInside(Path archive, ArchiveFormat format, BufferedInputStream data)
            throws IOException, ArchiveException {
        data.mark(TarConstants.DEFAULT_RCDSIZE);
        byte[] first = data.readNBytes(TarConstants.DEFAULT_RCDSIZE);
        data.reset();
        boolean endMarker = first.length == TarConstants.DEFAULT_RCDSIZE && isZero(first);
        if (first.length == 0 || endMarker) {
            throw ArchiveErrors.emptyArchive(archive);
        }
        if (!ArchiveFormat.isTarHeader(first)) {
            String what = format == ArchiveFormat.TAR ? "its data" : "it is " + format.displayName()
                    .substring("tar.".length()) + "-compressed, but what it contains";
            throw new ArchiveException(archive, null, "archive " + archive + " is not a tar archive: " + what
                    + " does not start with a tar header (a compressed single file, such as a patch, is not an"
                    + " archive)", "check the URL and sha256; dom0-build extracts " + ArchiveFormat.SUPPORTED
                    + " archives");
        }
    }

    @Override
    public ArchiveItem next() throws IOException {
        TarArchiveEntry entry = tar.getNextEntry();
        if (entry == null) {
            if (tar.endedWithoutMarker) {
                throw new EOFException("the archive ends without the end-of-archive marker (two blocks of zeros)"
                        + " that every tar writer adds");
            }
            return null;
        }
        if (!entry.isCheckSumOK()) {
            throw new IOException("a tar header has a wrong checksum");
        }
        ArchiveItem.Type type = type(entry);
        String special = type == ArchiveItem.Type.SPECIAL ? special(entry.getLinkFlag()) : null;
        return new ArchiveItem(entry.getName(), type, special, entry.getRealSize(),
                entry.getMode() & 07777, entry.getLastModifiedTime(), entry.getLinkName(), -1, content);
    }

    private static ArchiveItem.Type type(TarArchiveEntry entry) {
        return switch (entry.getLinkFlag()) {
            case TarConstants.LF_DIR, GNU_DUMPDIR -> ArchiveItem.Type.DIRECTORY;
            case TarConstants.LF_SYMLINK -> ArchiveItem.Type.SYMLINK;
            case TarConstants.LF_LINK -> ArchiveItem.Type.HARD_LINK;
            // Pre-POSIX tar marks directories only by the trailing slash.
            case TarConstants.LF_OLDNORM, TarConstants.LF_NORMAL, TarConstants.LF_CONTIG,
                    TarConstants.LF_GNUTYPE_SPARSE -> entry.getName().endsWith("/")
                            ? ArchiveItem.Type.DIRECTORY : ArchiveItem.Type.FILE;
            default -> ArchiveItem.Type.SPECIAL;
        };
    }

    private static String special(byte flag) {
        return switch (flag) {
            case TarConstants.LF_CHR -> "character device";
            case TarConstants.LF_BLK -> "block device";
            case TarConstants.LF_FIFO -> "FIFO (named pipe)";
            case 'V' -> "GNU tar volume label";
            case TarConstants.LF_MULTIVOLUME -> "GNU tar multi-volume continuation";
            default -> "tar entry of unknown type " + (flag > 0x20 && flag < 0x7f ? "'" + (char) flag + "'"
                    : String.format("0x%02x", flag & 0xff));
        };
    }

    private static boolean isZero(byte[] block) {
        for (byte b : block) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException ignored) {
            // the archive is being given up on already
        }
    }

    @Override
    public void close() throws IOException {
        tar.close();
    }

    /**
     * commons-compress asks {@code available()} once per entry; on a file channel that costs two
     * system calls (size and position), 160,000 for a kernel tree. The buffered count is a valid
     * answer, and all that tar needs; it only special-cases FileInputStream anyway.
     */
    private static final class BufferedInputStreamWithCheapAvailable extends BufferedInputStream {
        BufferedInputStreamWithCheapAvailable(InputStream in) {
            super(in, BUFFER);
        }

        @Override
        public synchronized int available() {
            return count - pos;
        }
    }

    /**
     * commons-compress takes a short read where a header should be for the end of the archive, so a
     * tar cut off between two entries would pass as complete. Every tar writer ends with zero blocks;
     * this stream remembers whether it saw them.
     */
    private static final class StrictTarInputStream extends TarArchiveInputStream {
        private boolean sawEndMarker;
        private boolean endedWithoutMarker;

        StrictTarInputStream(InputStream in) {
            super(in, TarConstants.DEFAULT_BLKSIZE, TarConstants.DEFAULT_RCDSIZE,
                    StandardCharsets.UTF_8.name(), false);
        }

        @Override
        protected boolean isEOFRecord(byte[] record) {
            if (record == null) {
                endedWithoutMarker |= !sawEndMarker;
                return true;
            }
            boolean end = super.isEOFRecord(record);
            sawEndMarker |= end;
            return end;
        }
    }
}
