package io.github.dom0build.core.systemd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dom0build.core.BuildException;
import io.github.dom0build.core.install.TargetRoot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class XencommonsTest {
    /** The part of Xen 4.17's installed /etc/default/xencommons around the daemon choice. */
    static final String XENCOMMONS = """
            ## Path: System/Virtualization
            ## Type: string(daemon,domain)
            ## Default: daemon
            #
            # Select type of xentore service.
            #XENSTORETYPE=daemon

            ## Type: string
            ## Default: xenstored
            #
            # Select xenstore implementation, this can be either
            # of these below.
            #
            # This can be either of:
            #  * /usr/sbin/oxenstored
            #  * /usr/sbin/xenstored
            #
            # Changing this requires a reboot to take effect.
            #XENSTORED=/usr/sbin/oxenstored

            ## Type: string
            ## Default: unlimited
            #XENSTORED_MAX_OPEN_FDS=unlimited

            # Additional commandline arguments to start xenstored,
            XENSTORED_ARGS=
            """;

    @TempDir
    Path tmp;

    private Path file(String text) throws IOException {
        Path p = tmp.resolve("xencommons");
        Files.writeString(p, text);
        return p;
    }

    @Test
    void locateFindsDefaultBeforeSysconfig() throws Exception {
        Path root = tmp.resolve("root");
        assertThat(Xencommons.locate(new TargetRoot(root, false))).isEmpty();
        Files.createDirectories(root.resolve("etc/sysconfig"));
        Files.writeString(root.resolve("etc/sysconfig/xencommons"), XENCOMMONS);
        assertThat(Xencommons.locate(new TargetRoot(root, false))).contains(root.resolve("etc/sysconfig/xencommons"));
        Files.createDirectories(root.resolve("etc/default"));
        Files.writeString(root.resolve("etc/default/xencommons"), XENCOMMONS);
        assertThat(Xencommons.locate(new TargetRoot(root, false))).contains(root.resolve("etc/default/xencommons"));
    }

    @Test
    void locateIgnoresADirectoryOfThatName() throws Exception {
        Path root = tmp.resolve("root");
        Files.createDirectories(root.resolve("etc/default/xencommons"));
        assertThat(Xencommons.locate(new TargetRoot(root, false))).isEmpty();
    }

    @Test
    void replacesTheCommentedLineInPlace() throws Exception {
        Path p = file(XENCOMMONS);
        assertThat(Xencommons.setXenstored(p, "/usr/sbin/xenstored")).isTrue();
        String expected = XENCOMMONS.replace("#XENSTORED=/usr/sbin/oxenstored\n", "XENSTORED=/usr/sbin/xenstored\n");
        assertThat(Files.readString(p)).isEqualTo(expected);
        // XENSTORED_MAX_OPEN_FDS and XENSTORED_ARGS are other variables and stay as they were.
        assertThat(Files.readString(p)).contains("#XENSTORED_MAX_OPEN_FDS=unlimited\n", "\nXENSTORED_ARGS=\n");
    }

    @Test
    void settingTheSameValueAgainChangesNothing() throws Exception {
        Path p = file(XENCOMMONS);
        assertThat(Xencommons.setXenstored(p, "/usr/sbin/oxenstored")).isTrue();
        String once = Files.readString(p);
        assertThat(Xencommons.setXenstored(p, "/usr/sbin/oxenstored")).isFalse();
        assertThat(Files.readString(p)).isEqualTo(once);
    }

    @Test
    void laterDuplicatesAreCommentedOut() throws Exception {
        Path p = file("#XENSTORED=\nXENSTORETYPE=daemon\nXENSTORED=/usr/sbin/xenstored\n  XENSTORED=/opt/xenstored\n"
                + "# XENSTORED=/commented/already\n");
        assertThat(Xencommons.setXenstored(p, "/usr/sbin/oxenstored")).isTrue();
        assertThat(Files.readString(p)).isEqualTo("XENSTORED=/usr/sbin/oxenstored\nXENSTORETYPE=daemon\n"
                + "#XENSTORED=/usr/sbin/xenstored\n#  XENSTORED=/opt/xenstored\n# XENSTORED=/commented/already\n");
        assertThat(Xencommons.setXenstored(p, "/usr/sbin/oxenstored")).isFalse();
    }

    @Test
    void appendsWhenThereIsNoLine() throws Exception {
        Path p = file("# xencommons\nXENSTORED_ARGS=\n");
        assertThat(Xencommons.setXenstored(p, "/usr/sbin/oxenstored")).isTrue();
        assertThat(Files.readString(p)).isEqualTo("# xencommons\nXENSTORED_ARGS=\nXENSTORED=/usr/sbin/oxenstored\n");
        assertThat(Xencommons.setXenstored(p, "/usr/sbin/oxenstored")).isFalse();
    }

    @Test
    void aMissingFileIsABuildException() {
        Path p = tmp.resolve("nope");
        assertThatThrownBy(() -> Xencommons.setXenstored(p, "/usr/sbin/oxenstored")).isInstanceOf(BuildException.class)
                .hasMessageContaining("Cannot update " + p);
    }
}
