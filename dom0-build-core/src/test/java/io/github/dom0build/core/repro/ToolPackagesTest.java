package io.github.dom0build.core.repro;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.gson.JsonObject;
import io.github.dom0build.core.process.ProcessRunner;
import io.github.dom0build.core.testing.RecordingLog;
import java.util.List;
import org.junit.jupiter.api.Test;

/** dpkg asked for real: the package each tool on PATH came from. */
class ToolPackagesTest {
    @Test
    void makeIsOwnedByADebianPackageAndAToolNoPackageOwnsIsLeftOut() {
        assumeTrue(ToolPackages.onPath("dpkg-query").isPresent(), "a machine with dpkg");
        JsonObject packages = ToolPackages.probe(new ProcessRunner(new RecordingLog()),
                List.of("make", "no-such-tool-dom0-build"));
        assertThat(packages.keySet()).containsExactly("make");
        JsonObject make = packages.getAsJsonObject("make");
        assertThat(make.get("package").getAsString()).isEqualTo("make");
        assertThat(make.get("version").getAsString()).matches("\\d.*");
        assertThat(make.get("arch").getAsString()).isNotBlank();
    }
}
