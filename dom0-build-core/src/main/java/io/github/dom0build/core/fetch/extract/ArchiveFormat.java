package io.github.dom0build.core.fetch.extract;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import org.apache.commons.compress.archivers.tar.TarUtils;

/**
 * The archive formats the extractor reads, told apart by their first bytes. File names are not
 * trusted: mirrors rename files, and an error page saved as {@code .tar.xz} should fail here, with a
 * message that says so, rather than deep inside a decompressor.
 */
public enum ArchiveFormat {
    TAR("tar"),
    TAR_GZIP("tar.gz"),
    TAR_XZ("tar.xz"),
    TAR_BZIP2("tar.bz2"),
    ZIP("zip");

    /** The formats {@link #detect} accepts, for messages. */
    public static final String SUPPORTED = "tar, tar.gz, tar.xz, tar.bz2 and zip";

    private static final int PROBE_LENGTH = 512;
    private static final int TAR_MAGIC_OFFSET = 257;

    private static final byte[] GZIP = {0x1f, (byte) 0x8b};
    private static final byte[] XZ = {(byte) 0xfd, '7', 'z', 'X', 'Z', 0};
    private static final byte[] BZIP2 = {'B', 'Z', 'h'};
    private static final byte[] ZIP_LOCAL_HEADER = {'P', 'K', 3, 4};
    private static final byte[] ZIP_EMPTY = {'P', 'K', 5, 6};
    private static final byte[] ZIP_SPANNED = {'P', 'K', 7, 8};
    // "ustar\0" (POSIX) and "ustar  \0" (old GNU tar) share these five bytes.
    private static final byte[] USTAR = {'u', 's', 't', 'a', 'r'};
    private static final byte[] ZSTD = {0x28, (byte) 0xb5, 0x2f, (byte) 0xfd};

    private final String displayName;

    ArchiveFormat(String displayName) {
        this.displayName = displayName;
    }

    /** The usual file suffix, such as {@code tar.xz}. */
    public String displayName() {
        return displayName;
    }

    /** Reads the first bytes of {@code archive} and tells which supported format it is in. */
    public static ArchiveFormat detect(Path archive) throws ArchiveException {
        byte[] head = readHead(archive);
        if (head.length == 0) {
            throw new ArchiveException(archive, null, "archive " + archive + " is empty (0 bytes)",
                    ArchiveErrors.CORRUPT_FIX);
        }
        if (startsWith(head, GZIP)) {
            return TAR_GZIP;
        }
        if (startsWith(head, XZ)) {
            return TAR_XZ;
        }
        if (startsWith(head, BZIP2) && head.length > 3 && head[3] >= '1' && head[3] <= '9') {
            return TAR_BZIP2;
        }
        if (startsWith(head, ZIP_LOCAL_HEADER) || startsWith(head, ZIP_EMPTY) || startsWith(head, ZIP_SPANNED)) {
            return ZIP;
        }
        if (isTarHeader(head)) {
            return TAR;
        }
        if (isZstd(head)) {
            throw new ArchiveException(archive, null, "archive " + archive + " is zstd-compressed (it starts with"
                    + " the zstd magic 28 b5 2f fd); dom0-build cannot unpack zstd, because commons-compress"
                    + " needs the native zstd-jni library for it and dom0-build does not ship that library",
                    "use the .tar.xz, .tar.gz or .tar.bz2 download of the same release, or recompress this"
                            + " file (zstd -dc " + archive.getFileName() + " | xz > NAME.tar.xz) and point the"
                            + " build at the new file and its sha256");
        }
        throw new ArchiveException(archive, null, "cannot tell what kind of archive " + archive + " is: it starts"
                + " with " + hex(head) + describeUnsupported(head) + ", which matches none of the formats"
                + " dom0-build extracts (" + SUPPORTED + "; recognized by their first bytes, not by the file name)",
                "check the URL and sha256; download a " + SUPPORTED + " file instead");
    }

    private static byte[] readHead(Path archive) throws ArchiveException {
        try (InputStream in = Files.newInputStream(archive)) {
            return in.readNBytes(PROBE_LENGTH);
        } catch (NoSuchFileException e) {
            throw new ArchiveException(archive, null, "archive " + archive + " does not exist",
                    "check the path, or that the download step ran and kept the file", e);
        } catch (IOException e) {
            throw new ArchiveException(archive, null, "cannot read archive " + archive + ": " + e,
                    "check that the file is readable", e);
        }
    }

    /** True for a tar header block: ustar magic, or a valid checksum in a pre-POSIX (v7) header. */
    static boolean isTarHeader(byte[] block) {
        if (block.length < PROBE_LENGTH) {
            return false;
        }
        if (Arrays.equals(block, TAR_MAGIC_OFFSET, TAR_MAGIC_OFFSET + USTAR.length, USTAR, 0, USTAR.length)) {
            return true;
        }
        try {
            return block[0] != 0 && TarUtils.verifyCheckSum(block);
        } catch (IllegalArgumentException e) {
            return false; // the checksum field is not even a number
        }
    }

    private static boolean isZstd(byte[] head) {
        // A frame, or a skippable frame (magic 0x184D2A50..5F, little-endian) in front of one.
        return startsWith(head, ZSTD) || head.length >= 4 && (head[0] & 0xf0) == 0x50 && head[1] == 0x2a
                && head[2] == 0x4d && head[3] == 0x18;
    }

    // Names formats people do run into, so the message says more than "unknown".
    private static String describeUnsupported(byte[] head) {
        String text = new String(head, 0, Math.min(head.length, 64), StandardCharsets.ISO_8859_1).stripLeading();
        if (text.startsWith("<")) {
            return " (it looks like an HTML or XML page, such as an error or login page served instead of the"
                    + " archive)";
        }
        if (startsWith(head, new byte[] {'L', 'Z', 'I', 'P'})) {
            return " (lzip)";
        }
        if (startsWith(head, new byte[] {0x1f, (byte) 0x9d})) {
            return " (Unix compress, .Z)";
        }
        if (startsWith(head, new byte[] {0x04, 0x22, 0x4d, 0x18})) {
            return " (lz4)";
        }
        if (startsWith(head, new byte[] {'7', 'z', (byte) 0xbc, (byte) 0xaf, 0x27, 0x1c})) {
            return " (7-Zip)";
        }
        if (startsWith(head, new byte[] {'R', 'a', 'r', '!'})) {
            return " (RAR)";
        }
        return "";
    }

    private static boolean startsWith(byte[] data, byte[] prefix) {
        return data.length >= prefix.length && Arrays.equals(data, 0, prefix.length, prefix, 0, prefix.length);
    }

    private static String hex(byte[] head) {
        int n = Math.min(head.length, 8);
        return HexFormat.ofDelimiter(" ").formatHex(head, 0, n) + (head.length > n ? " ..." : "");
    }
}
