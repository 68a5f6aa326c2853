package io.github.dom0build.core.guard;

import io.github.dom0build.core.BuildException;
import io.github.dom0build.core.io.Sha256;
import io.github.dom0build.core.log.BuildLog;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;

/**
 * A lock on one directory a goal changes, held for the goal's whole change, so that a second build on
 * the same directory waits (saying for whom, and for how long at most) instead of working under the
 * first one's feet. The lock files live apart from the directories ({@code ~/.cache/dom0-build/locks},
 * keyed by the directory's real path), so a locked tree, stage or root holds nothing extra; each names
 * its holder, which is what a waiting build prints.
 */
public final class DirectoryLock implements AutoCloseable {
    /** The plugin parameter that bounds the wait, named in the messages. */
    public static final String TIMEOUT_PARAMETER = "lockTimeout";
    private static final long POLL_MILLIS = 200;

    private final Path dir;
    private final FileChannel channel;
    private final FileLock lock;

    private DirectoryLock(Path dir, FileChannel channel, FileLock lock) {
        this.dir = dir;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Locks {@code dir}, waiting up to {@code timeout} while another build (another process, or another
     * thread of this one) holds it.
     *
     * @param holder who locks, as the waiting build will read it ("xen:fetch of org.example:dom0-xen")
     */
    public static DirectoryLock acquire(Path dir, String holder, Duration timeout, BuildLog log)
            throws BuildException {
        Path file = lockFile(dir);
        FileChannel ch;
        try {
            ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE,
                    LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            throw new BuildException("Cannot lock " + dir + " against a second build: " + file + ": " + e.getMessage(),
                    "make " + file.getParent() + " writable (it holds dom0-build's lock files)", e);
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        boolean announced = false;
        try {
            while (true) {
                FileLock l = tryLock(ch);
                if (l != null) {
                    record(ch, holder);
                    return new DirectoryLock(dir, ch, l);
                }
                String other = readHolder(ch);
                if (System.nanoTime() >= deadline) {
                    throw new BuildException("Gave up waiting for " + dir + " after " + human(timeout) + ": another"
                            + " build holds it (" + other + "). Nothing was changed.", "let that build finish (or"
                                    + " stop it if it hangs), or raise " + TIMEOUT_PARAMETER + " (now "
                                    + human(timeout) + ")");
                }
                if (!announced) {
                    log.info("Waiting for " + dir + ": another build holds it (" + other + "); waiting up to "
                            + human(timeout) + " (" + TIMEOUT_PARAMETER + ")");
                    announced = true;
                }
                Thread.sleep(POLL_MILLIS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closeQuietly(ch);
            throw new BuildException("Interrupted while waiting for the lock on " + dir + ".", "run the build again",
                    new InterruptedIOException());
        } catch (IOException | BuildException | RuntimeException e) {
            closeQuietly(ch);
            if (e instanceof BuildException b) {
                throw b;
            }
            throw new BuildException("Cannot lock " + dir + " against a second build: " + e.getMessage(),
                    "check " + file, e);
        }
    }

    // FileChannel.tryLock also excludes other threads (and other plugin class loaders) of this JVM, through
    // OverlappingFileLockException: poll for those like for another process.
    private static FileLock tryLock(FileChannel ch) throws IOException {
        try {
            return ch.tryLock();
        } catch (OverlappingFileLockException busyInThisJvm) {
            return null;
        }
    }

    private static void record(FileChannel ch, String holder) throws IOException {
        String text = holder + ", pid " + ProcessHandle.current().pid() + ", since "
                + LocalTime.now().truncatedTo(ChronoUnit.SECONDS) + "\n";
        ch.truncate(0);
        ch.write(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)), 0);
        ch.force(false);
    }

    private static String readHolder(FileChannel ch) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(512);
        int n = ch.read(b, 0);
        String s = n <= 0 ? "" : new String(b.array(), 0, n, StandardCharsets.UTF_8).strip();
        return s.isEmpty() ? "a build that has not said who it is yet" : s;
    }

    /** Where the lock of {@code dir} lives: one file per directory, keyed by its real path. */
    static Path lockFile(Path dir) throws BuildException {
        // The parent's real path and the name: the directory itself may be a link that fetch replaces.
        Path abs = dir.toAbsolutePath().normalize();
        Path key = abs.getParent() == null ? abs : DeletionRule.real(abs.getParent()).resolve(abs.getFileName());
        String name = key.getFileName() == null ? "root" : key.getFileName().toString().replaceAll("[^A-Za-z0-9._-]",
                "_");
        String file = Sha256.of(key.toString().getBytes(StandardCharsets.UTF_8)).substring(0, 16) + "-" + name
                + ".lock";
        return locksDirectory().resolve(file);
    }

    /** {@code ~/.cache/dom0-build/locks}; where a user has no usable home, a private one in the temp directory. */
    private static Path locksDirectory() throws BuildException {
        Path home = Path.of(System.getProperty("user.home"), ".cache", "dom0-build", "locks");
        try {
            return Files.createDirectories(home);
        } catch (IOException e) {
            long uid = uid();
            Path tmp = Path.of(System.getProperty("java.io.tmpdir"), "dom0-build-locks-" + uid);
            try {
                if (!Files.isDirectory(tmp, LinkOption.NOFOLLOW_LINKS)) {
                    Files.createDirectory(tmp, PosixFilePermissions.asFileAttribute(
                            PosixFilePermissions.fromString("rwx------")));
                }
                Object owner = Files.getAttribute(tmp, "unix:uid", LinkOption.NOFOLLOW_LINKS);
                if (!Long.valueOf(uid).equals(((Number) owner).longValue())) {
                    throw new IOException(tmp + " belongs to another user");
                }
                return tmp;
            } catch (IOException e2) {
                throw new BuildException("No directory for dom0-build's lock files: " + home + " (" + e.getMessage()
                        + ") and " + tmp + " (" + e2.getMessage() + ") are unusable.", "give the build user a"
                                + " writable home directory", e2);
            }
        }
    }

    private static long uid() {
        try {
            return ((Number) Files.getAttribute(Path.of("/proc/self"), "unix:uid")).longValue();
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private static String human(Duration d) {
        long s = d.toSeconds();
        return s % 60 == 0 && s > 0 ? s / 60 + " min" : s + " s";
    }

    private static void closeQuietly(FileChannel ch) {
        try {
            ch.close();
        } catch (IOException ignored) {
            // closing releases nothing we still need
        }
    }

    public Path directory() {
        return dir;
    }

    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException ignored) {
            // the channel's close releases it as well
        }
        closeQuietly(channel);
    }
}
