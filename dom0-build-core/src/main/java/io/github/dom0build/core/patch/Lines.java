package io.github.dom0build.core.patch;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Line handling for patch and file text. Both are held as ISO-8859-1 strings, one char per byte, so that
 * whatever encoding a file has, it is matched and written back byte for byte.
 */
final class Lines {
    private static final int SHOWN_CHARS = 160;

    private Lines() {
    }

    /** File content as lines that keep their "\n" (and any "\r"); only the last may lack its "\n". */
    static List<String> withEol(String text) {
        List<String> out = new ArrayList<>();
        int start = 0;
        while (start < text.length()) {
            int nl = text.indexOf('\n', start);
            int end = nl < 0 ? text.length() : nl + 1;
            out.add(text.substring(start, end));
            start = end;
        }
        return out;
    }

    /** Patch text as lines without their "\n" (a "\r" stays); a final "\n" adds no empty line. */
    static List<String> withoutEol(String text) {
        List<String> out = new ArrayList<>();
        int start = 0;
        while (start < text.length()) {
            int nl = text.indexOf('\n', start);
            if (nl < 0) {
                out.add(text.substring(start));
                break;
            }
            out.add(text.substring(start, nl));
            start = nl + 1;
        }
        return out;
    }

    static String join(List<String> lines) {
        StringBuilder b = new StringBuilder();
        lines.forEach(b::append);
        return b.toString();
    }

    static String stripCr(String line) {
        return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
    }

    /** Bytes held as ISO-8859-1 chars, read as UTF-8 where they are valid UTF-8 (file names, mail text). */
    static String utf8(String isoChars) {
        byte[] bytes = isoChars.getBytes(StandardCharsets.ISO_8859_1);
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return isoChars;
        }
    }

    /**
     * A line as an error message shows it: quoted, read as UTF-8, with "\r" and other control characters
     * (but tabs) made visible, long lines cut, and a missing newline said.
     */
    static String show(String line) {
        boolean eol = line.endsWith("\n");
        String text = utf8(eol ? line.substring(0, line.length() - 1) : line);
        StringBuilder b = new StringBuilder("\"");
        int shown = 0;
        for (int i = 0; i < text.length() && shown < SHOWN_CHARS; i++, shown++) {
            char c = text.charAt(i);
            if (c == '\r') {
                b.append("\\r");
            } else if (c < 0x20 && c != '\t' || c == 0x7f) {
                b.append(String.format("\\x%02x", (int) c));
            } else {
                b.append(c);
            }
        }
        b.append(shown < text.length() ? "...\"" : "\"");
        if (!eol) {
            b.append(" (no newline at end of file)");
        }
        return b.toString();
    }

    /** True when the two lines differ only in spaces, tabs, a "\r" or the final newline. */
    static boolean differOnlyInWhiteSpace(String a, String b) {
        return !a.equals(b) && a.replaceAll("\\s+", "").equals(b.replaceAll("\\s+", ""));
    }
}
