package io.github.dom0build.core.fetch.download;

import io.github.dom0build.core.BuildException;
import io.github.dom0build.core.guard.InsidePaths;
import io.github.dom0build.core.io.FileTrees;
import io.github.dom0build.core.io.Sha256;
import io.github.dom0build.core.log.BuildLog;
import io.github.dom0build.core.text.Urls;
import java.io.IOException;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Downloads shared by every project on the machine (and by several users, when they point
 * cacheDirectory at one directory), keyed by sha256:
 * {@code <root>/sha256/<digest>/<file name>}. An entry appears only complete and verified (downloaded
 * to a temporary file, checked, then renamed), and only one build downloads a given digest at a time
 * (a file lock, which also serves several plugins and threads in one JVM). A hit is verified again,
 * so a damaged entry is replaced rather than trusted.
 */
public final class DownloadCache {
    private static final Pattern UNSAFE = Pattern.compile("[^A-Za-z0-9._+-]");
    private static final long WAIT_STEP_MILLIS = 200;
    private static final String SOURCE_URL = "source-url.txt";

    private final Path root;
    private final BuildLog log;

    public DownloadCache(Path root, BuildLog log) {
        this.root = root.toAbsolutePath().normalize();
        this.log = log;
    }

    public Path root() {
        return root;
    }

    /** Where the entry for this digest and URL lives, whether or not it is there yet. */
    public Path entryFor(URI uri, String sha256) {
        return root.resolve("sha256").resolve(sha256).resolve(fileName(uri));
    }

    /**
     * The verified file for {@code sha256}, downloading it with {@code downloader} when it is not cached
     * yet. Offline, a missing entry is an error that says where the file is expected.
     */
    public Path get(URI uri, String sha256, HttpDownloader downloader, boolean offline) throws BuildException {
        Path entry = entryFor(uri, sha256);
        try {
            // A shared cache is writable by others: every path it writes or reads is checked for planted
            // links, and the lock file is opened without following one.
            InsidePaths.requireNoLinks(root, entry);
            Files.createDirectories(entry.getParent());
            Path lockFile = root.resolve("locks").resolve(sha256 + ".lock");
            InsidePaths.requireNoLinks(root, lockFile);
            Files.createDirectories(lockFile.getParent());
            try (FileChannel ch = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    LinkOption.NOFOLLOW_LINKS); FileLock lock = acquire(ch, uri)) {
                removePartialDownloads(entry.getParent());
                InsidePaths.requireNoLinks(root, entry.resolveSibling(SOURCE_URL));
                if (Files.exists(entry, LinkOption.NOFOLLOW_LINKS)
                        && !Files.isRegularFile(entry, LinkOption.NOFOLLOW_LINKS)) {
                    throw new FileSystemException(entry.toString(), null, "is not a file, and dom0-build never made"
                            + " anything else there");
                }
                if (Files.isRegularFile(entry, LinkOption.NOFOLLOW_LINKS)) {
                    String actual = Sha256.of(entry);
                    if (actual.equals(sha256)) {
                        log.info("Using cached " + Urls.redact(uri.toString()) + " (" + entry + ")");
                        return entry;
                    }
                    log.warn("Cached " + entry + " is damaged (sha256 " + actual + "); downloading it again");
                    Files.delete(entry);
                }
                if (offline) {
                    throw new BuildException("Maven is offline and " + Urls.redact(uri.toString())
                            + " is not in the download cache (expected at "
                            + entry + ").", "run the build once without -o, or copy the file (sha256 " + sha256
                                    + ") to that path");
                }
                return download(uri, sha256, entry, downloader);
            }
        } catch (FileSystemException e) {
            throw new BuildException("The download cache " + root + " cannot be used: " + e.getMessage()
                    + ". Nothing was downloaded or changed there.", "remove " + e.getFile() + " (the cache holds only"
                            + " files dom0-build wrote), or point the cacheDirectory parameter at a directory of your"
                            + " own", e);
        } catch (IOException e) {
            throw new BuildException("The download cache " + root + " cannot be used: " + e, 
                    "make it writable, or point the cacheDirectory parameter somewhere else", e);
        }
    }

    private Path download(URI uri, String sha256, Path entry, HttpDownloader downloader)
            throws BuildException, IOException {
        Path part = entry.resolveSibling("." + entry.getFileName() + ".part-" + UUID.randomUUID());
        try {
            HttpDownloader.Download d = downloader.download(uri, part);
            if (!d.sha256().equals(sha256)) {
                throw new BuildException("sha256 mismatch for " + Urls.redact(uri.toString()) + ": expected " + sha256
                        + ", got " + d.sha256()
                        + " (" + d.size() + " bytes). Nothing was extracted and the cache is unchanged.",
                        "if upstream really changed the file, verify the new one from a trusted source and update"
                                + " sha256; otherwise the download was corrupted or tampered with");
            }
            // Written beside and renamed over: a link planted under this name is replaced, never followed.
            FileTrees.writeAtomically(entry.resolveSibling(SOURCE_URL),
                    (Urls.redact(uri.toString()) + "\n").getBytes(StandardCharsets.UTF_8));
            FileTrees.atomicRename(part, entry);
            return entry;
        } finally {
            Files.deleteIfExists(part);
        }
    }

    /**
     * Partial downloads of this digest that a killed build left behind (its finally never ran). Only a
     * holder of the digest's lock writes them, and this build holds it now, so none of them is in use.
     */
    private void removePartialDownloads(Path entryDir) throws IOException {
        List<Path> partial;
        try (Stream<Path> s = Files.list(entryDir)) {
            partial = s.filter(p -> p.getFileName().toString().matches("\\..*\\.part-.*"))
                    .filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) || Files.isSymbolicLink(p)).sorted()
                    .toList();
        }
        for (Path p : partial) {
            log.warn("Removing the partial download " + p + ", left by an interrupted build");
            Files.deleteIfExists(p);
        }
    }

    // FileChannel.lock both excludes other processes and, through OverlappingFileLockException, other
    // threads (or other plugin class loaders) of this JVM; so poll instead of blocking.
    private FileLock acquire(FileChannel ch, URI uri) throws IOException {
        boolean announced = false;
        while (true) {
            try {
                FileLock lock = ch.tryLock();
                if (lock != null) {
                    return lock;
                }
            } catch (OverlappingFileLockException busyInThisJvm) {
                // held by another thread here; wait like for another process
            }
            if (!announced) {
                log.info("Waiting for another build that is downloading " + Urls.redact(uri.toString()));
                announced = true;
            }
            try {
                Thread.sleep(WAIT_STEP_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException("interrupted while waiting for the cache lock");
            }
        }
    }

    static String fileName(URI uri) {
        String path = uri.getPath();
        String name = path == null ? "" : path.substring(path.lastIndexOf('/') + 1);
        name = UNSAFE.matcher(name).replaceAll("_");
        return name.isEmpty() || name.startsWith(".") ? "download" + name : name;
    }
}
