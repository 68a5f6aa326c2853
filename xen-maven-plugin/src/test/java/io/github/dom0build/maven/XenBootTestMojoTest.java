package io.github.dom0build.maven;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** boot-test's own translation: the root goals' {@code -Dxen.root} is refused, not ignored. */
class XenBootTestMojoTest {
    private static Properties user(String... pairs) {
        Properties p = new Properties();
        for (int i = 0; i < pairs.length; i += 2) {
            p.setProperty(pairs[i], pairs[i + 1]);
        }
        return p;
    }

    @Test
    void theRootGoalsPropertyForAnotherRootIsRefusedNamingBundleRoot() {
        File bundleRoot = new File("target/root").getAbsoluteFile();
        assertThatThrownBy(() -> XenBootTestMojo.refuseRootGoalsProperty(user("xen.root", "/srv/dom0"), bundleRoot))
                .hasMessageContaining("-Dxen.root=/srv/dom0 is the root of install, systemd-enable and grub-update")
                .hasMessageContaining("give -Dxen.bundleRoot=/srv/dom0");
        assertThatCode(() -> XenBootTestMojo.refuseRootGoalsProperty(user("xen.root", "/srv/dom0",
                "xen.bundleRoot", "/srv/dom0"), bundleRoot)).as("both given: bundleRoot decides")
                .doesNotThrowAnyException();
        assertThatCode(() -> XenBootTestMojo.refuseRootGoalsProperty(user("xen.root", bundleRoot.getPath()),
                bundleRoot)).as("the same root").doesNotThrowAnyException();
        assertThatCode(() -> XenBootTestMojo.refuseRootGoalsProperty(user(), bundleRoot)).doesNotThrowAnyException();
    }
}
