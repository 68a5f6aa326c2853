package io.github.dom0build.core.fetch.extract;

import io.github.dom0build.core.io.ByteCounts;
import io.github.dom0build.core.text.Printable;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import org.apache.commons.compress.MemoryLimitException;

/** The wording of every refusal, in one place so that messages stay consistent. */
final class ArchiveErrors {
    static final String HOSTILE_FIX = "do not use this archive; check the URL and sha256";
    static final String CORRUPT_FIX = "do not use this archive; check the URL and sha256 (a download that was"
            + " cut short is the usual cause: delete the file and download it again)";

    private static final int MAX_NAME_IN_MESSAGE = 300;

    private ArchiveErrors() {
    }

    /** An entry that breaks a safety rule; {@code rule} completes "entry 'x' ...". */
    static ArchiveException unsafeEntry(Path archive, String entry, String rule) {
        return new ArchiveException(archive, entry, "archive " + archive + ": entry " + quote(entry) + " " + rule,
                HOSTILE_FIX);
    }

    static ArchiveException specialFile(Path archive, String entry, String type) {
        return unsafeEntry(archive, entry, "is a " + type + "; dom0-build does not create device nodes, FIFOs"
                + " or other special files from an archive");
    }

    static ArchiveException duplicate(Path archive, String entry, String earlier) {
        String same = entry.equals(earlier) ? "" : " (the same path as the earlier entry " + quote(earlier) + ")";
        return unsafeEntry(archive, entry, "appears twice" + same + "; dom0-build refuses archives whose entries"
                + " would overwrite each other");
    }

    static ArchiveException tooLarge(Path archive, String entry, ExtractionLimits limits, long total) {
        return new ArchiveException(archive, entry, "archive " + archive + " unpacks to more than "
                + ByteCounts.human(limits.maxBytes()) + ", the limit: entry " + quote(entry) + " brings the total to "
                + (total == Long.MAX_VALUE || total < 0 ? "more" : ByteCounts.human(total)) + ". An archive that"
                + " unpacks to far more than it should is a decompression bomb",
                "if the archive is genuine (check the URL and sha256), raise the limit with the plugin parameter "
                        + ExtractionLimits.MAX_BYTES_PARAMETER + " (now " + limits.maxBytes() + " bytes);"
                        + " otherwise do not use this archive");
    }

    static ArchiveException tooManyEntries(Path archive, String entry, ExtractionLimits limits) {
        return new ArchiveException(archive, entry, "archive " + archive + " has more than " + limits.maxEntries()
                + " entries, the limit; stopped at entry " + quote(entry),
                "if the archive is genuine (check the URL and sha256), raise the limit with the plugin parameter "
                        + ExtractionLimits.MAX_ENTRIES_PARAMETER + " (now " + limits.maxEntries() + ");"
                        + " otherwise do not use this archive");
    }

    /** Unreadable data; {@code where} is "at entry 'x'", "after entry 'x'" or similar. */
    static ArchiveException corrupt(Path archive, String entry, String where, Throwable cause) {
        // A cancelled build interrupts the read-ahead thread: the archive is fine, and must not be deleted.
        if (cause instanceof java.io.InterruptedIOException || Thread.currentThread().isInterrupted()) {
            return interrupted(archive, entry, cause);
        }
        MemoryNeed memory = memoryLimit(cause);
        if (memory != null) {
            return new ArchiveException(archive, entry, "archive " + archive + " needs "
                    + ByteCounts.human(memory.neededKib() * 1024) + " of memory to decompress, more than"
                    + " the " + ByteCounts.human(memory.limitKib() * 1024L) + " dom0-build allows (xz -9"
                    + " needs 65 MiB); a header asking for that much is an attack on the build's heap or a"
                    + " corrupt file", HOSTILE_FIX, cause);
        }
        return new ArchiveException(archive, entry, "archive " + archive + " is truncated or corrupt " + where
                + ": " + describe(cause), CORRUPT_FIX, cause);
    }

    static ArchiveException interrupted(Path archive, String entry, Throwable cause) {
        return new ArchiveException(archive, entry, "extraction of " + archive + " was interrupted; what it had"
                + " written was removed", "run the build again", cause);
    }

    private record MemoryNeed(long neededKib, long limitKib) {
    }

    // commons-compress's for its decompressors, xz's own where TarEntrySource uses xz directly.
    private static MemoryNeed memoryLimit(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof MemoryLimitException m) {
                return new MemoryNeed(m.getMemoryNeededInKb(), m.getMemoryLimitInKb());
            }
            if (t instanceof org.tukaani.xz.MemoryLimitException m) {
                return new MemoryNeed(m.getMemoryNeeded(), m.getMemoryLimit());
            }
        }
        return null;
    }

    static ArchiveException invalidName(Path archive, String entry, InvalidPathException e) {
        return new ArchiveException(archive, entry, "archive " + archive + ": entry " + quote(entry) + " cannot be"
                + " created: " + quote(e.getInput()) + " is not a valid file name on this system (" + e.getReason()
                + "; file names are encoded as " + System.getProperty("sun.jnu.encoding", "unknown") + ")",
                "if the name has non-ASCII characters, run the build with a UTF-8 locale (for example"
                        + " LC_ALL=C.UTF-8); otherwise " + HOSTILE_FIX, e);
    }

    static ArchiveException corruptAt(Path archive, String entry, Throwable cause) {
        return corrupt(archive, entry, "at entry " + quote(entry), cause);
    }

    static ArchiveException emptyArchive(Path archive) {
        return new ArchiveException(archive, null, "archive " + archive + " contains no entries", CORRUPT_FIX);
    }

    static ArchiveException cannotWrite(Path archive, String entry, Path target, IOException e) {
        if (e instanceof FileAlreadyExistsException) {
            // The bookkeeping saw no earlier entry with this path, so the file system folded two names.
            return new ArchiveException(archive, entry, "cannot extract entry " + quote(entry) + " of archive "
                    + archive + ": " + target + " already exists although no earlier entry has that path; the"
                    + " file system treats two different names in the archive as the same (it is probably"
                    + " case-insensitive)", "extract on a case-sensitive file system: the Linux tree has file"
                    + " names that differ only in case", e);
        }
        if (e instanceof java.nio.file.FileSystemException f && "File name too long".equals(f.getReason())) {
            return new ArchiveException(archive, entry, "cannot extract entry " + quote(entry) + " of archive "
                    + archive + ": File name too long", "a name in the archive is longer than the file system of "
                    + target.getParent() + " allows (255 bytes per name on most Linux file systems); extract it on"
                    + " a file system that takes such names, or do not use this archive", e);
        }
        return new ArchiveException(archive, entry, "cannot extract entry " + quote(entry) + " of archive " + archive
                + " to " + target + ": " + describe(e), "check free space and permissions on the file system of "
                + target.getParent(), e);
    }

    /** Quotes an entry name for a message; archives are untrusted, so control characters are escaped. */
    static String quote(String name) {
        if (name == null) {
            return "''";
        }
        StringBuilder sb = new StringBuilder(name.length() + 2).append('\'');
        sb.append(Printable.escape(name.length() > MAX_NAME_IN_MESSAGE ? name.substring(0, MAX_NAME_IN_MESSAGE)
                : name));
        if (name.length() > MAX_NAME_IN_MESSAGE) {
            sb.append("... (").append(name.length()).append(" characters)");
        }
        return sb.append('\'').toString();
    }

    static String describe(Throwable e) {
        String message = e.getMessage();
        if (e instanceof EOFException && (message == null || message.isBlank())) {
            return "the data ends unexpectedly";
        }
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }
}
