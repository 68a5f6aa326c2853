package io.github.dom0build.core.repro;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReproducibleEnvironmentTest {
    @Test
    void aSingleDigitDayIsSpacePaddedAsDatePrintsIt() {
        Map<String, String> env = ReproducibleEnvironment.forTimestamp(Instant.parse("2024-06-01T00:00:00Z"));
        assertThat(env).containsExactly(
                Map.entry("SOURCE_DATE_EPOCH", "1717200000"),
                Map.entry("KBUILD_BUILD_TIMESTAMP", "Sat Jun  1 00:00:00 UTC 2024"),
                Map.entry("KBUILD_BUILD_USER", "dom0-build"),
                Map.entry("KBUILD_BUILD_HOST", "dom0-build"),
                Map.entry("KBUILD_BUILD_VERSION", "1"),
                Map.entry("XEN_BUILD_DATE", "Sat Jun  1 00:00:00 UTC 2024"),
                Map.entry("XEN_BUILD_TIME", "00:00:00"),
                Map.entry("XEN_WHOAMI", "dom0-build"),
                Map.entry("XEN_DOMAIN", "dom0-build"),
                Map.entry("XEN_BUILD_HOST", "dom0-build"));
    }

    @Test
    void aTwoDigitDayHasNoPadding() {
        Map<String, String> env = ReproducibleEnvironment.forTimestamp(Instant.parse("2024-12-25T13:04:05Z"));
        assertThat(env.get("KBUILD_BUILD_TIMESTAMP")).isEqualTo("Wed Dec 25 13:04:05 UTC 2024");
        assertThat(env.get("XEN_BUILD_DATE")).isEqualTo("Wed Dec 25 13:04:05 UTC 2024");
        assertThat(env.get("XEN_BUILD_TIME")).isEqualTo("13:04:05");
        assertThat(env.get("SOURCE_DATE_EPOCH")).isEqualTo("1735131845");
    }

    @Test
    void theTimeIsAlwaysUtcWhateverTheOffsetItWasWrittenWith() {
        Map<String, String> env = ReproducibleEnvironment.forTimestamp(
                java.time.OffsetDateTime.parse("2024-03-10T23:30:00-02:00").toInstant());
        assertThat(env.get("KBUILD_BUILD_TIMESTAMP")).isEqualTo("Mon Mar 11 01:30:00 UTC 2024");
    }

    @Test
    void matchesTheDateCommandWhenItIsThere() throws Exception {
        long epoch = 1717200000L;
        ProcessBuilder pb = new ProcessBuilder("date", "-u", "-d", "@" + epoch).redirectErrorStream(true);
        pb.environment().put("LC_ALL", "C");
        pb.environment().put("TZ", "UTC");
        Process p;
        try {
            p = pb.start();
        } catch (java.io.IOException e) {
            org.junit.jupiter.api.Assumptions.abort("no date command: " + e.getMessage());
            return;
        }
        String out = new String(p.getInputStream().readAllBytes()).strip();
        org.junit.jupiter.api.Assumptions.assumeTrue(p.waitFor() == 0, "GNU date with -d");
        assertThat(ReproducibleEnvironment.forTimestamp(Instant.ofEpochSecond(epoch)).get("KBUILD_BUILD_TIMESTAMP"))
                .isEqualTo(out);
    }
}
