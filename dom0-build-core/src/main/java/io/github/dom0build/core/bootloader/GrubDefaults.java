package io.github.dom0build.core.bootloader;

import io.github.dom0build.core.BuildException;
import io.github.dom0build.core.log.BuildLog;
import io.github.dom0build.core.text.Printable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * grub's defaults file ({@code etc/default/grub}) read as data, never sourced: grub-mkconfig runs it as
 * a shell script, but a staged root's file is not the build host's to run. Assignments with literal
 * values (plain, 'single-quoted', "double-quoted" without {@code $} or backquotes) are read; anything
 * that needs a shell to evaluate (a command, a substitution, a variable, a glob) is refused with the
 * line. Only {@code GRUB_*} variables are passed on, so the file cannot set PATH or grub's helpers.
 */
final class GrubDefaults {
    private static final Pattern ASSIGNMENT = Pattern.compile("(?:export\\s+)?([A-Za-z_][A-Za-z0-9_]*)=(.*)",
            Pattern.DOTALL);
    /** Characters that mean nothing to the shell outside quotes, besides letters and digits. */
    private static final String PLAIN = "_./:,=+@%^~-";

    private GrubDefaults() {
    }

    /**
     * One statement of the file, as the shell reads it: a line, or several when a quoted value goes on
     * over line breaks. {@code start} and {@code end} are offsets in the file's text (one char per byte),
     * {@code end} before the line break. An assignment has its {@code name}, its value's offsets and,
     * when the value is plain data, the {@code value}; otherwise {@code why} it needs a shell.
     */
    record Statement(int line, int start, int end, String stripped, String name, int valueStart, int valueEnd,
            String value, String why) {
        boolean literal() {
            return why == null;
        }
    }

    /**
     * The {@code GRUB_*} values of {@code file}. From a root ({@code strict}), a value that needs a shell
     * fails; from the build host's own file, it is left out with a warning (grub then uses its default).
     */
    static Map<String, String> read(Path file, boolean strict, BuildLog log) throws BuildException {
        String content;
        try {
            content = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new BuildException("Cannot read grub's defaults " + file + ": " + e.getMessage(),
                    "check that it is a readable file", e);
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (Statement s : statements(content)) {
            if (s.literal()) {
                if (s.name().startsWith("GRUB_")) {
                    values.put(s.name(), s.value());
                } else {
                    log.debug(file + " line " + s.line() + ": " + s.name() + " is not a GRUB_ variable; ignored");
                }
                continue;
            }
            String where = file + " line " + s.line() + ": " + Printable.escape(s.stripped());
            if (strict) {
                throw new BuildException(where + " needs a shell to evaluate (" + s.why() + "). dom0-build reads grub's"
                        + " defaults from the root as data and runs nothing from the root on this machine. Nothing"
                        + " was changed.", "write the value out literally in " + file + " (for example"
                                + " GRUB_DISTRIBUTOR=Debian or GRUB_CMDLINE_XEN_DEFAULT=\"dom0_mem=2G\")");
            }
            log.warn(where + " needs a shell to evaluate (" + s.why() + "); left out, so grub uses its default");
        }
        return values;
    }

    /** Every statement of {@code content} (blank lines and comments left out), in order. */
    static List<Statement> statements(String content) {
        List<Statement> statements = new ArrayList<>();
        int pos = 0;
        int line = 0;
        while (pos < content.length()) {
            int first = ++line;
            int start = pos;
            int end = lineEnd(content, pos);
            // a quoted value may go on over several lines
            while (unbalanced(content.substring(start, end)) && end < content.length()) {
                end = lineEnd(content, end + 1);
                line++;
            }
            pos = end + 1;
            String text = content.substring(start, end);
            String stripped = text.strip();
            if (stripped.isEmpty() || stripped.startsWith("#")) {
                continue;
            }
            int at = start + text.indexOf(stripped);
            Matcher m = ASSIGNMENT.matcher(stripped);
            if (!m.matches()) {
                statements.add(new Statement(first, start, end, stripped, null, -1, -1, null,
                        "it is a command, not an assignment"));
                continue;
            }
            StringBuilder value = new StringBuilder();
            int[] wordEnd = new int[1];
            String why = value(m.group(2), value, wordEnd);
            statements.add(new Statement(first, start, end, stripped, m.group(1), at + m.start(2),
                    at + m.start(2) + wordEnd[0], why == null ? value.toString() : null, why));
        }
        return statements;
    }

    /** Where the line starting at {@code from} ends: its line feed, or the end of the text. */
    private static int lineEnd(String content, int from) {
        int nl = content.indexOf('\n', from);
        return nl < 0 ? content.length() : nl;
    }

    /**
     * Reads a shell word into {@code out} and where it ends into {@code end}; returns why it needs a
     * shell, or null when it is plain data.
     */
    private static String value(String word, StringBuilder out, int[] end) {
        int i = 0;
        end[0] = word.length();
        while (i < word.length()) {
            char c = word.charAt(i);
            if (c == '\'') {
                int close = word.indexOf('\'', i + 1);
                if (close < 0) {
                    return "an unclosed quote";
                }
                out.append(word, i + 1, close);
                i = close + 1;
            } else if (c == '"') {
                i++;
                for (; i < word.length() && word.charAt(i) != '"'; i++) {
                    char d = word.charAt(i);
                    if (d == '$' || d == '`') {
                        return d == '$' ? "a variable or command substitution" : "a command substitution";
                    }
                    if (d == '\\' && i + 1 < word.length() && "\"\\\n".indexOf(word.charAt(i + 1)) >= 0) {
                        d = word.charAt(++i);
                        if (d == '\n') {
                            continue;
                        }
                    }
                    out.append(d);
                }
                if (i >= word.length()) {
                    return "an unclosed quote";
                }
                i++;
            } else if (c == '\\' && i + 1 < word.length()) {
                out.append(word.charAt(i + 1));
                i += 2;
            } else if (Character.isWhitespace(c)) {
                end[0] = i;
                String rest = word.substring(i).strip();
                return rest.isEmpty() || rest.startsWith("#") ? null : "a command after the assignment";
            } else if (c == '$' || c == '`') {
                return c == '$' ? "a variable or command substitution" : "a command substitution";
            } else if (c < 0x80 && Character.isLetterOrDigit(c) || PLAIN.indexOf(c) >= 0 || c >= 0xa0) {
                out.append(c);
                i++;
            } else {
                return "the shell character '" + Printable.escape(String.valueOf(c)) + "'";
            }
        }
        return null;
    }

    /** True while a quote is open at the end of {@code text}. */
    private static boolean unbalanced(String text) {
        char open = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (open == 0 && c == '#' && (i == 0 || Character.isWhitespace(text.charAt(i - 1)))) {
                return false;
            } else if (open == 0 && (c == '\'' || c == '"')) {
                open = c;
            } else if (c == open) {
                open = 0;
            } else if (c == '\\' && open != '\'' && i + 1 < text.length()) {
                i++;
            }
        }
        return open != 0;
    }
}
