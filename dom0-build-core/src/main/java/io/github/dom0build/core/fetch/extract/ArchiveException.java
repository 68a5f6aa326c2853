package io.github.dom0build.core.fetch.extract;

import io.github.dom0build.core.BuildException;
import java.nio.file.Path;

/**
 * An archive that cannot or must not be extracted: unknown format, corrupt or truncated data, or an
 * entry that breaks a safety rule. The message names the archive, the entry (when there is one) and
 * the rule; by the time it is thrown the destination directory has been removed again.
 */
public class ArchiveException extends BuildException {
    private static final long serialVersionUID = 1L;

    private final transient Path archive;
    private final String entry;

    public ArchiveException(Path archive, String entry, String problem, String fix) {
        this(archive, entry, problem, fix, null);
    }

    public ArchiveException(Path archive, String entry, String problem, String fix, Throwable cause) {
        super(problem, fix, cause);
        this.archive = archive;
        this.entry = entry;
    }

    /** The archive file this is about. */
    public Path archive() {
        return archive;
    }

    /** The entry name as stored in the archive, or {@code null} when the problem is not about one entry. */
    public String entry() {
        return entry;
    }
}
