package io.github.dom0build.maven;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Properties;
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
                configuration("setXenstored", "false"), null))
                .hasMessageContaining("xen:systemd-enable has no parameter setXenstored any more, but this"
                        + " execution's <configuration> sets it")
                .hasMessageContaining("<xencommonsXenstored>unchanged</xencommonsXenstored>");
        assertThatThrownBy(() -> DroppedParameters.check("kernel:install", configuration("stageDirectory", "stage"),
                null, null)).hasMessageContaining("the plugin's <configuration> sets it")
                .hasMessageContaining("${project.build.directory}/kernel-stage");
    }

    @Test
    void aNameAnotherGoalStillHasIsRefusedOnlyInTheGoalsOwnExecution() {
        assertThatCode(() -> DroppedParameters.check("xen:systemd-enable", configuration("xenstored", "cxenstored"),
                null, null)).as("plugin-level: configure's").doesNotThrowAnyException();
        assertThatThrownBy(() -> DroppedParameters.check("xen:systemd-enable", null,
                configuration("xenstored", "cxenstored"), null)).hasMessageContaining("<xencommonsXenstored>");
        assertThatCode(() -> DroppedParameters.check("xen:boot-test", configuration("root", "/srv/root"), null, null))
                .as("plugin-level: systemd-enable's and grub-update's").doesNotThrowAnyException();
        assertThatThrownBy(() -> DroppedParameters.check("xen:boot-test", null, configuration("root", "/srv/root"),
                null)).hasMessageContaining("<bundleRoot>");
        // Maven copies the plugin-level configuration into each execution: the copy is the plugin's
        assertThatCode(() -> DroppedParameters.check("xen:boot-test", configuration("root", "/srv/root"),
                configuration("root", "/srv/root"), null)).doesNotThrowAnyException();
        assertThatThrownBy(() -> DroppedParameters.check("xen:boot-test", configuration("root", "/srv/root"),
                configuration("root", "/srv/other"), null)).hasMessageContaining("this execution's <configuration>");
    }

    @Test
    void installsInitramfsGivenToUninstallIsRefusedAlsoAsAProperty() {
        Properties user = new Properties();
        user.setProperty("kernel.initramfs", "dracut");
        assertThatThrownBy(() -> DroppedParameters.check("kernel:uninstall", null, null, user))
                .hasMessageContaining("-Dkernel.initramfs sets it")
                .hasMessageContaining("/var/lib/dom0-build/<installation>.initramfs");
        assertThatCode(() -> DroppedParameters.check("kernel:install", null, null, user)).doesNotThrowAnyException();
    }
}
