package io.github.dom0build.core.archive;

import io.github.dom0build.core.BuildException;
import io.github.dom0build.core.io.FileTrees;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.zip.Deflater;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipParameters;

/**
 * Writes a staged tree as a bit-reproducible {@code .tar.gz}: entries in {@link TreeScanner}'s order,
 * every mtime set to the build timestamp, uid and gid 0 with no user or group names, modes
 * normalised, GNU long names (no per-run PAX data), and a gzip header without time or file name. The
 * same tree and timestamp give the same bytes.
 */
public final class ReproducibleTarGz {
    private ReproducibleTarGz() {
    }

    public static void write(Path root, List<TreeEntry> entries, Instant mtime, Path out) throws BuildException {
        Path tmp = out.resolveSibling("." + out.getFileName() + ".tmp-" + UUID.randomUUID());
        try {
            Files.createDirectories(out.toAbsolutePath().getParent());
            GzipParameters gz = new GzipParameters();
            gz.setCompressionLevel(Deflater.BEST_COMPRESSION);
            gz.setModificationTime(0);
            gz.setFileName(null);
            gz.setOperatingSystem(3); // Unix, whatever the build host
            try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(tmp, StandardOpenOption.CREATE_NEW),
                    1 << 16);
                    TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(file, gz))) {
                tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_GNU);
                tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_STAR);
                Date time = Date.from(mtime);
                for (TreeEntry e : entries) {
                    TarArchiveEntry t = switch (e.kind()) {
                        case DIRECTORY -> new TarArchiveEntry(e.path() + "/");
                        case SYMLINK -> {
                            TarArchiveEntry l = new TarArchiveEntry(e.path(), TarArchiveEntry.LF_SYMLINK);
                            l.setLinkName(e.linkTarget());
                            yield l;
                        }
                        case FILE -> {
                            TarArchiveEntry f = new TarArchiveEntry(e.path());
                            f.setSize(e.size());
                            yield f;
                        }
                    };
                    t.setMode((e.kind() == TreeEntry.Kind.DIRECTORY ? 040000
                            : e.kind() == TreeEntry.Kind.SYMLINK ? 0120000 : 0100000) | e.mode());
                    t.setModTime(time);
                    t.setIds(0, 0);
                    t.setUserName("");
                    t.setGroupName("");
                    tar.putArchiveEntry(t);
                    if (e.kind() == TreeEntry.Kind.FILE) {
                        try (InputStream in = Files.newInputStream(root.resolve(e.path()))) {
                            in.transferTo(tar);
                        }
                    }
                    tar.closeArchiveEntry();
                }
                tar.finish();
            }
            FileTrees.atomicRename(tmp, out);
        } catch (IOException e) {
            throw new BuildException("Cannot write the archive " + out + ": " + e.getMessage(),
                    "check that the target directory is writable and the disk has room", e);
        } finally {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // best effort: a leftover temporary file is harmless
            }
        }
    }
}
