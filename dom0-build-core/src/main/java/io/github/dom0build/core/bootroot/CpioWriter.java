package io.github.dom0build.core.bootroot;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The "newc" cpio format the kernel unpacks an initramfs from, written with sequential inode numbers
 * and one time for every entry, so the same contents always give the same bytes. Owners and device
 * numbers are kept where the entry has them: a distribution userland has files owned by system groups
 * and the character devices the kernel opens before anything mounts /dev.
 */
public final class CpioWriter implements AutoCloseable {
    private static final int S_IFDIR = 0040000;
    private static final int S_IFREG = 0100000;
    private static final int S_IFLNK = 0120000;
    private static final int S_IFCHR = 0020000;
    private static final int S_IFBLK = 0060000;
    private static final int S_IFIFO = 0010000;

    private final OutputStream out;
    private final long mtime;
    private final byte[] buffer = new byte[1 << 16];
    private long written;
    private int inode = 1;

    public CpioWriter(OutputStream out, long mtime) {
        this.out = out;
        this.mtime = mtime;
    }

    public void directory(String name, int mode) throws IOException {
        directory(name, mode, 0, 0);
    }

    public void directory(String name, int mode, int uid, int gid) throws IOException {
        header(name, S_IFDIR | (mode & 07777), uid, gid, 2, 0, 0, 0);
    }

    public void file(String name, int mode, byte[] data) throws IOException {
        header(name, S_IFREG | (mode & 07777), 0, 0, 1, data.length, 0, 0);
        write(data, data.length);
        pad();
    }

    /** A regular file of {@code size} bytes read from {@code data}, which must hold at least that many. */
    public void file(String name, int mode, int uid, int gid, long size, InputStream data) throws IOException {
        header(name, S_IFREG | (mode & 07777), uid, gid, 1, size, 0, 0);
        long left = size;
        while (left > 0) {
            int n = data.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (n < 0) {
                throw new EOFException(name + " ended " + left + " bytes before its size " + size);
            }
            write(buffer, n);
            left -= n;
        }
        pad();
    }

    public void symlink(String name, String target) throws IOException {
        symlink(name, target, 0, 0);
    }

    public void symlink(String name, String target, int uid, int gid) throws IOException {
        byte[] t = target.getBytes(StandardCharsets.UTF_8);
        header(name, S_IFLNK | 0777, uid, gid, 1, t.length, 0, 0);
        write(t, t.length);
        pad();
    }

    /** A character device, a block device or a FIFO node. */
    public void node(String name, RootEntry.Type type, int mode, int uid, int gid, int major, int minor)
            throws IOException {
        int kind = switch (type) {
            case CHAR_DEVICE -> S_IFCHR;
            case BLOCK_DEVICE -> S_IFBLK;
            case FIFO -> S_IFIFO;
            default -> throw new IllegalArgumentException(type + " is not a node");
        };
        header(name, kind | (mode & 07777), uid, gid, 1, 0, major, minor);
    }

    private void header(String name, int mode, int uid, int gid, int nlink, long size, int rdevMajor, int rdevMinor)
            throws IOException {
        if (size > 0xffffffffL) {
            throw new IOException(name + " is larger than the 4 GiB a newc cpio entry can hold");
        }
        byte[] n = (name + "\0").getBytes(StandardCharsets.UTF_8);
        StringBuilder h = new StringBuilder(110).append("070701");
        for (long v : new long[] {inode++, mode, uid, gid, nlink, mtime, size, 0, 0, rdevMajor, rdevMinor, n.length,
                0}) {
            h.append(String.format("%08x", v));
        }
        byte[] hb = h.toString().getBytes(StandardCharsets.US_ASCII);
        write(hb, hb.length);
        write(n, n.length);
        pad();
    }

    private void write(byte[] b, int length) throws IOException {
        out.write(b, 0, length);
        written += length;
    }

    private void pad() throws IOException {
        while (written % 4 != 0) {
            out.write(0);
            written++;
        }
    }

    @Override
    public void close() throws IOException {
        inode = 0;
        header("TRAILER!!!", 0, 0, 0, 1, 0, 0, 0);
        out.close();
    }
}
