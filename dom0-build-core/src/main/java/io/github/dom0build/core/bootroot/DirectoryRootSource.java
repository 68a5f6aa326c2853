package io.github.dom0build.core.bootroot;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A root file system in a directory, walked in name order so that two reads give the same entries.
 * With {@code keepOwners} the files' owners are kept (a userland a user unpacked as root); without,
 * every entry belongs to root, as in the plugins' archives (a staged root the build user wrote).
 * Symbolic links are entries, never followed.
 */
public final class DirectoryRootSource implements RootSource {
    private static final int S_IFMT = 0170000;
    private static final int S_IFCHR = 0020000;
    private static final int S_IFBLK = 0060000;
    private static final int S_IFIFO = 0010000;

    private final Path dir;
    private final boolean keepOwners;

    public DirectoryRootSource(Path dir, boolean keepOwners) {
        this.dir = dir;
        this.keepOwners = keepOwners;
    }

    @Override
    public String describe() {
        return dir.toString();
    }

    @Override
    public void read(Visitor visitor) throws IOException {
        walk(dir, "", visitor);
    }

    private void walk(Path d, String prefix, Visitor visitor) throws IOException {
        List<Path> children;
        try (Stream<Path> s = Files.list(d)) {
            children = s.sorted().toList();
        }
        for (Path p : children) {
            String path = prefix + p.getFileName();
            Map<String, Object> a = Files.readAttributes(p, "unix:mode,uid,gid,rdev,size", LinkOption.NOFOLLOW_LINKS);
            int mode = (Integer) a.get("mode");
            int uid = keepOwners ? (Integer) a.get("uid") : 0;
            int gid = keepOwners ? (Integer) a.get("gid") : 0;
            if (Files.isSymbolicLink(p)) {
                visitor.visit(new RootEntry(path, RootEntry.Type.SYMLINK, 0777, uid, gid, 0,
                        Files.readSymbolicLink(p).toString(), 0, 0), InputStream.nullInputStream());
            } else if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                visitor.visit(new RootEntry(path, RootEntry.Type.DIRECTORY, mode & 07777, uid, gid, 0, null, 0, 0),
                        InputStream.nullInputStream());
                walk(p, path + "/", visitor);
            } else if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                long size = (Long) a.get("size");
                try (InputStream in = Files.newInputStream(p)) {
                    visitor.visit(new RootEntry(path, RootEntry.Type.FILE, mode & 07777, uid, gid, size, null, 0, 0),
                            in);
                }
            } else {
                long rdev = (Long) a.get("rdev");
                RootEntry.Type t = switch (mode & S_IFMT) {
                    case S_IFCHR -> RootEntry.Type.CHAR_DEVICE;
                    case S_IFBLK -> RootEntry.Type.BLOCK_DEVICE;
                    case S_IFIFO -> RootEntry.Type.FIFO;
                    default -> throw new IOException(p + " is a socket or another kind of file a root image cannot"
                            + " hold");
                };
                // Linux's dev_t: major in bits 8-19 (and 32-43), minor in bits 0-7 (and 20-31).
                int major = (int) (((rdev >>> 8) & 0xfff) | ((rdev >>> 32) & ~0xfffL));
                int minor = (int) ((rdev & 0xff) | ((rdev >>> 12) & ~0xffL));
                visitor.visit(new RootEntry(path, t, mode & 07777, uid, gid, 0, null, major, minor),
                        InputStream.nullInputStream());
            }
        }
    }
}
