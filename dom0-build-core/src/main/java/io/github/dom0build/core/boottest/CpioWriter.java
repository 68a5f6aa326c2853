package io.github.dom0build.core.boottest;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The "newc" cpio format the kernel unpacks an initramfs from, written with fixed inode numbers, owner
 * and times so the same contents always give the same bytes.
 */
final class CpioWriter implements AutoCloseable {
    private static final int S_IFDIR = 0040000;
    private static final int S_IFREG = 0100000;
    private static final int S_IFLNK = 0120000;

    private final OutputStream out;
    private final long mtime;
    private long written;
    private int inode = 1;

    CpioWriter(OutputStream out, long mtime) {
        this.out = out;
        this.mtime = mtime;
    }

    void directory(String name, int mode) throws IOException {
        entry(name, S_IFDIR | mode, 2, new byte[0]);
    }

    void file(String name, int mode, byte[] data) throws IOException {
        entry(name, S_IFREG | mode, 1, data);
    }

    void symlink(String name, String target) throws IOException {
        entry(name, S_IFLNK | 0777, 1, target.getBytes(StandardCharsets.UTF_8));
    }

    private void entry(String name, int mode, int nlink, byte[] data) throws IOException {
        byte[] n = (name + "\0").getBytes(StandardCharsets.UTF_8);
        StringBuilder h = new StringBuilder("070701");
        for (long v : new long[] {inode++, mode, 0, 0, nlink, mtime, data.length, 0, 0, 0, 0, n.length, 0}) {
            h.append(String.format("%08x", v));
        }
        write(h.toString().getBytes(StandardCharsets.US_ASCII));
        write(n);
        pad();
        write(data);
        pad();
    }

    private void write(byte[] b) throws IOException {
        out.write(b);
        written += b.length;
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
        entry("TRAILER!!!", 0, 1, new byte[0]);
        out.close();
    }
}
