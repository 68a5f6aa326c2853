package io.github.dom0build.core.patch;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits one mail into what {@code git mailinfo} extracts (author, date, subject, message) and the part
 * that holds the diff.
 */
final class MailInfo {
    private static final Pattern CHARSET = Pattern.compile("(?i).*;\\s*charset\\s*=\\s*\"?([^\";\\s]+)\"?.*");
    private static final Pattern IN_BODY_HEADER = Pattern.compile("(From|Subject|Date):\\s*(.*)");
    private static final Pattern COVER_LETTER = Pattern.compile(".*\\[[^]]*\\b0+/\\d+\\s*].*");

    /**
     * @param message       the commit information
     * @param diffLines     the lines from the patch break on
     * @param diffFirstLine the patch file line of {@code diffLines.get(0)}, or 0 once decoding moved lines
     * @param rawSubject    the decoded subject before clean-up (to recognise a cover letter)
     * @param warnings      what could not be read and was left out
     */
    record Extracted(MailMessage message, List<String> diffLines, int diffFirstLine, String rawSubject,
            List<String> warnings) {
        /** A {@code [PATCH 0/N]} message: the series' cover letter, with no diff. */
        boolean isCoverLetter() {
            return rawSubject != null && COVER_LETTER.matcher(rawSubject).matches();
        }
    }

    private MailInfo() {
    }

    static Extracted extract(Mbox.Message mail) {
        List<String> warnings = new ArrayList<>();
        Map<String, String> h = mail.headers();
        String encoding = h.getOrDefault("content-transfer-encoding", "").strip().toLowerCase(Locale.ROOT);
        List<String> body = mail.body();
        int firstLine = mail.bodyLine();
        if (encoding.equals("quoted-printable") || encoding.equals("base64")) {
            String joined = String.join("\n", body) + "\n";
            body = Lines.withoutEol(encoding.equals("base64") ? base64(joined) : quotedPrintable(joined));
            firstLine = 0;
        }
        Charset charset = charset(h.get("content-type"), warnings);

        String from = header(h.get("from"));
        String subject = header(h.get("subject"));
        String date = h.get("date");
        int i = 0;
        while (i < body.size() && Lines.stripCr(body.get(i)).isBlank()) {
            i++;
        }
        // in-body headers override the mail's, as when someone sends another author's patch
        boolean inBody = false;
        for (Matcher m; i < body.size() && (m = IN_BODY_HEADER.matcher(Lines.stripCr(body.get(i)))).matches(); i++) {
            String value = header(m.group(2));
            switch (m.group(1)) {
                case "From" -> from = value;
                case "Subject" -> subject = value;
                default -> date = value;
            }
            inBody = true;
        }
        while (inBody && i < body.size() && Lines.stripCr(body.get(i)).isBlank()) {
            i++;
        }
        int brk = i;
        while (brk < body.size() && !isPatchBreak(body.get(brk))) {
            brk++;
        }
        String text = decode(String.join("\n", body.subList(i, brk)), charset);

        String[] author = from == null ? new String[] {null, null} : author(from);
        if (author[1] == null || author[1].isEmpty()) {
            warnings.add((from == null ? "the mail has no From: header" : "no e-mail address in From: " + from)
                    + "; a commit gets the default author");
        }
        ZonedDateTime when = null;
        if (date != null) {
            when = date(date);
            if (when == null) {
                warnings.add("unreadable Date: " + date + "; a commit gets the default date");
            }
        }
        MailMessage message = new MailMessage(author[0], author[1], when,
                subject == null ? "" : MailText.cleanSubject(subject), text);
        return new Extracted(message, body.subList(brk, body.size()), firstLine == 0 ? 0 : firstLine + brk,
                subject, warnings);
    }

    /**
     * Where the message ends and the patch begins, as git mailinfo decides: a "---" line (the one before
     * the diffstat), a "--- file" header, "diff -" or "Index: ".
     */
    static boolean isPatchBreak(String line) {
        String l = Lines.stripCr(line);
        if (l.startsWith("diff -") || l.startsWith("Index: ")) {
            return true;
        }
        if (!l.startsWith("---")) {
            return false;
        }
        String rest = l.substring(3);
        return rest.isBlank() || rest.startsWith(" ") && rest.length() > 1 && !Character.isWhitespace(rest.charAt(1));
    }

    /** A raw header value: bytes read as UTF-8 where valid, then RFC 2047 words decoded. */
    private static String header(String raw) {
        return raw == null ? null : EncodedWords.decode(Lines.utf8(raw));
    }

    /**
     * Name and address from a From: value, as git mailinfo reads it: the address is the word around the
     * '@' (inside &lt;&gt; or not), the rest is the name, unquoted; an empty or odd name becomes the address.
     */
    static String[] author(String from) {
        int at = from.indexOf('@');
        if (at < 0) {
            return new String[] {MailText.foldSpace(from), null};
        }
        int start = at;
        while (start > 0 && !Character.isWhitespace(from.charAt(start - 1)) && from.charAt(start - 1) != '<') {
            start--;
        }
        int end = at;
        while (end < from.length() && !Character.isWhitespace(from.charAt(end)) && from.charAt(end) != '>') {
            end++;
        }
        String email = from.substring(start, end);
        boolean angled = start > 0 && from.charAt(start - 1) == '<';
        String name = from.substring(0, angled ? start - 1 : start)
                + from.substring(end < from.length() && from.charAt(end) == '>' ? end + 1 : end);
        name = MailText.foldSpace(name);
        if (name.startsWith("(") && name.endsWith(")")) {
            name = name.substring(1, name.length() - 1).strip();
        }
        name = unquote(name);
        if (name.isEmpty() || name.length() > 60 || name.matches(".*[@<>].*")) {
            name = email;
        }
        return new String[] {name, email};
    }

    private static String unquote(String name) {
        if (name.length() < 2 || !name.startsWith("\"") || !name.endsWith("\"")) {
            return name;
        }
        StringBuilder b = new StringBuilder();
        for (int i = 1; i < name.length() - 1; i++) {
            char c = name.charAt(i);
            if (c == '\\' && i + 1 < name.length() - 1) {
                c = name.charAt(++i);
            }
            b.append(c);
        }
        return b.toString();
    }

    /** An RFC 2822 date ("Mon, 3 Jun 2024 12:34:56 +0200 (CEST)"), or null. */
    static ZonedDateTime date(String value) {
        String v = value.replaceAll("\\([^)]*\\)", " ").strip().replaceAll("\\s+", " ")
                .replaceFirst(" (UT|UTC|Z)$", " GMT");
        try {
            return ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static Charset charset(String contentType, List<String> warnings) {
        if (contentType == null) {
            return StandardCharsets.UTF_8;
        }
        Matcher m = CHARSET.matcher(contentType);
        if (!m.matches()) {
            return StandardCharsets.UTF_8;
        }
        try {
            return Charset.forName(m.group(1));
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            warnings.add("unknown charset " + m.group(1) + "; the message is read as UTF-8");
            return StandardCharsets.UTF_8;
        }
    }

    /** Message text: the raw bytes in the mail's charset (UTF-8 when it names none). */
    private static String decode(String isoChars, Charset charset) {
        byte[] bytes = isoChars.getBytes(StandardCharsets.ISO_8859_1);
        return charset.equals(StandardCharsets.UTF_8) ? Lines.utf8(isoChars) : new String(bytes, charset);
    }

    private static String base64(String text) {
        try {
            return new String(Base64.getMimeDecoder().decode(text), StandardCharsets.ISO_8859_1);
        } catch (IllegalArgumentException e) {
            return text;
        }
    }

    private static String quotedPrintable(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != '=') {
                out.write(c);
            } else if (i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                i++; // soft line break
            } else if (i + 2 < text.length() && text.charAt(i + 1) == '\r' && text.charAt(i + 2) == '\n') {
                i += 2;
            } else if (i + 2 < text.length() && Character.digit(text.charAt(i + 1), 16) >= 0
                    && Character.digit(text.charAt(i + 2), 16) >= 0) {
                out.write(Character.digit(text.charAt(i + 1), 16) << 4 | Character.digit(text.charAt(i + 2), 16));
                i += 2;
            } else {
                out.write(c);
            }
        }
        return out.toString(StandardCharsets.ISO_8859_1);
    }
}
