package io.github.dom0build.core.bootroot;

import io.github.dom0build.core.fetch.extract.ArchiveException;
import io.github.dom0build.core.fetch.extract.ArchiveFormat;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

/**
 * A root file system in a tar (plain, gzip, xz or bzip2), as mmdebstrap writes it or a user downloads
 * it: owners, modes, device nodes and hard links as the tar has them. Entries are read in the tar's
 * order; a name that climbs out of the root ({@code ..}) is refused, since nothing may land outside
 * the image.
 */
public final class TarRootSource implements RootSource {
    private final Path tar;

    public TarRootSource(Path tar) {
        this.tar = tar;
    }

    @Override
    public String describe() {
        return tar.toString();
    }

    @Override
    public void read(Visitor visitor) throws IOException {
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(tar), 1 << 16);
                TarArchiveInputStream in = new TarArchiveInputStream(decompressed(raw))) {
            TarArchiveEntry e;
            while ((e = in.getNextEntry()) != null) {
                String path = RootPaths.normalize(e.getName(), tar);
                if (path.isEmpty()) {
                    continue; // the root directory itself
                }
                RootEntry entry = toEntry(e, path);
                visitor.visit(entry, in);
            }
        }
    }

    private RootEntry toEntry(TarArchiveEntry e, String path) throws IOException {
        int mode = e.getMode() & 07777;
        int uid = (int) e.getLongUserId();
        int gid = (int) e.getLongGroupId();
        if (e.isDirectory()) {
            return new RootEntry(path, RootEntry.Type.DIRECTORY, mode, uid, gid, 0, null, 0, 0);
        }
        if (e.isSymbolicLink()) {
            return new RootEntry(path, RootEntry.Type.SYMLINK, 0777, uid, gid, 0, e.getLinkName(), 0, 0);
        }
        if (e.isLink()) {
            return new RootEntry(path, RootEntry.Type.HARD_LINK, mode, uid, gid, 0,
                    RootPaths.normalize(e.getLinkName(), tar), 0, 0);
        }
        if (e.isCharacterDevice() || e.isBlockDevice() || e.isFIFO()) {
            RootEntry.Type t = e.isCharacterDevice() ? RootEntry.Type.CHAR_DEVICE
                    : e.isBlockDevice() ? RootEntry.Type.BLOCK_DEVICE : RootEntry.Type.FIFO;
            return new RootEntry(path, t, mode, uid, gid, 0, null, e.getDevMajor(), e.getDevMinor());
        }
        if (e.isFile()) {
            return new RootEntry(path, RootEntry.Type.FILE, mode, uid, gid, e.getSize(), null, 0, 0);
        }
        throw new IOException(tar + ": entry " + RootPaths.printable(e.getName()) + " is of a kind a root file"
                + " system image cannot hold");
    }

    private InputStream decompressed(InputStream raw) throws IOException {
        ArchiveFormat format;
        try {
            format = ArchiveFormat.detect(tar);
        } catch (ArchiveException e) {
            throw new IOException(e.getMessage(), e);
        }
        return switch (format) {
            case TAR -> raw;
            case TAR_GZIP -> new GzipCompressorInputStream(raw, true);
            case TAR_XZ -> new XZCompressorInputStream(raw);
            case TAR_BZIP2 -> new BZip2CompressorInputStream(raw, true);
            default -> throw new IOException(tar + " is a " + format.displayName() + ", not a tar: a root file"
                    + " system needs a tar's owners, modes and device nodes");
        };
    }
}
