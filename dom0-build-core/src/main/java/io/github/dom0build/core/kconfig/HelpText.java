package io.github.dom0build.core.kconfig;

/**
 * Finds where a help block ends, with the indentation rules of scripts/kconfig/lexer.l: the first text
 * line sets the indentation (tabs count to the next multiple of 8); the block ends at a line indented
 * less, or at a line in column 0. Keyword-like lines inside the text ("config FOO", "endif") are
 * therefore help text, not statements.
 */
final class HelpText {
    private HelpText() {
    }

    /** The index of the first line after the help block that starts at {@code from}. */
    static int end(String[] lines, int from) {
        int firstIndent = 0; // 0 means "not known yet", as in lexer.l
        int i = from;
        while (i < lines.length) {
            String line = lines[i];
            int blanks = leadingBlanks(line);
            if (blanks == line.length()) {
                i++; // blank lines belong to the text, unless the next line starts in column 0
            } else {
                int indent = indent(line, blanks);
                if (blanks > 0 && firstIndent != 0 && indent < firstIndent) {
                    return i;
                }
                if (firstIndent == 0) {
                    firstIndent = indent;
                }
                i++;
            }
            if (i < lines.length && startsInColumnZero(lines[i])) {
                return i;
            }
        }
        return i;
    }

    private static boolean startsInColumnZero(String line) {
        return !line.isEmpty() && line.charAt(0) != ' ' && line.charAt(0) != '\t';
    }

    private static int leadingBlanks(String line) {
        int i = 0;
        while (i < line.length() && (line.charAt(i) == ' ' || line.charAt(i) == '\t')) {
            i++;
        }
        return i;
    }

    private static int indent(String line, int blanks) {
        int ts = 0;
        for (int i = 0; i < blanks; i++) {
            ts = line.charAt(i) == '\t' ? (ts & ~7) + 8 : ts + 1;
        }
        return ts;
    }
}
