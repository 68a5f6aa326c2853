package io.github.dom0build.core.bootroot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InRootLinksTest {
    private final Map<String, RootEntry> tree = new HashMap<>();
    private final InRootLinks links = new InRootLinks(tree::get);

    private void link(String path, String target) {
        tree.put(path, RootEntry.symlink(path, target));
    }

    @Test
    void relativeAndAbsoluteLinksResolveInsideTheRoot() throws Exception {
        link("lib", "usr/lib");
        link("var/run", "/run");
        link("etc/alternatives/x", "../../usr/bin/x");
        assertThat(links.resolve("lib/modules/6.1")).isEqualTo("usr/lib/modules/6.1");
        assertThat(links.resolve("var/run/xen")).isEqualTo("run/xen");
        assertThat(links.resolve("etc/alternatives/x")).isEqualTo("usr/bin/x");
        assertThat(links.resolveParent("var/run")).as("the last name is kept").isEqualTo("var/run");
    }

    @Test
    void aLinkCannotLeadAboveTheRoot() throws Exception {
        link("escape", "../../../../etc");
        link("abs", "/../../tmp");
        link("home", "/srv/home");
        assertThat(links.resolve("home/user")).as("an absolute target starts at the root's top").isEqualTo(
                "srv/home/user");
        assertThat(links.resolve("escape/passwd")).isEqualTo("etc/passwd");
        assertThat(links.resolve("abs/x")).isEqualTo("tmp/x");
    }

    @Test
    void aLinkLoopIsAnError() {
        link("a", "b");
        link("b", "a");
        assertThatThrownBy(() -> links.resolve("a/x")).hasMessageContaining("more than 40 links");
        // A staged root's boot -> /boot is a loop inside the root, not the build host's /boot.
        link("boot", "/boot");
        assertThatThrownBy(() -> links.resolve("boot/grub")).hasMessageContaining("more than 40 links");
    }
}
