package io.github.dom0build.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.codehaus.plexus.util.xml.Xpp3Dom;
import org.junit.jupiter.api.Test;

/** A parameter a goal lost, still set for it in the POM, fails instead of being dropped without a word. */
class DroppedParametersTest {
    private static Xpp3Dom configuration(String name, String value) {
        Xpp3Dom c = new Xpp3Dom("configuration");
        Xpp3Dom child = new Xpp3Dom(name);
        child.setValue(value);
        c.addChild(child);
        return c;
    }

    @Test
    void aNameNoGoalHasIsRefusedAtEitherLevel() {
        assertThatThrownBy(() -> DroppedParameters.check("xen:systemd-enable", null,
                configuration("setXenstored", "false"), List.of(), null))
                .hasMessageContaining("xen:systemd-enable has no parameter setXenstored any more, but this"
                        + " execution's <configuration> sets it")
                .hasMessageContaining("<xencommonsXenstored>unchanged</xencommonsXenstored>");
        assertThatThrownBy(() -> DroppedParameters.check("kernel:install", configuration("stageDirectory", "stage"),
                null, List.of(), null)).hasMessageContaining("the plugin's <configuration> sets it")
                .hasMessageContaining("${project.build.directory}/kernel-stage");
    }

    @Test
    void aNameAnotherGoalStillHasIsRefusedOnlyInTheGoalsOwnExecution() {
        assertThatCode(() -> DroppedParameters.check("xen:systemd-enable", configuration("xenstored", "cxenstored"),
                null, List.of(), null)).as("plugin-level: configure's").doesNotThrowAnyException();
        assertThatThrownBy(() -> DroppedParameters.check("xen:systemd-enable", null,
                configuration("xenstored", "cxenstored"), List.of(), null))
                .hasMessageContaining("<xencommonsXenstored>");
        assertThatCode(() -> DroppedParameters.check("xen:boot-test", configuration("root", "/srv/root"), null,
                List.of(), null)).as("plugin-level: systemd-enable's and grub-update's").doesNotThrowAnyException();
        assertThatThrownBy(() -> DroppedParameters.check("xen:boot-test", null, configuration("root", "/srv/root"),
                List.of(), null)).hasMessageContaining("<bundleRoot>");
        // Maven copies the plugin-level configuration into each execution: the copy is the plugin's
        assertThatCode(() -> DroppedParameters.check("xen:boot-test", configuration("root", "/srv/root"),
                configuration("root", "/srv/root"), List.of(), null)).doesNotThrowAnyException();
        assertThatThrownBy(() -> DroppedParameters.check("xen:boot-test", configuration("root", "/srv/root"),
                configuration("root", "/srv/other"), List.of(), null))
                .hasMessageContaining("this execution's <configuration>");
    }

    @Test
    void anExecutionThatAlsoRunsAGoalThatHasTheNameKeepsIt() {
        Xpp3Dom root = configuration("root", "/srv/root");
        assertThatCode(() -> DroppedParameters.check("xen:boot-test", null, root,
                List.of("systemd-enable", "grub-update", "boot-test"), null)).doesNotThrowAnyException();
        assertThatThrownBy(() -> DroppedParameters.check("xen:boot-test", null, root, List.of("boot-test"), null))
                .hasMessageContaining("this execution's <configuration>");
    }

    @Test
    void aNameNoGoalHasCopiedIntoAnExecutionIsNamedAsThePlugins() {
        Xpp3Dom stage = configuration("stageDirectory", "stage");
        assertThatThrownBy(() -> DroppedParameters.check("kernel:install", stage, configuration("stageDirectory",
                "stage"), List.of("install"), null)).hasMessageContaining("the plugin's <configuration> sets it");
    }

    /** Each entry of this plugin against its descriptor: the goal lacks the name, the goals said to hold it have it. */
    @Test
    void theListMatchesThePluginsGoals() throws Exception {
        Map<String, Set<String>> byGoal = new HashMap<>();
        for (PluginDescriptor.Parameter p : PluginDescriptor.parameters()) {
            byGoal.computeIfAbsent(p.goal(), g -> new HashSet<>()).add(p.name());
        }
        int checked = 0;
        for (DroppedParameters.Dropped d : DroppedParameters.ALL) {
            if (!d.goal().startsWith(GoalPrefix.NAME + ":")) {
                continue;
            }
            String goal = d.goal().substring(GoalPrefix.NAME.length() + 1);
            assertThat(byGoal).as(d.goal()).containsKey(goal);
            assertThat(byGoal.get(goal)).as(d.goal() + " lacks " + d.name())
                    .doesNotContain(d.name());
            for (Map.Entry<String, Set<String>> e : byGoal.entrySet()) {
                assertThat(e.getValue().contains(d.name()))
                        .as("%s has %s exactly when %s lists it", e.getKey(), d.name(), d)
                        .isEqualTo(d.heldBy().contains(e.getKey()));
            }
            checked++;
        }
        assertThat(checked).isPositive();
    }

    @Test
    void installsInitramfsGivenToUninstallIsRefusedAlsoAsAProperty() {
        Properties user = new Properties();
        user.setProperty("kernel.initramfs", "dracut");
        assertThatThrownBy(() -> DroppedParameters.check("kernel:uninstall", null, null, List.of(), user))
                .hasMessageContaining("-Dkernel.initramfs sets it")
                .hasMessageContaining("/var/lib/dom0-build/<installation>.initramfs");
        assertThatCode(() -> DroppedParameters.check("kernel:install", null, null, List.of(), user))
                .doesNotThrowAnyException();
    }
}
