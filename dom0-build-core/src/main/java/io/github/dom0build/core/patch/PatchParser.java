package io.github.dom0build.core.patch;

import io.github.dom0build.core.log.BuildLog;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Reads a patch file: a plain diff, or a mail file with one or more {@code git format-patch} messages. */
final class PatchParser {
    private PatchParser() {
    }

    static ParsedPatch parse(PatchFile patch, BuildLog log) throws PatchException {
        String text;
        try {
            // ISO-8859-1 maps every byte to one char, so diff lines keep the exact bytes of any encoding
            text = new String(Files.readAllBytes(patch.path()), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new PatchException(patch.name(), null, "Cannot read the patch " + patch.name() + " ("
                    + patch.path() + "): " + e.getMessage(), "check that the file exists and is readable", e);
        }
        List<String> lines = Lines.withoutEol(text);
        if (!Mbox.isMail(lines)) {
            List<FileDiff> files = DiffParser.parse(lines, 1, patch.strip(), patch.name());
            if (files.isEmpty()) {
                throw noDiff(patch, "");
            }
            return new ParsedPatch(patch, List.of(new PatchUnit(patch, null, files, 1, 1)));
        }
        List<Mbox.Message> messages = Mbox.split(lines);
        List<MailInfo.Extracted> withDiffs = new ArrayList<>();
        List<List<FileDiff>> diffs = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            Mbox.Message message = messages.get(i);
            String contentType = message.headers().getOrDefault("content-type", "");
            String which = messages.size() > 1 ? "message " + (i + 1) + " of " : "";
            if (contentType.strip().toLowerCase(Locale.ROOT).startsWith("multipart/")) {
                throw new PatchException(patch.name(), null, "The " + which + "patch " + patch.name()
                        + " is a MIME multipart mail (" + contentType + "); attachments are not unpacked.",
                        "save the patch itself (the attachment) as the patch file, or get the patch as a plain"
                                + " git format-patch mail");
            }
            MailInfo.Extracted mail = MailInfo.extract(message);
            List<FileDiff> files = DiffParser.parse(mail.diffLines(), mail.diffFirstLine(), patch.strip(),
                    patch.name());
            String subject = mail.message().subject();
            if (files.isEmpty()) {
                if (mail.isCoverLetter()) {
                    log.info("  " + patch.name() + ": skipping the cover letter '" + subject + "' (no diff)");
                    continue;
                }
                throw noDiff(patch, which.isEmpty() ? "" : " (" + which.replace(" of ", "") + ", '" + subject + "')");
            }
            mail.warnings().forEach(w -> log.warn("  " + patch.name() + ": " + w));
            withDiffs.add(mail);
            diffs.add(files);
        }
        List<PatchUnit> units = new ArrayList<>();
        for (int i = 0; i < withDiffs.size(); i++) {
            units.add(new PatchUnit(patch, withDiffs.get(i).message(), diffs.get(i), i + 1, withDiffs.size()));
        }
        return new ParsedPatch(patch, units);
    }

    private static PatchException noDiff(PatchFile patch, String which) {
        return new PatchException(patch.name(), null, "The patch " + patch.name() + which
                + " contains no diff: no '--- a/file', '+++ b/file' and '@@' lines were found.",
                "check that the file is a unified diff (diff -u, git diff, git format-patch); context diffs"
                        + " (diff -c) and ed scripts are not supported");
    }
}
