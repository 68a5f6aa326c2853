package io.github.dom0build.core.fetch.extract;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.compress.archivers.zip.AsiExtraField;
import org.apache.commons.compress.archivers.zip.UnixStat;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;

/** Builds zip archives entry by entry, hostile ones included. */
final class ZipBuilder {
    private record Entry(ZipArchiveEntry header, byte[] data) {
    }

    private final List<Entry> entries = new ArrayList<>();

    ZipBuilder dir(String name, int mode) {
        ZipArchiveEntry e = entry(name.endsWith("/") ? name : name + "/");
        e.setUnixMode(UnixStat.DIR_FLAG | mode);
        return add(e, new byte[0]);
    }

    ZipBuilder file(String name, String content) {
        return file(name, content, 0644);
    }

    ZipBuilder file(String name, String content, int mode) {
        return file(name, content.getBytes(StandardCharsets.UTF_8), mode);
    }

    ZipBuilder file(String name, byte[] content, int mode) {
        ZipArchiveEntry e = entry(name);
        e.setUnixMode(UnixStat.FILE_FLAG | mode);
        return add(e, content);
    }

    /** A file from a zip tool that records no Unix mode (as on Windows). */
    ZipBuilder plainFile(String name, String content) {
        return add(entry(name), content.getBytes(StandardCharsets.UTF_8));
    }

    /** A symbolic link as Info-ZIP stores it: Unix mode in the external attributes, target as data. */
    ZipBuilder symlink(String name, String target) {
        ZipArchiveEntry e = entry(name);
        e.setUnixMode(UnixStat.LINK_FLAG | 0777);
        return add(e, target.getBytes(StandardCharsets.UTF_8));
    }

    /** A symbolic link recorded only in the ASi Unix extra field (no Unix external attributes). */
    ZipBuilder asiSymlink(String name, String target) {
        ZipArchiveEntry e = entry(name);
        AsiExtraField asi = new AsiExtraField();
        asi.setLinkedFile(target);
        asi.setMode(0777);
        e.addExtraField(asi);
        return add(e, target.getBytes(StandardCharsets.UTF_8));
    }

    /** An entry whose Unix mode carries the given file type bits (FIFO, device). */
    ZipBuilder withUnixType(String name, int typeAndMode) {
        ZipArchiveEntry e = entry(name);
        e.setUnixMode(typeAndMode);
        return add(e, new byte[0]);
    }

    ZipBuilder stored(String name, String content) {
        ZipArchiveEntry e = entry(name);
        e.setUnixMode(UnixStat.FILE_FLAG | 0644);
        e.setMethod(ZipArchiveEntry.STORED);
        return add(e, content.getBytes(StandardCharsets.UTF_8));
    }

    private static ZipArchiveEntry entry(String name) {
        ZipArchiveEntry e = new ZipArchiveEntry(name);
        e.setLastModifiedTime(FileTime.from(TarBuilder.MTIME));
        return e;
    }

    private ZipBuilder add(ZipArchiveEntry header, byte[] data) {
        entries.add(new Entry(header, data));
        return this;
    }

    Path write(Path file) throws IOException {
        try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(file)) {
            for (Entry entry : entries) {
                ZipArchiveEntry header = entry.header();
                if (header.getMethod() == ZipArchiveEntry.STORED) {
                    java.util.zip.CRC32 crc = new java.util.zip.CRC32();
                    crc.update(entry.data());
                    header.setSize(entry.data().length);
                    header.setCrc(crc.getValue());
                }
                zip.putArchiveEntry(header);
                zip.write(entry.data());
                zip.closeArchiveEntry();
            }
        }
        return file;
    }
}
