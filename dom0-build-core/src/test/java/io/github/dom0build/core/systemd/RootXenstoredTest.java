package io.github.dom0build.core.systemd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dom0build.core.BuildException;
import io.github.dom0build.core.configure.XenstoredChoice;
import io.github.dom0build.core.install.TargetRoot;
import io.github.dom0build.core.testing.RecordingLog;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RootXenstoredTest {
    @TempDir
    Path dir;

    private TargetRoot root() throws Exception {
        return TargetRoot.resolve(dir, false, "boot", "xen.allowLiveSystem");
    }

    private void write(String relative, String text) throws Exception {
        Path p = dir.resolve(relative);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
    }

    @Test
    void configuresDefaultInLaunchXenstoreUnlessXencommonsSetsOne() throws Exception {
        write("etc/xen/scripts/launch-xenstore", "#!/bin/bash\nXENSTORED=/usr/sbin/oxenstored\n"
                + "[ -z \"$XENSTORED\" ] && XENSTORED=/usr/sbin/oxenstored\n");
        write("etc/default/xencommons", "# XENSTORED=/usr/sbin/xenstored\nXENSTORED_ARGS=\n");
        assertThat(RootXenstored.of(root())).isEqualTo(XenstoredChoice.OXENSTORED);

        assertThatThrownBy(() -> new XenstoredSelection(new RecordingLog()).select(root(), XenstoredChoice.CXENSTORED,
                false)).as("the daemon must be in the root").isInstanceOf(BuildException.class)
                .hasMessageContaining("xenstored is not installed");
        write("usr/sbin/xenstored", "");
        new XenstoredSelection(new RecordingLog()).select(root(), XenstoredChoice.CXENSTORED, true);
        assertThat(RootXenstored.of(root())).as("a dry run changes nothing").isEqualTo(XenstoredChoice.OXENSTORED);
        new XenstoredSelection(new RecordingLog()).select(root(), XenstoredChoice.CXENSTORED, false);
        assertThat(dir.resolve("etc/default/xencommons")).content().contains("XENSTORED=/usr/sbin/xenstored\n");
        assertThat(RootXenstored.of(root())).as("what xencommons says wins").isEqualTo(XenstoredChoice.CXENSTORED);
    }

    @Test
    void withoutAChoiceTheRootsOwnDaemonIsWrittenExplicitly() throws Exception {
        // configure's --with-xen-scriptdir moved the scripts: the unit says where
        write("usr/lib/systemd/system/xenstored.service",
                "[Service]\nExecStart=/usr/share/xen/scripts/launch-xenstore\n");
        write("usr/share/xen/scripts/launch-xenstore", "XENSTORED=/usr/sbin/xenstored\n");
        write("etc/default/xencommons", "#XENSTORED=\n");
        write("usr/sbin/xenstored", "");
        write("usr/sbin/oxenstored", ""); // both: only launch-xenstore can say which
        write("etc/xen/scripts/launch-xenstore", "XENSTORED=/usr/sbin/oxenstored\n"); // not the one the unit starts
        new XenstoredSelection(new RecordingLog()).select(root(), null, false);
        assertThat(dir.resolve("etc/default/xencommons")).content().contains("XENSTORED=/usr/sbin/xenstored\n");
    }

    @Test
    void xencommonsXenstoredFlipsLeavesAloneOrRefusesConfiguresChoiceForAnotherRoot() throws Exception {
        write("etc/xen/scripts/launch-xenstore", "XENSTORED=/usr/sbin/oxenstored\n");
        write("etc/default/xencommons", "#XENSTORED=\n");
        write("usr/sbin/oxenstored", "");
        write("usr/sbin/xenstored", "");
        Path xencommons = dir.resolve("etc/default/xencommons");
        XenstoredSelection selection = new XenstoredSelection(new RecordingLog());

        assertThatThrownBy(() -> selection.apply(root(), null, "cxenstored", false))
                .as("configure's -Dxen.xenstored for a root built with the other daemon")
                .hasMessageContaining("xenstored=cxenstored is configure's choice, but staged root " + dir
                        + " starts oxenstored").hasMessageContaining("xencommonsXenstored=cxenstored");
        assertThat(xencommons).content().isEqualTo("#XENSTORED=\n");
        selection.apply(root(), XenstoredSelection.UNCHANGED, "cxenstored", false);
        assertThat(xencommons).content().isEqualTo("#XENSTORED=\n");
        selection.apply(root(), "", "oxenstored", false);
        assertThat(xencommons).content().contains("XENSTORED=/usr/sbin/oxenstored\n");
        selection.apply(root(), "cxenstored", null, false);
        assertThat(xencommons).content().contains("XENSTORED=/usr/sbin/xenstored\n");
        assertThatThrownBy(() -> selection.apply(root(), "xenstore", null, false))
                .hasMessageContaining("xencommonsXenstored 'xenstore' is none of configured, oxenstored, cxenstored,"
                        + " unchanged");
    }

    @Test
    void aRootMadeByHandStartsTheOneDaemonItHas() throws Exception {
        write("usr/sbin/oxenstored", "");
        assertThat(RootXenstored.of(root())).isEqualTo(XenstoredChoice.OXENSTORED);
        write("usr/sbin/xenstored", "");
        assertThatThrownBy(() -> RootXenstored.of(root())).hasMessageContaining("both daemons")
                .hasMessageContaining("XENSTORED=/usr/sbin/oxenstored (or /usr/sbin/xenstored) in the root's"
                        + " etc/default/xencommons");
    }

    @Test
    void aRootWithoutXenSaysWhatToDo() {
        assertThatThrownBy(() -> RootXenstored.of(root())).isInstanceOf(BuildException.class)
                .hasMessageContaining("Cannot tell which xenstore daemon").hasMessageContaining("xen:install");
    }
}
