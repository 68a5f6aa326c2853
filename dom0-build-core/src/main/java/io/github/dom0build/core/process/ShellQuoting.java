package io.github.dom0build.core.process;

import java.util.regex.Pattern;

/** Quotes words for display as a POSIX shell would read them. Nothing here is ever executed. */
public final class ShellQuoting {
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_@%+=:,./-]+");

    private ShellQuoting() {
    }

    public static String quote(String word) {
        if (!word.isEmpty() && SAFE.matcher(word).matches()) {
            return word;
        }
        return "'" + word.replace("'", "'\\''") + "'";
    }
}
