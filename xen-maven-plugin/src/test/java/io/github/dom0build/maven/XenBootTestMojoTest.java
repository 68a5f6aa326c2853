package io.github.dom0build.maven;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.nio.file.Path;
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
        Path module = Path.of("/srv/build/dom0/dom0");
        File bundleRoot = module.resolve("target/root").toFile();
        assertThatThrownBy(() -> XenBootTestMojo.refuseRootGoalsProperty(user("xen.root", "/srv/dom0"), bundleRoot,
                module))
                .hasMessageContaining("-Dxen.root=/srv/dom0 is the root of install, systemd-enable and grub-update")
                .hasMessageContaining("give -Dxen.bundleRoot=/srv/dom0");
        assertThatCode(() -> XenBootTestMojo.refuseRootGoalsProperty(user("xen.root", "/srv/dom0",
                "xen.bundleRoot", "/srv/dom0"), bundleRoot, module)).as("both given: bundleRoot decides")
                .doesNotThrowAnyException();
        assertThatCode(() -> XenBootTestMojo.refuseRootGoalsProperty(user("xen.root", bundleRoot.getPath()),
                bundleRoot, module)).as("the same root").doesNotThrowAnyException();
        assertThatCode(() -> XenBootTestMojo.refuseRootGoalsProperty(user("xen.root", "target/./root"), bundleRoot,
                module)).as("the same root, relative to the module as Maven resolves it").doesNotThrowAnyException();
        assertThatCode(() -> XenBootTestMojo.refuseRootGoalsProperty(user(), bundleRoot, module))
                .doesNotThrowAnyException();
    }
}
