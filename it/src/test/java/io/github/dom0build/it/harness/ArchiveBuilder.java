package io.github.dom0build.it.harness;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.archivers.zip.UnixStat;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;

/**
 * Builds tar.gz, tar and zip archives entry by entry, hostile ones included: names and link targets
 * are written exactly as given ({@code ../x}, {@code /abs}), and device nodes, FIFOs, hard links and
 * duplicates are allowed.
 */
public final class ArchiveBuilder {
    private enum Kind {
        DIR, FILE, SYMLINK, HARD_LINK, CHAR_DEVICE, FIFO
    }

    private record Entry(Kind kind, String name, byte[] data, String link, int mode) {
    }

    private final List<Entry> entries = new ArrayList<>();

    public static ArchiveBuilder create() {
        return new ArchiveBuilder();
    }

    public ArchiveBuilder dir(String name) {
        entries.add(new Entry(Kind.DIR, name.endsWith("/") ? name : name + "/", new byte[0], null, 0755));
        return this;
    }

    public ArchiveBuilder file(String name, String content) {
        return file(name, content.getBytes(StandardCharsets.UTF_8), 0644);
    }

    public ArchiveBuilder file(String name, byte[] content, int mode) {
        entries.add(new Entry(Kind.FILE, name, content, null, mode));
        return this;
    }

    /** A file of {@code size} zero bytes: what decompression bombs are made of. */
    public ArchiveBuilder zeros(String name, int size) {
        return file(name, new byte[size], 0644);
    }

    public ArchiveBuilder symlink(String name, String target) {
        entries.add(new Entry(Kind.SYMLINK, name, new byte[0], target, 0777));
        return this;
    }

    public ArchiveBuilder hardLink(String name, String target) {
        entries.add(new Entry(Kind.HARD_LINK, name, new byte[0], target, 0644));
        return this;
    }

    public ArchiveBuilder charDevice(String name) {
        entries.add(new Entry(Kind.CHAR_DEVICE, name, new byte[0], null, 0666));
        return this;
    }

    public ArchiveBuilder fifo(String name) {
        entries.add(new Entry(Kind.FIFO, name, new byte[0], null, 0644));
        return this;
    }

    public byte[] tar() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        writeTar(bytes);
        return bytes.toByteArray();
    }

    public byte[] tarGz() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream gz = new GzipCompressorOutputStream(bytes)) {
            writeTar(gz);
        }
        return bytes.toByteArray();
    }

    private void writeTar(OutputStream out) throws IOException {
        TarArchiveOutputStream tar = new TarArchiveOutputStream(out);
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        for (Entry e : entries) {
            byte type = switch (e.kind()) {
                case DIR -> TarConstants.LF_DIR;
                case FILE -> TarConstants.LF_NORMAL;
                case SYMLINK -> TarConstants.LF_SYMLINK;
                case HARD_LINK -> TarConstants.LF_LINK;
                case CHAR_DEVICE -> TarConstants.LF_CHR;
                case FIFO -> TarConstants.LF_FIFO;
            };
            TarArchiveEntry h = new TarArchiveEntry(e.name(), type, true); // true: keep "/abs" as written
            h.setMode(e.mode());
            h.setModTime(1_700_000_000_000L);
            if (e.link() != null) {
                h.setLinkName(e.link());
            }
            if (e.kind() == Kind.CHAR_DEVICE) {
                h.setDevMajor(1);
                h.setDevMinor(1);
            }
            if (e.kind() == Kind.FILE) {
                h.setSize(e.data().length);
            }
            tar.putArchiveEntry(h);
            tar.write(e.data());
            tar.closeArchiveEntry();
        }
        tar.finish();
        tar.flush();
    }

    public byte[] zip() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(bytes)) {
            for (Entry e : entries) {
                ZipArchiveEntry h = new ZipArchiveEntry(e.name());
                h.setTime(1_700_000_000_000L);
                byte[] data = e.data();
                switch (e.kind()) {
                    case DIR -> h.setUnixMode(UnixStat.DIR_FLAG | e.mode());
                    case FILE -> h.setUnixMode(UnixStat.FILE_FLAG | e.mode());
                    case SYMLINK -> {
                        h.setUnixMode(UnixStat.LINK_FLAG | 0777);
                        data = e.link().getBytes(StandardCharsets.UTF_8);
                    }
                    case FIFO -> h.setUnixMode(0010000 | e.mode());
                    case CHAR_DEVICE -> h.setUnixMode(0020000 | e.mode());
                    case HARD_LINK -> throw new IllegalArgumentException("zip has no hard links");
                }
                zip.putArchiveEntry(h);
                zip.write(data);
                zip.closeArchiveEntry();
            }
        }
        return bytes.toByteArray();
    }

    /** The first {@code fraction} of the bytes: an archive cut short. */
    public static byte[] truncate(byte[] archive, double fraction) {
        return Arrays.copyOf(archive, (int) (archive.length * fraction));
    }
}
