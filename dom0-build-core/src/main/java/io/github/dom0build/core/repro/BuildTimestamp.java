package io.github.dom0build.core.repro;

import io.github.dom0build.core.BuildException;
import io.github.dom0build.core.log.BuildLog;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;

/**
 * {@code project.build.outputTimestamp}, read as Maven's archivers read it: an ISO-8601 instant with
 * offset, or seconds since the epoch; a single character (Maven's convention for "not set") or nothing
 * means no fixed timestamp. Every time the plugins write into an artifact derives from it.
 */
public final class BuildTimestamp {
    private BuildTimestamp() {
    }

    /**
     * The build's one timestamp: {@code value} parsed, or, when the POM does not set it, the epoch with a
     * warning. Every goal takes this behaviour, so that archives, commit dates, initramfs entries and the
     * build dates inside the binaries agree and stay reproducible either way.
     */
    public static Instant orEpoch(String value, BuildLog log) throws BuildException {
        Optional<Instant> ts = parse(value);
        if (ts.isEmpty()) {
            log.warn("project.build.outputTimestamp is not set: archive entries, commit dates and the build dates"
                    + " inside the binaries get 1970-01-01T00:00:00Z. Set it in the POM's <properties>, e.g."
                    + " <project.build.outputTimestamp>2024-06-01T00:00:00Z</project.build.outputTimestamp>.");
        }
        return ts.orElse(Instant.EPOCH);
    }

    public static Optional<Instant> parse(String value) throws BuildException {
        if (value == null || value.isBlank() || value.strip().length() < 2) {
            return Optional.empty();
        }
        String v = value.strip();
        try {
            if (v.chars().allMatch(Character::isDigit)) {
                return Optional.of(Instant.ofEpochSecond(Long.parseLong(v)));
            }
            return Optional.of(OffsetDateTime.parse(v).toInstant());
        } catch (DateTimeException | NumberFormatException e) { // DateTimeException: beyond Instant's range
            throw new BuildException("project.build.outputTimestamp '" + v + "' is neither an ISO-8601 date-time with"
                    + " offset nor seconds since the epoch.", "write it like 2024-01-01T00:00:00Z", e);
        }
    }
}
