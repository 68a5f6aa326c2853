package io.github.dom0build.core.process;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Picks out the lines that explain a failed build (compiler and linker errors, make's own errors,
 * configure's errors) as they stream by, so that the failure message can lead with the cause even when
 * it scrolled past thousands of lines earlier.
 */
final class FirstErrors {
    // gcc/clang "file:line:col: error:", ld "undefined reference", make "*** ... Error N" and
    // "No rule to make target", configure "configure: error:", plus "fatal error" and "FATAL:".
    private static final Pattern ERROR = Pattern.compile(
            "(?i)(: (fatal )?error[: ]|undefined reference to|\\*\\*\\* .*(Error \\d+|No rule to make target|missing separator)"
                    + "|^configure: error:|^error:|^fatal:|^FATAL:|collect2: error)");

    private static final String UNDEFINED_REFERENCE = "undefined reference to";

    private final int capacity;
    private final List<String> lines = new ArrayList<>();

    FirstErrors(int capacity) {
        this.capacity = capacity;
    }

    synchronized void offer(String line) {
        if (lines.size() < capacity && mayBeError(line) && ERROR.matcher(line).find()) {
            lines.add(line);
        }
    }

    /**
     * A cheap necessary condition for {@link #ERROR}: every alternative but one contains ':' or '*', and
     * that one is "undefined reference to". Why: the case-insensitive pattern costs about 10 us a line,
     * which made streaming a million-line build through the runner take seconds; this scan, a few ns.
     */
    static boolean mayBeError(String line) {
        for (int i = 0, n = line.length(); i < n; i++) {
            char c = line.charAt(i);
            if (c == ':' || c == '*') {
                return true;
            }
            if ((c == 'u' || c == 'U')
                    && line.regionMatches(true, i, UNDEFINED_REFERENCE, 0, UNDEFINED_REFERENCE.length())) {
                return true;
            }
        }
        return false;
    }

    synchronized List<String> lines() {
        return List.copyOf(lines);
    }
}
