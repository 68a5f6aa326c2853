package io.github.dom0build.core.repro;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dom0build.core.BuildException;
import io.github.dom0build.core.testing.RecordingLog;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class BuildTimestampTest {
    @Test
    void isoWithOffset() throws Exception {
        assertThat(BuildTimestamp.parse("2024-06-01T00:00:00Z")).contains(Instant.parse("2024-06-01T00:00:00Z"));
        assertThat(BuildTimestamp.parse("2024-06-01T02:00:00+02:00")).contains(Instant.parse("2024-06-01T00:00:00Z"));
        assertThat(BuildTimestamp.parse(" 2024-06-01T00:00:00Z\n")).contains(Instant.parse("2024-06-01T00:00:00Z"));
    }

    @Test
    void secondsSinceTheEpoch() throws Exception {
        assertThat(BuildTimestamp.parse("1717200000")).contains(Instant.parse("2024-06-01T00:00:00Z"));
        assertThat(BuildTimestamp.parse("10")).contains(Instant.ofEpochSecond(10));
    }

    @Test
    void aSingleCharacterOrNothingMeansUnset() throws Exception {
        assertThat(BuildTimestamp.parse("a")).isEmpty();
        assertThat(BuildTimestamp.parse("0")).isEmpty();
        assertThat(BuildTimestamp.parse(" x ")).isEmpty();
        assertThat(BuildTimestamp.parse("")).isEmpty();
        assertThat(BuildTimestamp.parse("   ")).isEmpty();
        assertThat(BuildTimestamp.parse(null)).isEmpty();
    }

    @Test
    void anythingElseIsRefused() {
        for (String v : new String[] {"yesterday", "2024-06-01", "2024-06-01T00:00:00", "2024-13-01T00:00:00Z", "-1",
                "99999999999999999999", "99999999999999999", "+1000000000-01-01T00:00:00Z"}) {
            assertThatThrownBy(() -> BuildTimestamp.parse(v)).as(v).isInstanceOfSatisfying(BuildException.class, e -> {
                assertThat(e.problem()).isEqualTo("project.build.outputTimestamp '" + v + "' is neither an ISO-8601"
                        + " date-time with offset nor seconds since the epoch.");
                assertThat(e.fix()).isEqualTo("write it like 2024-01-01T00:00:00Z");
            });
        }
    }

    @Test
    void unsetMeansTheEpochWithOneWarningThatSaysHowToSetIt() throws Exception {
        RecordingLog log = new RecordingLog();
        assertThat(BuildTimestamp.orEpoch(null, log)).isEqualTo(Instant.EPOCH);
        assertThat(log.lines("WARN")).singleElement().asString().contains("outputTimestamp is not set")
                .contains("<project.build.outputTimestamp>");
        RecordingLog quiet = new RecordingLog();
        assertThat(BuildTimestamp.orEpoch("2024-06-01T00:00:00Z", quiet)).isEqualTo(Instant.parse("2024-06-01T00:00:00Z"));
        assertThat(quiet.lines("WARN")).isEmpty();
    }
}
