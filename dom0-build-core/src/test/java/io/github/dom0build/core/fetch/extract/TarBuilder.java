package io.github.dom0build.core.fetch.extract;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorOutputStream;

/** Builds tar archives entry by entry, hostile ones included: names are written exactly as given. */
final class TarBuilder {
    static final Instant MTIME = Instant.parse("2024-01-02T03:04:05Z");

    private record Entry(TarArchiveEntry header, byte[] data) {
    }

    private final List<Entry> entries = new ArrayList<>();

    TarBuilder dir(String name) {
        return dir(name, 0755);
    }

    TarBuilder dir(String name, int mode) {
        TarArchiveEntry e = entry(name.endsWith("/") ? name : name + "/", TarConstants.LF_DIR);
        e.setMode(0040000 | mode);
        return add(e, new byte[0]);
    }

    TarBuilder file(String name, String content) {
        return file(name, content.getBytes(StandardCharsets.UTF_8), 0644);
    }

    TarBuilder file(String name, String content, int mode) {
        return file(name, content.getBytes(StandardCharsets.UTF_8), mode);
    }

    TarBuilder file(String name, byte[] content, int mode) {
        TarArchiveEntry e = entry(name, TarConstants.LF_NORMAL);
        e.setMode(0100000 | mode);
        e.setSize(content.length);
        return add(e, content);
    }

    TarBuilder symlink(String name, String target) {
        TarArchiveEntry e = entry(name, TarConstants.LF_SYMLINK);
        e.setLinkName(target);
        e.setMode(0120777);
        return add(e, new byte[0]);
    }

    TarBuilder hardLink(String name, String target) {
        TarArchiveEntry e = entry(name, TarConstants.LF_LINK);
        e.setLinkName(target);
        e.setMode(0100644);
        return add(e, new byte[0]);
    }

    TarBuilder special(String name, byte type) {
        TarArchiveEntry e = entry(name, type);
        e.setMode(0644);
        if (type == TarConstants.LF_CHR || type == TarConstants.LF_BLK) {
            e.setDevMajor(1);
            e.setDevMinor(3);
        }
        return add(e, new byte[0]);
    }

    /** Applies a change to the last entry added, e.g. its mtime. */
    TarBuilder last(java.util.function.Consumer<TarArchiveEntry> change) {
        change.accept(entries.get(entries.size() - 1).header());
        return this;
    }

    private static TarArchiveEntry entry(String name, byte type) {
        TarArchiveEntry e = new TarArchiveEntry(name, type, true); // true: keep "/abs" as written
        e.setModTime(MTIME.toEpochMilli());
        e.setUserName("root");
        e.setGroupName("root");
        return e;
    }

    private TarBuilder add(TarArchiveEntry header, byte[] data) {
        entries.add(new Entry(header, data));
        return this;
    }

    byte[] tar() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        writeTo(bytes);
        return bytes.toByteArray();
    }

    private void writeTo(OutputStream out) throws IOException {
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            for (Entry entry : entries) {
                tar.putArchiveEntry(entry.header());
                tar.write(entry.data());
                tar.closeArchiveEntry();
            }
        }
    }

    Path writeTar(Path file) throws IOException {
        Files.write(file, tar());
        return file;
    }

    Path writeTarGz(Path file) throws IOException {
        try (OutputStream out = new GzipCompressorOutputStream(Files.newOutputStream(file))) {
            writeTo(out);
        }
        return file;
    }

    Path writeTarXz(Path file) throws IOException {
        try (OutputStream out = new XZCompressorOutputStream(Files.newOutputStream(file))) {
            writeTo(out);
        }
        return file;
    }

    Path writeTarBz2(Path file) throws IOException {
        try (OutputStream out = new BZip2CompressorOutputStream(Files.newOutputStream(file))) {
            writeTo(out);
        }
        return file;
    }
}
