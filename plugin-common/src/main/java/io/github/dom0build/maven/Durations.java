package io.github.dom0build.maven;

import io.github.dom0build.core.BuildException;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as people write them in a POM: {@code 90m}, {@code 2h}, {@code 45s}; 0 means none. */
final class Durations {
    private static final Pattern FORM = Pattern.compile("(\\d+)\\s*([smh]?)");

    private Durations() {
    }

    static Duration parse(String parameter, String value) throws BuildException {
        if (value == null || value.isBlank()) {
            return Duration.ZERO;
        }
        Matcher m = FORM.matcher(value.strip().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new BuildException(parameter + " '" + value + "' is not a duration.",
                    "write it like 90m, 2h or 600s (plain numbers are seconds; 0 means no limit)");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofSeconds(n);
        };
    }
}
