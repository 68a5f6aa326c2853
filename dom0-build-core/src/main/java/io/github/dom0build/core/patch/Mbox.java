package io.github.dom0build.core.patch;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Mail files: a {@code git format-patch} file, an mbox of several messages separated by
 * {@code From <sha> Mon Sep 17 00:00:00 2001} lines, or a single message that starts with its headers.
 */
final class Mbox {
    /** An mbox separator: "From ", a sender, and a date with a time and a year. */
    private static final Pattern FROM_LINE = Pattern.compile("From \\S+ .*\\d{1,2}:\\d{2}.*\\d{4}\\s*");
    private static final Pattern HEADER = Pattern.compile("[A-Za-z0-9][A-Za-z0-9-]*:.*");

    /**
     * One message.
     *
     * @param headers  unfolded raw header values by lower-case name (the first of repeated headers)
     * @param body     the body lines, as {@link Lines#withoutEol} gives them
     * @param bodyLine the patch file line number of the first body line
     */
    record Message(Map<String, String> headers, List<String> body, int bodyLine) {
    }

    private Mbox() {
    }

    /** True when the text starts with an mbox separator, or with a header block naming a sender or subject. */
    static boolean isMail(List<String> lines) {
        return !lines.isEmpty() && (FROM_LINE.matcher(lines.get(0)).matches() || isHeaderBlock(lines, 0));
    }

    private static boolean isHeaderBlock(List<String> lines, int start) {
        boolean known = false;
        for (int i = start; i < lines.size(); i++) {
            String l = Lines.stripCr(lines.get(i));
            if (l.isEmpty()) {
                return known;
            }
            if (HEADER.matcher(l).matches()) {
                String name = l.substring(0, l.indexOf(':')).toLowerCase(Locale.ROOT);
                known |= name.equals("from") || name.equals("subject") || name.equals("date");
            } else if (i == start || !(l.startsWith(" ") || l.startsWith("\t"))) {
                return false;
            }
        }
        return known;
    }

    /** The messages of a text for which {@link #isMail} holds. */
    static List<Message> split(List<String> lines) {
        List<Integer> separators = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (FROM_LINE.matcher(lines.get(i)).matches() && (i == 0 || Lines.stripCr(lines.get(i - 1)).isEmpty())
                    && i + 1 < lines.size() && HEADER.matcher(lines.get(i + 1)).matches()) {
                separators.add(i);
            }
        }
        List<Integer> starts = new ArrayList<>();
        if (separators.isEmpty() || separators.get(0) != 0) {
            starts.add(0); // headers without a separator line before them
        }
        separators.forEach(s -> starts.add(s + 1));
        List<Message> messages = new ArrayList<>();
        for (int k = 0; k < starts.size(); k++) {
            int start = starts.get(k);
            int end = k + 1 < starts.size() ? starts.get(k + 1) - 1 : lines.size();
            int blank = start;
            while (blank < end && !Lines.stripCr(lines.get(blank)).isEmpty()) {
                blank++;
            }
            int bodyStart = Math.min(blank + 1, end);
            messages.add(new Message(headers(lines.subList(start, blank)), lines.subList(bodyStart, end),
                    bodyStart + 1));
        }
        return messages;
    }

    /** Unfolds continuation lines as git mailinfo does: each continues the value after one space. */
    private static Map<String, String> headers(List<String> lines) {
        Map<String, String> headers = new LinkedHashMap<>();
        String name = null;
        StringBuilder value = new StringBuilder();
        for (String raw : lines) {
            String l = Lines.stripCr(raw);
            if ((l.startsWith(" ") || l.startsWith("\t")) && name != null) {
                value.append(' ').append(l.substring(1).stripTrailing());
                continue;
            }
            if (name != null) {
                headers.putIfAbsent(name, value.toString());
            }
            int colon = l.indexOf(':');
            if (colon <= 0 || !HEADER.matcher(l).matches()) {
                name = null;
                continue;
            }
            name = l.substring(0, colon).toLowerCase(Locale.ROOT);
            value.setLength(0);
            value.append(l.substring(colon + 1).strip());
        }
        if (name != null) {
            headers.putIfAbsent(name, value.toString());
        }
        return headers;
    }
}
