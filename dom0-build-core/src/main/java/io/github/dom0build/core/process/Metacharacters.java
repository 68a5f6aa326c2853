package io.github.dom0build.core.process;

import java.util.Optional;

/**
 * Text that would run a command once a build system pastes it into a shell line. dom0-build itself
 * never goes through a shell (commands are argument lists), but make substitutes its variables into
 * the shell commands of its recipes, configure writes its arguments into makefiles, and the kernel's
 * scripts evaluate kconfig strings: a value given to them must not carry command substitution, command
 * separators or line breaks, or a parameter (perhaps filled from a CI variable) would run commands
 * nobody asked for.
 */
public final class Metacharacters {
    /** What runs a command in a make recipe or a shell line, unquoted. */
    private static final String[] COMMAND = {"\n", "\r", "`", "$(", "${", ";", "|", "&", "<", ">"};
    /** What still runs a command inside double quotes. */
    private static final String[] SUBSTITUTION = {"\n", "\r", "`", "$(", "${"};

    private Metacharacters() {
    }

    /** The first sequence of {@code text} that would run a command in an unquoted shell or make context. */
    public static Optional<String> commandIn(String text) {
        return first(text, COMMAND);
    }

    /** The first sequence of {@code text} that would run a command even inside double quotes. */
    public static Optional<String> substitutionIn(String text) {
        return first(text, SUBSTITUTION);
    }

    /** The sequence as a message shows it: {@code '$('}, or "a line break". */
    public static String describe(String sequence) {
        return sequence.equals("\n") || sequence.equals("\r") ? "a line break" : "'" + sequence + "'";
    }

    private static Optional<String> first(String text, String[] sequences) {
        if (text == null) {
            return Optional.empty();
        }
        int best = -1;
        String found = null;
        for (String s : sequences) {
            int i = text.indexOf(s);
            if (i >= 0 && (best < 0 || i < best)) {
                best = i;
                found = s;
            }
        }
        return Optional.ofNullable(found);
    }
}
