package io.github.dom0build.core.install;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dom0build.core.BuildException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TargetRootTest {
    @TempDir
    Path tmp;

    @Test
    void aStagedPathIsNotLiveAndIsNormalised() throws Exception {
        Path staged = tmp.resolve("target/root");
        TargetRoot r = TargetRoot.resolve(tmp.resolve("target/other/../root"), false, "install Xen",
                "xen.install.allowLive");
        assertThat(r.live()).isFalse();
        assertThat(r.path()).isEqualTo(staged);
        assertThat(r.describe()).isEqualTo("staged root " + staged);
        assertThat(r.resolve("boot/xen.gz")).isEqualTo(staged.resolve("boot/xen.gz"));
        assertThat(staged).as("resolving changes nothing").doesNotExist();
    }

    @Test
    void theSystemRootWithoutPermissionIsRefusedNamingTheProperty() {
        assertThatThrownBy(() -> TargetRoot.resolve(Path.of("/"), false, "install Xen", "xen.install.allowLive"))
                .isInstanceOfSatisfying(BuildException.class, e -> {
                    assertThat(e.problem()).isEqualTo(
                            "Refusing to install Xen into the live system (root /). Nothing was changed.");
                    assertThat(e.fix()).contains("-Dxen.install.allowLive=true");
                });
    }

    @Test
    void aLinkThatLeadsToTheSystemRootCountsAsLive() throws Exception {
        Path slash = Files.createSymbolicLink(tmp.resolve("slash"), Path.of("/"));
        try {
            assertThatThrownBy(() -> TargetRoot.resolve(slash, false, "install the kernel", "kernel.install.allowLive"))
                    .isInstanceOf(BuildException.class).hasMessageContaining("Nothing was changed.")
                    .hasMessageContaining("-Dkernel.install.allowLive=true");
            assertThat(TargetRoot.isSystemRoot(slash)).isTrue();
        } finally {
            Files.delete(slash);
        }
        assertThat(TargetRoot.isSystemRoot(tmp)).isFalse();
        assertThat(TargetRoot.isSystemRoot(tmp.resolve("does/not/exist"))).isFalse();
    }

    @Test
    void aDryRunMayLookAtTheLiveSystemWithoutPermission() throws Exception {
        TargetRoot r = TargetRoot.resolve(Path.of("/"), false, true, "install Xen", "xen.install.allowLive");
        assertThat(r.live()).isTrue();
        assertThat(r.path()).isEqualTo(Path.of("/"));
        assertThat(r.describe()).isEqualTo("the live system (/)");
    }

    @Test
    void theSystemRootWithPermissionStillNeedsRoot() throws Exception {
        if (TargetRoot.runningAsRoot()) {
            TargetRoot r = TargetRoot.resolve(Path.of("/"), true, "install Xen", "xen.install.allowLive");
            assertThat(r.live()).isTrue();
        } else {
            assertThatThrownBy(() -> TargetRoot.resolve(Path.of("/"), true, "install Xen", "xen.install.allowLive"))
                    .isInstanceOf(BuildException.class)
                    .hasMessageContaining("To install Xen into the live system this build must run as root (it runs as"
                            + " uid " + TargetRoot.uid() + "). Nothing was changed.");
        }
    }

    @Test
    void theUidComesFromProc() {
        assertThat(TargetRoot.uid()).isGreaterThanOrEqualTo(0);
    }
}
