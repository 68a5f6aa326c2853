package io.github.dom0build.core.install;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dom0build.core.BuildException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MachineRootTest {
    @TempDir
    Path tmp;

    @Test
    void aMachineRootMustLookLikeAnInstalledSystemAndNotBeSlash() throws Exception {
        assertThatThrownBy(() -> TargetRoot.machine(tmp, true, "install the kernel")).isInstanceOf(BuildException.class)
                .hasMessageContaining("does not look like a machine's root file system (no etc/os-release)");
        assertThatThrownBy(() -> TargetRoot.machine(Path.of("/"), true, "install the kernel"))
                .hasMessageContaining("chroot is set but root is / itself");
        Files.createDirectories(tmp.resolve("etc"));
        Files.writeString(tmp.resolve("etc/os-release"), "ID=debian\n");
        TargetRoot r = TargetRoot.machine(tmp, true, "install the kernel");
        assertThat(r.kind()).isEqualTo(TargetRoot.Kind.MACHINE);
        assertThat(r.live()).isFalse();
        assertThat(r.hasMachineTools()).isTrue();
        assertThat(r.describe()).isEqualTo("the machine root " + tmp + " (its tools run inside it)");
        assertThat(TargetRoot.resolve(tmp, false, "x", "p").hasMachineTools()).as("a staged root").isFalse();
    }
}
