package io.github.dom0build.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dom0build.core.testing.SbomChecks;
import io.github.dom0build.it.harness.ItProject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Runs after every other IT (junit-platform.properties orders classes by {@code @Order}) and validates
 * every SBOM their builds attached with cyclonedx-core-java's own schema validation: not only the ones
 * SbomIT and RealDom0IT look at, but those of the kernel, Xen, packaging, install and fault-injection
 * builds too. Hashes against the archives are SbomIT's and RealDom0IT's part: some tests tamper with
 * archives after the build on purpose.
 */
@Order(Integer.MAX_VALUE)
class EveryItSbomIT {
    @Test
    void everySbomTheItBuildsAttachedIsValidCycloneDx() throws Exception {
        List<Path> sboms;
        try (Stream<Path> all = Files.walk(ItProject.workDir())) {
            sboms = all.filter(p -> p.getFileName().toString().endsWith("-cyclonedx.json"))
                    .filter(p -> p.getParent().getFileName().toString().equals("target")).toList();
        }
        Assumptions.assumeFalse(sboms.isEmpty(), "no IT build ran before this one");
        for (Path sbom : sboms) {
            assertThat(SbomChecks.schemaErrors(sbom)).as(sbom.toString()).isEmpty();
        }
    }
}
