package io.github.dom0build.core.bootroot;

import io.github.dom0build.core.io.FileTrees;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.zip.Deflater;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipParameters;

/**
 * A root as an initramfs: a newc cpio, optionally gzip'd, every entry with the same time, so the same
 * root gives the same bytes. Written next to {@code out} and renamed into place, so a failed or
 * interrupted write leaves no half image behind.
 */
public final class CpioImage {
    /** How the cpio is stored: uncompressed costs disk, gzip costs the booting kernel time to unpack. */
    public enum Compression {
        NONE, GZIP
    }

    /** What was written. */
    public record Written(int entries, long bytes) {
    }

    private CpioImage() {
    }

    public static Written write(RootSource root, Path out, Instant mtime, Compression compression) throws IOException {
        Path tmp = FileTrees.siblingTempPath(out, "cpio");
        int[] count = {0};
        try {
            try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16);
                    CpioWriter cpio = new CpioWriter(compressed(file, compression), mtime.getEpochSecond())) {
                root.read((e, data) -> {
                    count[0]++;
                    switch (e.type()) {
                        case DIRECTORY -> cpio.directory(e.path(), e.mode(), e.uid(), e.gid());
                        case FILE -> cpio.file(e.path(), e.mode(), e.uid(), e.gid(), e.size(), data);
                        case SYMLINK -> cpio.symlink(e.path(), e.linkTarget(), e.uid(), e.gid());
                        case CHAR_DEVICE, BLOCK_DEVICE, FIFO -> cpio.node(e.path(), e.type(), e.mode(), e.uid(),
                                e.gid(), e.major(), e.minor());
                        case HARD_LINK -> throw new IOException("hard link " + RootPaths.printable(e.path())
                                + " reached the cpio writer; compose the root first");
                    }
                });
            }
            FileTrees.atomicRename(tmp, out);
        } finally {
            Files.deleteIfExists(tmp);
        }
        return new Written(count[0], Files.size(out));
    }

    private static OutputStream compressed(OutputStream out, Compression compression) throws IOException {
        if (compression == Compression.NONE) {
            return out;
        }
        GzipParameters gz = new GzipParameters();
        gz.setModificationTime(0);
        gz.setOperatingSystem(3);
        gz.setCompressionLevel(Deflater.BEST_SPEED);
        return new GzipCompressorOutputStream(out, gz);
    }
}
