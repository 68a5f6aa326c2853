package io.github.dom0build.core.fetch.extract;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import org.apache.commons.compress.archivers.zip.AsiExtraField;
import org.apache.commons.compress.archivers.zip.UnixStat;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveInputStream;
import org.apache.commons.compress.archivers.zip.ZipExtraField;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.archivers.zip.ZipMethod;

/**
 * A zip archive, read through its central directory (random access, the authoritative list of
 * entries). Unix modes and symbolic links come from the external attributes that Info-ZIP writes,
 * or from the older ASi extra field; commons-compress does not check CRCs, so items carry theirs.
 */
final class ZipEntrySource implements EntrySource {
    private static final int SOCKET_FLAG = 0140000;
    private static final int BLOCK_DEVICE_FLAG = 0060000;
    private static final int CHAR_DEVICE_FLAG = 0020000;
    private static final int FIFO_FLAG = 0010000;

    private final Path archive;
    private final ZipFile zip;
    private final Enumeration<ZipArchiveEntry> entries;

    private ZipEntrySource(Path archive, ZipFile zip) {
        this.archive = archive;
        this.zip = zip;
        this.entries = zip.getEntries();
    }

    static ZipEntrySource open(Path archive, long maxBytes) throws ArchiveException {
        ZipFile zip;
        try {
            zip = ZipFile.builder().setPath(archive).get();
        } catch (IOException | RuntimeException e) {
            throw unreadableDirectory(archive, maxBytes, e);
        }
        if (!zip.getEntries().hasMoreElements()) {
            ZipFile.closeQuietly(zip);
            throw ArchiveErrors.emptyArchive(archive);
        }
        return new ZipEntrySource(archive, zip);
    }

    @Override
    public ArchiveItem next() throws ArchiveException {
        if (!entries.hasMoreElements()) {
            return null;
        }
        ZipArchiveEntry entry = entries.nextElement();
        String name = entry.getName();
        AsiExtraField asi = asiField(entry);
        int mode = entry.getUnixMode() != 0 ? entry.getUnixMode() : asi != null ? asi.getMode() : 0;
        ArchiveItem.Type type = type(entry, mode);
        String special = type == ArchiveItem.Type.SPECIAL ? special(mode) : null;
        if ((type == ArchiveItem.Type.FILE || type == ArchiveItem.Type.SYMLINK) && !zip.canReadEntryData(entry)) {
            throw unsupported(name, entry);
        }
        String linkTarget = type == ArchiveItem.Type.SYMLINK ? linkTarget(entry, asi) : null;
        int permissions = mode == 0 ? -1 : mode & 07777;
        return new ArchiveItem(name, type, special, entry.getSize(), permissions, entry.getLastModifiedTime(),
                linkTarget, entry.getCrc(), () -> zip.getInputStream(entry));
    }

    private static ArchiveItem.Type type(ZipArchiveEntry entry, int mode) {
        return switch (mode & UnixStat.FILE_TYPE_FLAG) {
            case UnixStat.LINK_FLAG -> ArchiveItem.Type.SYMLINK;
            case UnixStat.DIR_FLAG -> ArchiveItem.Type.DIRECTORY;
            case 0, UnixStat.FILE_FLAG -> entry.isDirectory() ? ArchiveItem.Type.DIRECTORY : ArchiveItem.Type.FILE;
            default -> ArchiveItem.Type.SPECIAL;
        };
    }

    private static String special(int mode) {
        return switch (mode & UnixStat.FILE_TYPE_FLAG) {
            case CHAR_DEVICE_FLAG -> "character device";
            case BLOCK_DEVICE_FLAG -> "block device";
            case FIFO_FLAG -> "FIFO (named pipe)";
            case SOCKET_FLAG -> "socket";
            default -> String.format("zip entry of unknown Unix file type 0%o", mode & UnixStat.FILE_TYPE_FLAG);
        };
    }

    private static AsiExtraField asiField(ZipArchiveEntry entry) {
        ZipExtraField field = entry.getExtraField(new AsiExtraField().getHeaderId());
        return field instanceof AsiExtraField asi ? asi : null;
    }

    private String linkTarget(ZipArchiveEntry entry, AsiExtraField asi) throws ArchiveException {
        if (asi != null && asi.isLink() && !asi.getLinkedFile().isEmpty()) {
            return asi.getLinkedFile();
        }
        // Info-ZIP stores the target as the entry's data; read no more than a path can be long.
        try (InputStream in = zip.getInputStream(entry)) {
            byte[] target = in.readNBytes(EntryPaths.MAX_LINK_TARGET + 1);
            return new String(target, StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            throw ArchiveErrors.corruptAt(archive, entry.getName(), e);
        }
    }

    private ArchiveException unsupported(String name, ZipArchiveEntry entry) {
        String why = entry.getGeneralPurposeBit().usesEncryption() ? "is encrypted"
                : "is compressed with zip method " + methodName(entry.getMethod()) + ", which commons-compress"
                        + " cannot decode" + (entry.getMethod() == ZipMethod.ZSTD.getCode()
                                || entry.getMethod() == ZipMethod.ZSTD_DEPRECATED.getCode()
                                        ? " without the native zstd-jni library, which dom0-build does not ship"
                                        : "");
        return new ArchiveException(archive, name, "archive " + archive + ": entry " + ArchiveErrors.quote(name)
                + " " + why, "use a tar.gz, tar.xz or tar.bz2 download of the same sources, or recreate the zip"
                        + " without encryption and with deflate compression");
    }

    private static String methodName(int code) {
        ZipMethod method = ZipMethod.getMethodByCode(code);
        return method == null ? String.valueOf(code) : method + " (" + code + ")";
    }

    /**
     * The central directory sits at the end of a zip, so a cut-off download loses it first. Reading
     * the local headers from the front tells the user where the data stops.
     */
    private static ArchiveException unreadableDirectory(Path archive, long maxBytes, Exception cause) {
        String where = "(its central directory, the index at the end of a zip file, cannot be read)";
        String entry = null;
        boolean inData = false;
        long budget = maxBytes;
        try (ZipArchiveInputStream in = new ZipArchiveInputStream(
                new BufferedInputStream(Files.newInputStream(archive), 1 << 16), "UTF-8", true, true)) {
            ZipArchiveEntry current;
            while ((current = in.getNextEntry()) != null && budget > 0) {
                entry = current.getName();
                inData = true;
                budget -= in.skip(budget);
                inData = false;
            }
            entry = null; // everything before the directory reads fine (or it is a bomb as well)
        } catch (IOException | RuntimeException e) {
            if (entry != null) {
                where = (inData ? "at entry " : "after entry ") + ArchiveErrors.quote(entry) + " (the data stops"
                        + " there, and the central directory at the end of the file cannot be read)";
            }
        }
        // commons-compress says "Archive is not a ZIP archive" here, which reads oddly after detection.
        return ArchiveErrors.corrupt(archive, entry, where,
                new IOException("commons-compress: " + ArchiveErrors.describe(cause), cause));
    }

    @Override
    public void close() throws IOException {
        zip.close();
    }
}
