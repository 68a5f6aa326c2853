package io.github.dom0build.core.kconfig;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits one logical Kconfig line into words, quoted strings and operators, as scripts/kconfig/lexer.l
 * does. Macros such as {@code $(SRCARCH)} or {@code $(cc-option,-mfoo)} stay unexpanded inside words
 * and strings; a {@code #} outside quotes starts a comment.
 */
final class KconfigTokenizer {
    enum Kind { WORD, STRING, OPERATOR }

    /**
     * A token; for strings {@code text} is the content with escapes undone. {@code start} and
     * {@code end} delimit it in the line, quotes included.
     */
    record Token(Kind kind, String text, int start, int end) {
        boolean is(Kind k, String t) {
            return kind == k && text.equals(t);
        }

        boolean isWord(String t) {
            return is(Kind.WORD, t);
        }

        boolean isOperator(String t) {
            return is(Kind.OPERATOR, t);
        }

        boolean hasMacro() {
            return kind != Kind.OPERATOR && text.contains("$(");
        }
    }

    private static final String[] OPERATORS = {"&&", "||", "!=", "<=", ">=", ":=", "+=", "!", "=", "<", ">", "(", ")"};

    private KconfigTokenizer() {
    }

    /**
     * Tokens of {@code line}. Characters kconfig does not know are skipped, as kconfig does with a
     * warning, unless {@code strict}, where they are an error.
     */
    static List<Token> tokenize(String line, boolean strict) {
        List<Token> tokens = new ArrayList<>();
        int i = 0;
        int n = line.length();
        while (i < n) {
            char c = line.charAt(i);
            if (c == ' ' || c == '\t' || c == '\r' || c == '\f') {
                i++;
            } else if (c == '#') {
                break;
            } else if (c == '"' || c == '\'') {
                int end = stringEnd(line, i);
                tokens.add(new Token(Kind.STRING, unescape(line, i + 1, end), i, Math.min(end + 1, n)));
                i = end + 1;
            } else if (isWordChar(c) || c == '$') {
                int end = wordEnd(line, i);
                tokens.add(new Token(Kind.WORD, line.substring(i, end), i, end));
                i = end;
            } else if (c == '\\' && line.substring(i + 1).isBlank()) {
                i = n; // a continuation the caller did not join
            } else {
                String op = operatorAt(line, i);
                if (op == null) {
                    if (strict) {
                        throw new IllegalArgumentException("unexpected character '" + c + "' at column " + (i + 1));
                    }
                    i++;
                } else {
                    tokens.add(new Token(Kind.OPERATOR, op, i, i + op.length()));
                    i += op.length();
                }
            }
        }
        return tokens;
    }

    /** Where the code of a physical line ends: at a {@code #} outside quotes and macros, else its length. */
    static int codeEnd(String line) {
        int i = 0;
        int n = line.length();
        while (i < n) {
            char c = line.charAt(i);
            if (c == '#') {
                return i;
            } else if (c == '"' || c == '\'') {
                i = stringEnd(line, i) + 1;
            } else if (c == '$' && i + 1 < n && line.charAt(i + 1) == '(') {
                i = macroEnd(line, i);
            } else {
                i++;
            }
        }
        return n;
    }

    static boolean isWordChar(char c) {
        return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_' || c == '-';
    }

    private static String operatorAt(String line, int i) {
        for (String op : OPERATORS) {
            if (line.startsWith(op, i)) {
                return op;
            }
        }
        return null;
    }

    // A word is a run of word characters, bare dollars and complete $(...) macros.
    private static int wordEnd(String line, int i) {
        int n = line.length();
        while (i < n) {
            char c = line.charAt(i);
            if (c == '$' && i + 1 < n && line.charAt(i + 1) == '(') {
                i = macroEnd(line, i);
            } else if (isWordChar(c) || c == '$') {
                i++;
            } else {
                break;
            }
        }
        return i;
    }

    /** The index just past the parenthesis closing the macro that starts at {@code i}, or the line end. */
    static int macroEnd(String line, int i) {
        int depth = 0;
        for (int j = i + 1; j < line.length(); j++) {
            char c = line.charAt(j);
            if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                return j + 1;
            }
        }
        return line.length();
    }

    // Index of the closing quote, or the line length when the string runs to the end (kconfig warns).
    private static int stringEnd(String line, int open) {
        char quote = line.charAt(open);
        int i = open + 1;
        while (i < line.length()) {
            char c = line.charAt(i);
            if (c == '\\') {
                i += 2;
            } else if (c == '$' && i + 1 < line.length() && line.charAt(i + 1) == '(') {
                i = macroEnd(line, i);
            } else if (c == quote) {
                return i;
            } else {
                i++;
            }
        }
        return line.length();
    }

    private static String unescape(String line, int from, int to) {
        StringBuilder sb = new StringBuilder(Math.max(0, to - from));
        int end = Math.min(to, line.length());
        for (int i = from; i < end; i++) {
            char c = line.charAt(i);
            if (c == '\\' && i + 1 < end) {
                c = line.charAt(++i);
            }
            sb.append(c);
        }
        return sb.toString();
    }

    /** The tokens' source text with every run of blanks between them reduced to one space. */
    static String text(String line, List<Token> tokens) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            if (i > 0 && tokens.get(i - 1).end() < t.start()) {
                sb.append(' ');
            }
            sb.append(line, t.start(), t.end());
        }
        return sb.toString();
    }
}
