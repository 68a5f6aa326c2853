package io.github.dom0build.core.patch;

import java.time.ZonedDateTime;

/**
 * What {@code git am} takes from a {@code git format-patch} mail.
 *
 * @param authorName  from {@code From:}, decoded; null when the mail has none
 * @param authorEmail likewise
 * @param date        from {@code Date:}, with its zone; null when missing or unreadable
 * @param subject     the subject without {@code [PATCH ...]} prefixes and {@code Re:}
 * @param body        the message text between the headers and the {@code ---} before the diffstat
 */
record MailMessage(String authorName, String authorEmail, ZonedDateTime date, String subject, String body) {

    /** The commit message {@code git am} makes: subject, blank line, body, cleaned as git stripspace does. */
    String commitMessage() {
        return MailText.stripSpace(subject + "\n\n" + body);
    }

    boolean hasAuthor() {
        return authorEmail != null && !authorEmail.isEmpty();
    }
}
