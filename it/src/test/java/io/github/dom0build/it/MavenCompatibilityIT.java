package io.github.dom0build.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dom0build.it.harness.BuildResult;
import io.github.dom0build.it.harness.ItProject;
import org.junit.jupiter.api.Test;

/**
 * The plugins on both Maven lines users have: the machine's 3.8.7 (every other IT) and 3.9, whose
 * plugin validation also flags mistakes in how a plugin is built.
 */
class MavenCompatibilityIT {
    @Test
    void fetchAndPatchRunOnMaven39WithoutValidationWarnings() throws Exception {
        ItProject p = ItProject.copy("patch", "compat-maven39");
        BuildResult r = p.maven("process-sources").onMaven39().property("kernel.series", p.resolve("patches/series"))
                .property("maven.plugin.validation", "VERBOSE").run();
        assertThat(r.succeeded()).as(r.toString()).isTrue();
        assertThat(r.log()).contains("Apache Maven 3.9.").contains("Applying 0002-xen-events-add-unbind.patch")
                .doesNotContain("Plugin validation issues were detected")
                .doesNotContain("requires Maven version");
        assertThat(p.resolve("target/linux/drivers/xen/unbind.c")).exists();
    }

    @Test
    void theHelpGoalDescribesGoalsParametersAndProperties() throws Exception {
        ItProject p = ItProject.copy("patch", "compat-help");
        BuildResult kernel = p.maven("io.github.dom0build:kernel-maven-plugin:" + ItProject.pluginVersion() + ":help")
                .property("detail", true).property("goal", "fetch").run();
        assertThat(kernel.succeeded()).as(kernel.toString()).isTrue();
        assertThat(kernel.log()).contains("kernel:fetch").contains("url").contains("User property: kernel.url")
                .as("skip's property is named from the goal, and its description says so")
                .contains("kernel.<goal>.skip");
        BuildResult xen = p.maven("io.github.dom0build:xen-maven-plugin:" + ItProject.pluginVersion() + ":help").run();
        assertThat(xen.log()).contains("xen:fetch").contains("xen:patch").contains("xen:configure").contains("xen:make");
    }
}
