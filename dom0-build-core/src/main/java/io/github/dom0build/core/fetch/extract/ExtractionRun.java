package io.github.dom0build.core.fetch.extract;

import io.github.dom0build.core.fetch.extract.ExtractedTree.Kind;
import io.github.dom0build.core.fetch.extract.ExtractedTree.Node;
import io.github.dom0build.core.fetch.extract.EntryPaths.UnsafePathException;
import io.github.dom0build.core.io.FileTrees;
import io.github.dom0build.core.log.BuildLog;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.zip.CRC32;

/**
 * One extraction into one fresh directory: applies every rule to each entry, writes it, and at the
 * end sets directory metadata and strips the single top-level directory. Not thread-safe; used once.
 */
final class ExtractionRun {
    private static final int COPY_BUFFER = 1 << 18;
    private static final int DEFAULT_DIRECTORY_MODE = 0755;
    private static final Set<OpenOption> CREATE_FILE = Set.of(StandardOpenOption.CREATE_NEW,
            StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
    private static final FileAttribute<?>[] NO_ATTRIBUTES = {};

    private final Path archive;
    private final Path dest;
    private final ExtractionLimits limits;
    private final BuildLog log;
    private final boolean posix;
    private final ExtractedTree tree = new ExtractedTree();
    private final byte[] buffer = new byte[COPY_BUFFER];
    // Setting both times spares the JDK a stat per file; access time "now" is what tar leaves too.
    private final FileTime accessTime = FileTime.from(Instant.now());
    private final int creationMask;

    private long entries;
    private long bytes;
    private long droppedGitMetadata;
    private String firstGitMetadata;
    // Entries come grouped by directory; the parents of the previous entry are known to be sound.
    private String checkedParent = "";
    private Path stripHolder;
    private final boolean stripTopLevel;
    // The archive is a root file system (dom0-build's own artifacts): an absolute link target means a
    // path from that root, as /usr/bin/pygrub -> /usr/lib/xen/bin/pygrub in Xen's install tree.
    private final boolean rootFileSystem;
    private static final String ROOT_LEVEL_LINK = "link-at-the-root";

    ExtractionRun(Path archive, Path dest, ExtractionLimits limits, BuildLog log, boolean stripTopLevel,
            boolean rootFileSystem) {
        this.stripTopLevel = stripTopLevel;
        this.rootFileSystem = rootFileSystem;
        this.archive = archive;
        this.dest = dest;
        this.limits = limits;
        this.log = log;
        this.posix = dest.getFileSystem().supportedFileAttributeViews().contains("posix");
        this.creationMask = posix ? CreationMask.probe(dest) : CreationMask.UNKNOWN;
    }

    void add(ArchiveItem item) throws ArchiveException {
        String name = item.name();
        if (++entries > limits.maxEntries()) {
            throw ArchiveErrors.tooManyEntries(archive, name, limits);
        }
        if (item.type() == ArchiveItem.Type.SPECIAL) {
            throw ArchiveErrors.specialFile(archive, name, item.special());
        }
        String path = normalize(name);
        if (isGitMetadata(path)) {
            if (droppedGitMetadata++ == 0) {
                firstGitMetadata = name;
            }
            return;
        }
        if (path.isEmpty()) {
            root(item);
            return;
        }
        Path target = resolve(name, path);
        ensureParents(name, path);
        switch (item.type()) {
            case DIRECTORY -> directory(item, path, target);
            case FILE -> file(item, path, target);
            case SYMLINK -> symlink(item, path, target, item.linkTarget(), null);
            case HARD_LINK -> hardLink(item, path, target);
            default -> throw new IllegalStateException("unexpected entry type " + item.type());
        }
    }

    private String normalize(String name) throws ArchiveException {
        try {
            return EntryPaths.normalize(name);
        } catch (UnsafePathException e) {
            throw ArchiveErrors.unsafeEntry(archive, name, e.getMessage());
        }
    }

    // "./" in archives made with "tar -C dir ." describes the destination itself.
    private void root(ArchiveItem item) throws ArchiveException {
        if (item.type() != ArchiveItem.Type.DIRECTORY) {
            throw ArchiveErrors.unsafeEntry(archive, item.name(), "names the destination directory itself, but is"
                    + " not a directory");
        }
        Node earlier = tree.add("", new Node(Kind.DIRECTORY, item.name(), item.mode(), item.mtime(), null, null));
        if (earlier != null) {
            throw ArchiveErrors.duplicate(archive, item.name(), earlier.entry());
        }
    }

    private Path resolve(String name, String path) throws ArchiveException {
        Path target;
        try {
            target = dest.resolve(path);
        } catch (InvalidPathException e) {
            throw ArchiveErrors.invalidName(archive, name, e);
        }
        // The lexical check already guarantees this; a second opinion costs little.
        Path normalized = target.normalize();
        if (!normalized.startsWith(dest) || normalized.equals(dest)) {
            throw ArchiveErrors.unsafeEntry(archive, name, "would be written outside the destination directory");
        }
        return target;
    }

    /** Creates missing parent directories; refuses to go through a link or a file from the archive. */
    private void ensureParents(String name, String path) throws ArchiveException {
        int last = path.lastIndexOf('/');
        if (last < 0 || path.regionMatches(0, checkedParent, 0, last) && checkedParent.length() == last) {
            return;
        }
        for (int slash = path.indexOf('/'); slash >= 0 && slash <= last; slash = path.indexOf('/', slash + 1)) {
            String parent = path.substring(0, slash);
            Node node = tree.get(parent);
            if (node == null) {
                Path dir = dest.resolve(parent);
                try {
                    Files.createDirectory(dir);
                } catch (IOException e) {
                    throw ArchiveErrors.cannotWrite(archive, name, dir, e);
                }
                tree.add(parent, Node.IMPLIED);
            } else if (node.kind() == Kind.SYMLINK) {
                throw ArchiveErrors.unsafeEntry(archive, name, "would be written through the symbolic link "
                        + ArchiveErrors.quote(parent) + " (-> " + ArchiveErrors.quote(node.linkTarget())
                        + ") that the earlier entry "
                        + ArchiveErrors.quote(node.entry()) + " created; dom0-build never writes through links"
                        + " from an archive");
            } else if (node.kind() == Kind.FILE) {
                throw ArchiveErrors.unsafeEntry(archive, name, "would be created inside " + ArchiveErrors.quote(parent)
                        + ", which"
                        + " the earlier entry " + ArchiveErrors.quote(node.entry()) + " made a file, not a"
                        + " directory");
            }
        }
        checkedParent = path.substring(0, last);
    }

    private void directory(ArchiveItem item, String path, Path target) throws ArchiveException {
        Node node = new Node(Kind.DIRECTORY, item.name(), item.mode(), item.mtime(), null, null);
        Node earlier = tree.get(path);
        if (earlier == null) {
            try {
                Files.createDirectory(target);
            } catch (IOException e) {
                throw ArchiveErrors.cannotWrite(archive, item.name(), target, e);
            }
        }
        claim(item, path, node);
    }

    private void claim(ArchiveItem item, String path, Node node) throws ArchiveException {
        Node earlier = tree.add(path, node);
        if (earlier == null) {
            return;
        }
        if (earlier.kind() == Kind.IMPLIED_DIRECTORY) {
            throw ArchiveErrors.unsafeEntry(archive, item.name(), "is not a directory, but earlier entries already"
                    + " put files inside " + ArchiveErrors.quote(path + "/")
                    + "; dom0-build refuses archives whose entries would"
                    + " overwrite each other");
        }
        throw ArchiveErrors.duplicate(archive, item.name(), earlier.entry());
    }

    private void file(ArchiveItem item, String path, Path target) throws ArchiveException {
        claim(item, path, new Node(Kind.FILE, item.name(), -1, null, null, null));
        if (item.size() > limits.maxBytes() - bytes) {
            throw ArchiveErrors.tooLarge(archive, item.name(), limits, bytes + item.size());
        }
        // Most modes survive the umask when given to open(2), which saves a chmod per file. Modes
        // without owner read are set last instead: setting the times has to open the file.
        int mode = posix ? item.mode() : -1;
        boolean modeAtCreation = mode >= 0 && (mode & 0400) != 0 && CreationMask.keeps(creationMask, mode);
        InputStream in;
        try {
            in = item.content().open();
        } catch (IOException | RuntimeException e) {
            throw ArchiveErrors.corruptAt(archive, item.name(), e);
        }
        try {
            copy(item, in, target, modeAtCreation ? mode : -1);
        } finally {
            closeQuietly(in);
        }
        setTimes(item, target, false);
        if (mode >= 0 && !modeAtCreation) {
            try {
                Files.getFileAttributeView(target, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                        .setPermissions(PosixModes.permissions(mode));
            } catch (IOException e) {
                throw ArchiveErrors.cannotWrite(archive, item.name(), target, e);
            }
        }
    }

    // Counts what is written, not what headers claim: a bomb cannot lie its way past the limit.
    private void copy(ArchiveItem item, InputStream in, Path target, int mode) throws ArchiveException {
        CRC32 crc = item.crc() >= 0 ? new CRC32() : null;
        FileAttribute<?>[] attributes = mode < 0 ? NO_ATTRIBUTES
                : new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixModes.permissions(mode))};
        try (FileChannel out = FileChannel.open(target, CREATE_FILE, attributes)) {
            while (true) {
                int n;
                try {
                    n = in.read(buffer);
                } catch (IOException | RuntimeException e) {
                    throw ArchiveErrors.corruptAt(archive, item.name(), e);
                }
                if (n < 0) {
                    break;
                }
                if (n > limits.maxBytes() - bytes) {
                    throw ArchiveErrors.tooLarge(archive, item.name(), limits, bytes + n);
                }
                if (crc != null) {
                    crc.update(buffer, 0, n);
                }
                ByteBuffer data = ByteBuffer.wrap(buffer, 0, n);
                while (data.hasRemaining()) {
                    out.write(data);
                }
                bytes += n;
            }
        } catch (IOException e) {
            throw ArchiveErrors.cannotWrite(archive, item.name(), target, e);
        }
        if (crc != null && crc.getValue() != item.crc()) {
            throw ArchiveErrors.corruptAt(archive, item.name(), new IOException(String.format(
                    "its data has CRC-32 %08x, but the archive says %08x", crc.getValue(), item.crc())));
        }
    }

    /** Creates a symbolic link; {@code copyOf} names the link entry when a hard link duplicates one. */
    private void symlink(ArchiveItem item, String path, Path target, String linkTarget, String copyOf)
            throws ArchiveException {
        if (linkTarget == null) {
            throw ArchiveErrors.unsafeEntry(archive, item.name(), "is a symbolic link without a target");
        }
        String resolved;
        try {
            resolved = rootFileSystem && linkTarget.startsWith("/")
                    ? EntryPaths.resolveLinkTarget(ROOT_LEVEL_LINK, linkTarget.replaceFirst("^/+", ""),
                            tree::isDirectory)
                    : EntryPaths.resolveLinkTarget(path, linkTarget, tree::isDirectory);
        } catch (UnsafePathException e) {
            String rule = copyOf == null ? e.getMessage() : "is a hard link to the symbolic link "
                    + ArchiveErrors.quote(copyOf) + ", which here " + e.getMessage().replaceFirst("^is ", "would be ");
            throw ArchiveErrors.unsafeEntry(archive, item.name(), rule);
        }
        claim(item, path, new Node(Kind.SYMLINK, item.name(), -1, null, linkTarget, resolved));
        try {
            Files.createSymbolicLink(target, target.getFileSystem().getPath(linkTarget));
        } catch (InvalidPathException e) {
            throw ArchiveErrors.invalidName(archive, item.name(), e);
        } catch (IOException | UnsupportedOperationException e) {
            throw ArchiveErrors.cannotWrite(archive, item.name(), target,
                    e instanceof IOException io ? io : new IOException(e.getMessage(), e));
        }
        setTimes(item, target, true);
    }

    private void hardLink(ArchiveItem item, String path, Path target) throws ArchiveException {
        String linkName = item.linkTarget() == null ? "" : item.linkTarget();
        Node existing;
        String existingPath;
        try {
            existingPath = EntryPaths.normalize(linkName);
            existing = existingPath.isEmpty() ? null : tree.get(existingPath);
        } catch (UnsafePathException e) {
            existingPath = null;
            existing = null;
        }
        if (existing == null) {
            throw ArchiveErrors.unsafeEntry(archive, item.name(), "is a hard link to " + ArchiveErrors.quote(linkName)
                    + ", which is not an entry extracted earlier from this archive; hard links may only point to"
                    + " files from the same archive");
        }
        if (existing.isDirectory()) {
            throw ArchiveErrors.unsafeEntry(archive, item.name(), "is a hard link to the directory "
                    + ArchiveErrors.quote(linkName) + "; hard links to directories are not allowed");
        }
        if (existing.kind() == Kind.SYMLINK) {
            // The copy's relative target resolves from a different directory, so check it again.
            symlink(item, path, target, existing.linkTarget(), existing.entry());
            return;
        }
        claim(item, path, new Node(Kind.FILE, item.name(), -1, null, null, null));
        Path source = dest.resolve(existingPath);
        try {
            Files.createLink(target, source);
        } catch (IOException | UnsupportedOperationException e) {
            throw ArchiveErrors.cannotWrite(archive, item.name(), target,
                    e instanceof IOException io ? io : new IOException(e.getMessage(), e));
        }
    }

    private void setTimes(ArchiveItem item, Path target, boolean isLink) throws ArchiveException {
        if (item.mtime() == null) {
            return;
        }
        try {
            Files.getFileAttributeView(target, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                    .setTimes(item.mtime(), accessTime, null);
        } catch (IOException | UnsupportedOperationException e) {
            if (!isLink) {
                throw ArchiveErrors.cannotWrite(archive, item.name(), target,
                        e instanceof IOException io ? io : new IOException(e.getMessage(), e));
            }
            // Not every platform can set a link's own time, and nothing reads it.
            log.debug("cannot set the modification time of link " + target + ": " + e.getMessage());
        }
    }

    /**
     * A {@code .git} anywhere in the path: a {@code .git} file ({@code gitdir: ../../.git}) or directory
     * from an archive would make git and JGit in the tree work on a repository the archive chose.
     */
    private static boolean isGitMetadata(String path) {
        for (String part : path.split("/")) {
            if (part.equalsIgnoreCase(".git")) {
                return true;
            }
        }
        return false;
    }

    /** Completes the tree: checks what stripping needs, strips, then applies directory metadata. */
    ExtractionResult finish() throws ArchiveException {
        if (droppedGitMetadata > 0) {
            log.warn("Left out " + droppedGitMetadata + " entr" + (droppedGitMetadata == 1 ? "y" : "ies") + " of git"
                    + " metadata from " + archive.getFileName() + " (the first: "
                    + ArchiveErrors.quote(firstGitMetadata)
                    + "): a source tree from an archive never carries a .git, which could point git and the patch"
                    + " goal at another repository");
        }
        if (entries == 0) {
            throw ArchiveErrors.emptyArchive(archive);
        }
        String top = stripTopLevel ? tree.singleTopLevelDirectory() : null;
        if (top != null) {
            requireLinksInside(top);
            strip(top);
        }
        applyDirectoryMetadata(top);
        return new ExtractionResult(entries, bytes, top);
    }

    // A link that climbs out of the top directory would, once that directory is the destination, leave it.
    private void requireLinksInside(String top) throws ArchiveException {
        for (Node node : tree.nodes().values()) {
            if (node.kind() == Kind.SYMLINK && !node.resolvedTarget().equals(top)
                    && !node.resolvedTarget().startsWith(top + "/")) {
                throw ArchiveErrors.unsafeEntry(archive, node.entry(), "is a symbolic link to "
                        + ArchiveErrors.quote(node.linkTarget()) + ", which points outside the top-level directory "
                        + ArchiveErrors.quote(top + "/")
                        + "; that directory is stripped, so the link would leave the destination");
            }
        }
    }

    // Renames instead of moving 80,000 entries: dest -> holder, holder/top -> dest.
    private void strip(String top) throws ArchiveException {
        // Named after dest, so that whoever sweeps up dest's leftovers after a kill finds it too.
        stripHolder = dest.resolveSibling(dest.getFileName() + ".strip-" + UUID.randomUUID());
        try {
            Files.move(dest, stripHolder, StandardCopyOption.ATOMIC_MOVE);
            Files.move(stripHolder.resolve(top), dest, StandardCopyOption.ATOMIC_MOVE);
            Files.delete(stripHolder);
            stripHolder = null;
        } catch (IOException e) {
            throw new ArchiveException(archive, null, "cannot strip the top-level directory "
                    + ArchiveErrors.quote(top + "/") + " of"
                    + " archive " + archive + " in " + dest.getParent() + ": " + ArchiveErrors.describe(e),
                    "check permissions on " + dest.getParent(), e);
        }
    }

    // Last, because writing into a directory changes its mtime and a read-only one would stop us.
    private void applyDirectoryMetadata(String strippedTop) throws ArchiveException {
        List<Map.Entry<String, Node>> dirs = new ArrayList<>();
        for (Map.Entry<String, Node> e : tree.nodes().entrySet()) {
            if (e.getValue().kind() == Kind.DIRECTORY) {
                dirs.add(e);
            }
        }
        dirs.sort(Comparator.comparingInt((Map.Entry<String, Node> e) -> depth(e.getKey())).reversed());
        for (Map.Entry<String, Node> e : dirs) {
            Path dir = finalLocation(e.getKey(), strippedTop);
            if (dir == null) {
                continue;
            }
            Node node = e.getValue();
            try {
                if (posix) {
                    int mode = node.mode() >= 0 ? node.mode() : DEFAULT_DIRECTORY_MODE;
                    Files.getFileAttributeView(dir, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                            .setPermissions(PosixModes.permissions(mode | PosixModes.OWNER_ALL));
                }
                if (node.mtime() != null) {
                    Files.getFileAttributeView(dir, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                            .setTimes(node.mtime(), accessTime, null);
                }
            } catch (IOException e2) {
                throw ArchiveErrors.cannotWrite(archive, node.entry(), dir, e2);
            }
        }
    }

    /** Where {@code path} ended up after stripping, or {@code null} if it was stripped away. */
    private Path finalLocation(String path, String strippedTop) {
        if (strippedTop == null) {
            return path.isEmpty() ? dest : dest.resolve(path);
        }
        if (path.equals(strippedTop)) {
            return dest;
        }
        return path.startsWith(strippedTop + "/") ? dest.resolve(path.substring(strippedTop.length() + 1)) : null;
    }

    private static int depth(String path) {
        if (path.isEmpty()) {
            return 0;
        }
        int depth = 1;
        for (int i = 0; i < path.length(); i++) {
            if (path.charAt(i) == '/') {
                depth++;
            }
        }
        return depth;
    }

    /** Removes everything this run created; used when it fails, so no half-extracted tree remains. */
    void discard(Exception failure) {
        for (Path path : new Path[] {dest, stripHolder}) {
            if (path == null) {
                continue;
            }
            try {
                FileTrees.deleteRecursively(path);
            } catch (IOException | RuntimeException e) {
                log.warn("could not remove the partly extracted " + path + ": " + e.getMessage()
                        + "; delete it by hand");
                if (failure != null) {
                    failure.addSuppressed(e);
                }
            }
        }
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException ignored) {
            // only read from; nothing can be lost
        }
    }
}
