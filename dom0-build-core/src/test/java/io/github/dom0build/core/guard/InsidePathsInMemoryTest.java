package io.github.dom0build.core.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The resolution on a tree held in memory, as a boot root is composed. */
class InsidePathsInMemoryTest {
    private final Map<String, String> links = new HashMap<>();

    private void link(String path, String target) {
        links.put(path, target);
    }

    private String resolve(String path) throws Exception {
        return InsidePaths.resolve(path, true, links::get);
    }

    @Test
    void relativeAndAbsoluteLinksResolveInsideTheRoot() throws Exception {
        link("lib", "usr/lib");
        link("var/run", "/run");
        link("etc/alternatives/x", "../../usr/bin/x");
        assertThat(resolve("lib/modules/6.1")).isEqualTo("usr/lib/modules/6.1");
        assertThat(resolve("var/run/xen")).isEqualTo("run/xen");
        assertThat(resolve("etc/alternatives/x")).isEqualTo("usr/bin/x");
        assertThat(InsidePaths.resolve("var/run", false, links::get)).as("the last name is kept").isEqualTo("var/run");
    }

    @Test
    void aLinkCannotLeadAboveTheRoot() throws Exception {
        link("escape", "../../../../etc");
        link("abs", "/../../tmp");
        link("home", "/srv/home");
        assertThat(resolve("home/user")).as("an absolute target starts at the root's top").isEqualTo(
                "srv/home/user");
        assertThat(resolve("escape/passwd")).isEqualTo("etc/passwd");
        assertThat(resolve("abs/x")).isEqualTo("tmp/x");
    }

    @Test
    void aLinkLoopIsAnError() {
        link("a", "b");
        link("b", "a");
        assertThatThrownBy(() -> resolve("a/x")).hasMessageContaining("the symbolic links on the way loop");
        // A staged root's boot -> /boot is a loop inside the root, not the build host's /boot.
        link("boot", "/boot");
        assertThatThrownBy(() -> resolve("boot/grub")).hasMessageContaining("the symbolic links on the way loop");
    }
}
