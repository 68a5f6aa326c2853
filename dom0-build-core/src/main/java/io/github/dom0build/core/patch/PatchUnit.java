package io.github.dom0build.core.patch;

import java.util.List;

/**
 * The part of a patch that becomes one commit: a whole plain diff, or one message of a mail file.
 *
 * @param patch the patch file it comes from
 * @param mail  the mail's author, date and message, or null for a plain diff
 * @param files the file diffs, in patch order
 * @param index 1-based position among the patch's messages
 * @param count how many messages with diffs the patch has
 */
record PatchUnit(PatchFile patch, MailMessage mail, List<FileDiff> files, int index, int count) {
    PatchUnit {
        files = List.copyOf(files);
    }

    /** The patch name, and which message when the file holds several. */
    String label() {
        return count > 1 ? patch.name() + " [" + index + "/" + count + "]" : patch.name();
    }
}
