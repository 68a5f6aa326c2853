package io.github.dom0build.core.patch;

import java.util.ArrayList;
import java.util.List;

/** The text clean-ups {@code git mailinfo} and {@code git am} apply, so commits come out the same. */
final class MailText {
    private MailText() {
    }

    /**
     * Removes what mailing lists and format-patch put before a subject: white space, colons, {@code Re:}
     * and every leading {@code [...]} group; then folds runs of white space into one space.
     */
    static String cleanSubject(String subject) {
        StringBuilder s = new StringBuilder(subject);
        while (s.length() > 0) {
            char c = s.charAt(0);
            if ((c == 'r' || c == 'R') && s.length() > 3 && (s.charAt(1) == 'e' || s.charAt(1) == 'E')
                    && s.charAt(2) == ':') {
                s.delete(0, 3);
            } else if (c == ' ' || c == '\t' || c == ':') {
                s.deleteCharAt(0);
            } else if (c == '[' && s.indexOf("]") > 0) {
                s.delete(0, s.indexOf("]") + 1);
            } else {
                break;
            }
        }
        return foldSpace(s.toString());
    }

    /** Runs of white space become one space; the ends are trimmed. */
    static String foldSpace(String text) {
        return text.strip().replaceAll("\\s+", " ");
    }

    /**
     * As {@code git stripspace}: trailing white space removed from every line, blank lines at the start and
     * end dropped, runs of blank lines folded into one, and a final newline.
     */
    static String stripSpace(String text) {
        List<String> out = new ArrayList<>();
        boolean blankPending = false;
        for (String line : text.split("\n", -1)) {
            String l = line.stripTrailing();
            if (l.isEmpty()) {
                blankPending = !out.isEmpty();
                continue;
            }
            if (blankPending) {
                out.add("");
                blankPending = false;
            }
            out.add(l);
        }
        return out.isEmpty() ? "" : String.join("\n", out) + "\n";
    }
}
