package io.github.dom0build.core.kconfig;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One {@code CONFIG_X=value} or {@code # CONFIG_X is not set} line of a .config or fragment. */
record ConfigLine(String name, String value) {
    private static final Pattern ASSIGNMENT = Pattern.compile("CONFIG_([A-Za-z0-9_]+)=(.*)");
    private static final Pattern NOT_SET = Pattern.compile("#\\s*CONFIG_([A-Za-z0-9_]+)\\s+is not set\\s*");

    /**
     * The assignment on {@code line}, or empty for blank lines and other comments.
     *
     * @throws IllegalArgumentException with a reason when the line is neither
     */
    static Optional<ConfigLine> parse(String line) {
        String t = line.strip();
        if (t.isEmpty()) {
            return Optional.empty();
        }
        if (t.startsWith("#")) {
            Matcher m = NOT_SET.matcher(t);
            return m.matches() ? Optional.of(new ConfigLine(m.group(1), "n")) : Optional.empty();
        }
        Matcher m = ASSIGNMENT.matcher(t);
        if (!m.matches()) {
            throw new IllegalArgumentException("expected CONFIG_NAME=value or # CONFIG_NAME is not set");
        }
        return Optional.of(new ConfigLine(m.group(1), m.group(2).strip()));
    }

    String text() {
        return ConfigValues.line(name, value);
    }
}
