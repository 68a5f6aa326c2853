package io.github.dom0build.core.bootroot;

/**
 * One entry of a root file system as a boot image needs it: a relative path without a leading slash
 * or {@code ./}, the kind, permission bits (set-id bits included), owner, and for links their target,
 * for device nodes their numbers, for regular files their size.
 */
public record RootEntry(String path, Type type, int mode, int uid, int gid, long size, String linkTarget, int major,
        int minor) {

    /** The kinds of entry a root holds. A hard link names the earlier entry it shares data with. */
    public enum Type {
        DIRECTORY, FILE, SYMLINK, HARD_LINK, CHAR_DEVICE, BLOCK_DEVICE, FIFO
    }

    public static RootEntry directory(String path, int mode) {
        return new RootEntry(path, Type.DIRECTORY, mode, 0, 0, 0, null, 0, 0);
    }

    public static RootEntry file(String path, int mode, long size) {
        return new RootEntry(path, Type.FILE, mode, 0, 0, size, null, 0, 0);
    }

    public static RootEntry symlink(String path, String target) {
        return new RootEntry(path, Type.SYMLINK, 0777, 0, 0, 0, target, 0, 0);
    }

    /** The same entry at another path (where a link in the base root sends it). */
    public RootEntry at(String newPath) {
        return new RootEntry(newPath, type, mode, uid, gid, size, linkTarget, major, minor);
    }

    public boolean isDirectory() {
        return type == Type.DIRECTORY;
    }
}
