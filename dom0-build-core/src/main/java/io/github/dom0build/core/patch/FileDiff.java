package io.github.dom0build.core.patch;

import java.util.List;

/**
 * What one patch does to one file.
 *
 * @param kind             what happens to the file
 * @param oldPath          the tree path read (null for {@link Kind#ADD})
 * @param newPath          the tree path written (null for {@link Kind#DELETE})
 * @param rawOld           the old name as the patch spells it, before stripping (for messages), or null
 * @param rawNew           likewise the new name
 * @param oldMode          the git mode the file is expected to have ("100644"), or null
 * @param newMode          the git mode the file gets, or null to keep its mode
 * @param git              from a {@code diff --git} header
 * @param createsIfMissing a plain diff whose old side looks empty (epoch timestamp or a {@code -0,0} hunk),
 *                         which creates the file when it does not exist, as GNU patch does
 * @param deletesIfEmptied a plain diff whose new side has the epoch timestamp ({@code diff -N}), which
 *                         removes the file when nothing is left of it
 * @param hunks            the hunks, in order
 * @param line             the patch file line the diff header is on
 */
record FileDiff(Kind kind, String oldPath, String newPath, String rawOld, String rawNew, String oldMode,
        String newMode,
        boolean git, boolean createsIfMissing, boolean deletesIfEmptied, List<Hunk> hunks, int line) {

    enum Kind {
        MODIFY, ADD, DELETE, RENAME, COPY
    }

    FileDiff {
        hunks = List.copyOf(hunks);
    }

    /** How the patch spells {@code path} (one of its two paths), before stripping. */
    String rawName(String path) {
        return path.equals(newPath) && rawNew != null ? rawNew : rawOld != null ? rawOld : rawNew;
    }

    /** Whether a git mode says "executable". */
    static boolean executable(String mode) {
        return (Integer.parseInt(mode, 8) & 0111) != 0;
    }
}
