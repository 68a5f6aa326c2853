package io.github.dom0build.core.fetch.extract;

import io.github.dom0build.core.io.ByteCounts;
import io.github.dom0build.core.log.BuildLog;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;

/**
 * Extracts tar (plain, gzip, xz, bzip2) and zip archives from untrusted sources into a new
 * directory, refusing anything that could write outside it or abuse the build machine: path
 * traversal, links out of the tree or written through, foreign hard links, device nodes and FIFOs,
 * duplicates, decompression bombs. A failed extraction leaves nothing behind.
 *
 * <p>When every entry lies under one top-level directory (such as {@code linux-6.1.176/}), that
 * directory becomes the destination, like {@code tar --strip-components=1}.
 */
public final class ArchiveExtractor {
    private final ExtractionLimits limits;
    private final BuildLog log;

    public ArchiveExtractor(ExtractionLimits limits, BuildLog log) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.log = Objects.requireNonNull(log, "log");
    }

    /**
     * Extracts {@code archive} into {@code dest}, which must not exist yet: it is created here, so
     * that everything in it comes from the archive. Callers extract into a temporary directory and
     * rename it into place.
     *
     * @throws ArchiveException if the archive is unreadable, unsupported or breaks a rule; {@code dest}
     *                          is then gone again
     */
    public ExtractionResult extract(Path archive, Path dest) throws ArchiveException {
        return extract(archive, dest, true);
    }

    /**
     * As {@link #extract(Path, Path)}; with {@code stripTopLevel} false the tree is kept as it is in
     * the archive (dom0-build's own artifacts, whose single top directory may well be {@code boot/}).
     */
    public ExtractionResult extract(Path archive, Path dest, boolean stripTopLevel) throws ArchiveException {
        return extract(archive, dest, stripTopLevel, false);
    }

    /**
     * Extracts an archive of a root file system, such as dom0-build's own kernel and Xen archives:
     * nothing is stripped, and a symbolic link to an absolute path counts as a path from the tree's own
     * root ({@code /usr/bin/pygrub -> /usr/lib/xen/bin/pygrub}); it must still stay inside, and nothing
     * is ever written through it.
     */
    public ExtractionResult extractRootFileSystem(Path archive, Path dest) throws ArchiveException {
        return extract(archive, dest, false, true);
    }

    private ExtractionResult extract(Path archive, Path dest, boolean stripTopLevel, boolean rootFileSystem)
            throws ArchiveException {
        Objects.requireNonNull(archive, "archive");
        Path target = Objects.requireNonNull(dest, "dest").toAbsolutePath().normalize();
        ArchiveFormat format = ArchiveFormat.detect(archive);
        createDestination(archive, target);
        log.debug("Extracting " + archive + " (" + format.displayName() + ") into " + target);
        long started = System.nanoTime();
        ExtractionRun run = new ExtractionRun(archive, target, limits, log, stripTopLevel, rootFileSystem);
        EntrySource source = null;
        try {
            source = EntrySource.open(archive, format, limits);
            String previous = null;
            for (ArchiveItem item = next(source, archive, previous); item != null;
                    item = next(source, archive, previous)) {
                run.add(item);
                previous = item.name();
            }
            ExtractionResult result = run.finish();
            log.info(summary(archive, result, System.nanoTime() - started));
            return result;
        } catch (ArchiveException | RuntimeException | Error e) {
            closeQuietly(source); // stops the read-ahead thread before the tree goes
            source = null;
            run.discard(e instanceof Exception ex ? ex : null);
            throw e;
        } finally {
            closeQuietly(source);
        }
    }

    private static ArchiveItem next(EntrySource source, Path archive, String previous) throws ArchiveException {
        if (Thread.currentThread().isInterrupted()) {
            throw ArchiveErrors.interrupted(archive, previous, null);
        }
        try {
            return source.next();
        } catch (IOException | RuntimeException e) {
            String where = previous == null ? "at its first entry" : "after entry " + ArchiveErrors.quote(previous);
            throw ArchiveErrors.corrupt(archive, previous, where, e);
        }
    }

    private static void createDestination(Path archive, Path dest) throws ArchiveException {
        try {
            Path parent = dest.getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.createDirectory(dest);
        } catch (FileAlreadyExistsException e) {
            throw new ArchiveException(archive, null, "cannot extract " + archive + " into " + dest + ": it already"
                    + " exists" + (Files.isSymbolicLink(dest) ? " (as a symbolic link)" : "") + "; the extractor"
                    + " creates the destination itself, so that everything in it comes from the archive",
                    "extract into a path that does not exist yet (a fresh temporary directory), then rename it"
                            + " into place", e);
        } catch (IOException e) {
            throw new ArchiveException(archive, null, "cannot create " + dest + " to extract " + archive + " into: "
                    + ArchiveErrors.describe(e), "check permissions and free space on " + dest.getParent(), e);
        }
        if (!Files.isDirectory(dest, LinkOption.NOFOLLOW_LINKS)) {
            throw new IllegalStateException(dest + " was just created as a directory");
        }
    }

    private static String summary(Path archive, ExtractionResult result, long nanos) {
        double seconds = nanos / 1e9;
        return String.format(Locale.ROOT, "Extracted %s: %d entries, %s in %.1f s%s", archive.getFileName(),
                result.entryCount(), ByteCounts.human(result.bytesWritten()), seconds,
                result.strippedPrefix() == null ? "" : " (top-level directory "
                        + ArchiveErrors.quote(result.strippedPrefix() + "/") + " stripped)");
    }

    private static void closeQuietly(EntrySource source) {
        if (source == null) {
            return;
        }
        try {
            source.close();
        } catch (IOException ignored) {
            // reading is over; a failing close cannot have lost data
        }
    }
}
