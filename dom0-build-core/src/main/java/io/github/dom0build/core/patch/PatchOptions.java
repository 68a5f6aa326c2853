package io.github.dom0build.core.patch;

import java.time.Instant;
import java.util.Objects;

/**
 * How a series is applied.
 *
 * @param fuzz          how many context lines at the start and end of a hunk may be ignored when they do not
 *                      match, as GNU patch's {@code --fuzz}; 0 (the default) demands exact context
 * @param commit        in a git tree, record each patch as a commit (the default); otherwise only the work
 *                      tree changes
 * @param defaultAuthor the author and committer of commits made from plain diffs, which carry no author
 * @param defaultDate   their date; pass {@code project.build.outputTimestamp} so that commit ids are
 *                      reproducible
 */
public record PatchOptions(int fuzz, boolean commit, Author defaultAuthor, Instant defaultDate) {
    /** A commit identity. */
    public record Author(String name, String email) {
        public Author {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(email, "email");
            if (name.isBlank()) {
                throw new IllegalArgumentException("author name must not be blank");
            }
        }

        @Override
        public String toString() {
            return name + " <" + email + ">";
        }
    }

    public static final Author DEFAULT_AUTHOR = new Author("dom0-build", "dom0-build@localhost");

    public PatchOptions {
        if (fuzz < 0) {
            throw new IllegalArgumentException("fuzz must not be negative: " + fuzz);
        }
        Objects.requireNonNull(defaultAuthor, "defaultAuthor");
        Objects.requireNonNull(defaultDate, "defaultDate");
    }

    /** Exact context, commits in git trees, {@link #DEFAULT_AUTHOR} at the epoch. */
    public static PatchOptions defaults() {
        return new PatchOptions(0, true, DEFAULT_AUTHOR, Instant.EPOCH);
    }

    public PatchOptions withFuzz(int value) {
        return new PatchOptions(value, commit, defaultAuthor, defaultDate);
    }

    public PatchOptions withCommit(boolean value) {
        return new PatchOptions(fuzz, value, defaultAuthor, defaultDate);
    }

    public PatchOptions withDefaultAuthor(String name, String email) {
        return new PatchOptions(fuzz, commit, new Author(name, email), defaultDate);
    }

    public PatchOptions withDefaultDate(Instant value) {
        return new PatchOptions(fuzz, commit, defaultAuthor, value);
    }
}
