package io.github.dom0build.it.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dom0build.it.harness.BuildResult;
import io.github.dom0build.it.harness.ItProject;
import io.github.dom0build.it.harness.TreeDigest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * The goals that write into a staged root, on a root whose directories are absolute symbolic links (as
 * a careless user or an image copy makes them), and on a root whose {@code etc/default/grub} holds a
 * command. {@code host/} in the project stands for the build host: nothing may be written there, and no
 * command from the root may run. Real systemctl --root and grub's own 20_linux_xen.
 */
class RootLinksIT {
    private ItProject project;
    private Path root;
    private Path host;
    private Map<String, String> hostBefore;
    private Path marker;

    @BeforeEach
    void setUp(TestInfo info) throws Exception {
        project = ItProject.copy("fetch", "reliability-rootlinks-" + info.getTestMethod().orElseThrow().getName());
        root = project.resolve("target/root");
        host = project.resolve("host");
        write(host.resolve("boot/vmlinuz-6.1.0-fixture"), "the host's kernel\n");
        write(host.resolve("boot/config-6.1.0-fixture"), "CONFIG_XEN_DOM0=y\n");
        write(host.resolve("boot/xen-4.17.5.gz"), "the host's xen\n");
        write(host.resolve("etc/default/xencommons"), "#XENSTORED=\n");
        hostBefore = TreeDigest.full(host);
        marker = project.resolve("RAN-FROM-THE-ROOT");
    }

    private static void write(Path p, String content) throws Exception {
        Files.createDirectories(p.getParent());
        Files.writeString(p, content);
    }

    private void failedAndHostUntouched(BuildResult r) throws Exception {
        assertThat(r.succeeded()).as(r.toString()).isFalse();
        assertThat(r.log()).contains("Fix: ").doesNotContain("Exception in thread");
        assertThat(TreeDigest.full(host)).as("the build host's stand-in").isEqualTo(hostBefore);
        assertThat(marker).doesNotExist();
    }

    @Test
    void installDoesNotWriteThroughAnAbsoluteBootLink() throws Exception {
        Path stage = project.resolve("target/kernel-stage"); // where kernel:dist stages, and install reads
        write(stage.resolve("boot/vmlinuz-6.1.0-dom0"), "the dom0 kernel\n");
        Files.createDirectories(root);
        Files.createSymbolicLink(root.resolve("boot"), host.resolve("boot"));
        BuildResult r = project.maven("kernel:install").run();
        failedAndHostUntouched(r);
        assertThat(r.log()).contains(root.resolve("boot") + " is a symbolic link to " + host.resolve("boot")
                + ", which in this root leads to " + root + host.resolve("boot") + ": no directory there");
        assertThat(host.resolve("boot/vmlinuz-6.1.0-dom0")).doesNotExist();
    }

    @Test
    void systemdEnableDoesNotRewriteTheHostsXencommonsThroughALink() throws Exception {
        write(root.resolve("usr/sbin/oxenstored"), "#!/bin/sh\n");
        write(root.resolve("usr/lib/systemd/system/xenstored.service"), "[Unit]\nDescription=xenstored\n[Service]\n"
                + "ExecStart=/usr/sbin/oxenstored\n[Install]\nWantedBy=multi-user.target\n");
        Files.createDirectories(root.resolve("etc"));
        Files.createSymbolicLink(root.resolve("etc/default"), host.resolve("etc/default"));
        BuildResult r = project.maven("xen:systemd-enable").run();
        failedAndHostUntouched(r);
        assertThat(r.log()).contains("No xencommons in staged root " + root);
    }

    @Test
    void grubUpdateDoesNotWriteAGrubCfgThroughABootLink() throws Exception {
        Files.createDirectories(root);
        Files.createSymbolicLink(root.resolve("boot"), host.resolve("boot"));
        BuildResult r = project.maven("xen:grub-update").run();
        failedAndHostUntouched(r);
        assertThat(host.resolve("boot/grub")).doesNotExist();
    }

    @Test
    void grubUpdateRunsNoCommandFromTheRootsDefaults() throws Exception {
        write(root.resolve("boot/vmlinuz-6.1.0-fixture"), "kernel\n");
        write(root.resolve("boot/config-6.1.0-fixture"), "CONFIG_XEN_DOM0=y\n");
        write(root.resolve("boot/xen-4.17.5.gz"), "xen\n");
        write(root.resolve("etc/default/grub"), "GRUB_DEFAULT=0\ntouch " + marker + "\n");
        Map<String, String> before = TreeDigest.full(root);
        BuildResult r = project.maven("xen:grub-update").run();
        failedAndHostUntouched(r);
        assertThat(r.log()).contains(root.resolve("etc/default/grub") + " line 2: touch " + marker + " needs a shell"
                + " to evaluate (it is a command, not an assignment)")
                .contains("Fix: write the value out literally in " + root.resolve("etc/default/grub"));
        assertThat(TreeDigest.full(root)).as("no grub.cfg written").isEqualTo(before);

        write(root.resolve("etc/default/grub"), "GRUB_DEFAULT=0\nGRUB_CMDLINE_XEN_DEFAULT=\"dom0_mem=1024M\"\n");
        BuildResult ok = project.maven("xen:grub-update").run();
        assertThat(ok.succeeded()).as(ok.toString()).isTrue();
        assertThat(root.resolve("boot/grub/grub.cfg")).content().contains("dom0_mem=1024M");
    }
}
