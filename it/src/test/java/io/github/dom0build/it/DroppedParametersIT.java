package io.github.dom0build.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dom0build.it.harness.BuildResult;
import io.github.dom0build.it.harness.ItProject;
import org.junit.jupiter.api.Test;

/**
 * A parameter a goal lost, still in a POM: Maven 3.8 drops a {@code <configuration>} element no parameter
 * takes without a word, so the goal itself refuses it, reading the POM's plugin and execution as Maven
 * does (a goal run by name with {@code @execution}). A plugin-level element another goal still has is
 * that goal's, and passes.
 */
class DroppedParametersIT {
    @Test
    void anExecutionThatStillSetsARemovedParameterFailsNamingTheReplacement() throws Exception {
        ItProject project = ItProject.copy("fetch", "dropped-parameters");
        project.writeXenPluginPom("dropped", "", """
                    <configuration>
                      <xenstored>cxenstored</xenstored>
                      <root>${project.build.directory}/root</root>
                    </configuration>
                    <executions>
                      <execution>
                        <id>flip</id>
                        <configuration><setXenstored>false</setXenstored></configuration>
                      </execution>
                      <execution>
                        <id>keep</id>
                      </execution>
                      <execution>
                        <id>boot</id>
                        <configuration><root>${project.build.directory}/other-root</root></configuration>
                      </execution>
                    </executions>
                """);

        BuildResult flip = project.maven("xen:systemd-enable@flip").run();
        assertThat(flip.succeeded()).as(flip.toString()).isFalse();
        assertThat(flip.log()).contains("xen:systemd-enable has no parameter setXenstored any more, but this"
                + " execution's <configuration> sets it").contains("<xencommonsXenstored>unchanged</xencommonsXenstored>")
                .doesNotContain("xen:systemd-enable has no parameter xenstored");
        assertThat(project.resolve("target/root")).as("nothing ran").doesNotExist();

        // The plugin-level xenstored and root are configure's and the root goals': Maven copies them into every
        // execution, and they pass the check (which comes before a goal's skip).
        BuildResult keep = project.maven("xen:systemd-enable@keep", "xen:boot-test@keep").property("xen.skip", true)
                .run();
        assertThat(keep.succeeded()).as(keep.toString()).isTrue();
        assertThat(keep.log()).contains("Skipping xen:systemd-enable").contains("Skipping xen:boot-test");

        BuildResult boot = project.maven("xen:boot-test@boot").run();
        assertThat(boot.succeeded()).as(boot.toString()).isFalse();
        assertThat(boot.log()).contains("xen:boot-test has no parameter root any more, but this execution's"
                + " <configuration> sets it").contains("use <bundleRoot> (-Dxen.bundleRoot) instead");
    }
}
