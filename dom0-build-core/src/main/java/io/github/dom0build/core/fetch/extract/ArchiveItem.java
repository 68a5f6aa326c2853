package io.github.dom0build.core.fetch.extract;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.attribute.FileTime;

/**
 * One entry as an archive describes it, before any checks: the common ground of tar and zip.
 *
 * @param name        the name exactly as stored, for messages
 * @param type        what the entry creates
 * @param special     for {@link Type#SPECIAL}, what it is ("character device"); otherwise {@code null}
 * @param size        the size the header claims (not trusted: bytes are counted while copying)
 * @param mode        the Unix permission bits, or -1 when the archive does not record them
 * @param mtime       the modification time, or {@code null}
 * @param linkTarget  for links, the target as stored; otherwise {@code null}
 * @param crc         the CRC-32 the content must have (zip), or -1 when the format checks it itself
 * @param content     opens the entry's data; the caller closes what it returns
 */
record ArchiveItem(String name, Type type, String special, long size, int mode, FileTime mtime, String linkTarget,
        long crc, Content content) {

    enum Type {
        FILE, DIRECTORY, SYMLINK, HARD_LINK, SPECIAL
    }

    @FunctionalInterface
    interface Content {
        InputStream open() throws IOException;
    }
}
