package io.github.dom0build.core.repro;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.dom0build.core.metadata.DistMetadata;
import io.github.dom0build.core.process.ProcessRunner;
import io.github.dom0build.core.testing.RecordingLog;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** dpkg asked for real: the package each tool on PATH came from. */
class ToolPackagesTest {
    @Test
    void makeIsOwnedByADebianPackageAndAToolNoPackageOwnsIsLeftOut() {
        assumeTrue(ToolPackages.onPath("dpkg-query").isPresent(), "a machine with dpkg");
        Map<String, DistMetadata.ToolPackage> packages = ToolPackages.probe(new ProcessRunner(new RecordingLog()),
                List.of("make", "no-such-tool-dom0-build"));
        assertThat(packages.keySet()).containsExactly("make");
        DistMetadata.ToolPackage make = packages.get("make");
        assertThat(make.packageName()).isEqualTo("make");
        assertThat(make.version()).matches("\\d.*");
        assertThat(make.arch()).isNotBlank();
    }
}
