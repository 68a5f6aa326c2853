package io.github.dom0build.core.systemd;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UnitFileTest {
    @TempDir
    Path tmp;

    private Path unit(String name, String text) throws IOException {
        Path p = tmp.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    @Test
    void readsWantedByFromXenstoredService() throws Exception {
        Path p = unit("xenstored.service", """
                [Unit]
                Description=The Xen xenstore
                Requires=proc-xen.mount
                After=proc-xen.mount
                ConditionPathExists=/proc/xen/capabilities

                [Service]
                Type=notify
                NotifyAccess=all
                RemainAfterExit=true
                ExecStartPre=/bin/grep -q control_d /proc/xen/capabilities
                ExecStart=/etc/xen/scripts/launch-xenstore

                [Install]
                WantedBy=multi-user.target
                """);
        UnitFile u = UnitFile.parse("xenstored.service", p);
        assertThat(u).isEqualTo(new UnitFile("xenstored.service", p, List.of("multi-user.target"), List.of(), List.of(),
                true, "/etc/xen/scripts/launch-xenstore"));
    }

    @Test
    void readsSeveralTargetsRequiredByAndAlsoAndIgnoresComments() throws Exception {
        Path p = unit("xen-watchdog.service", """
                [Unit]
                Description=Xen-watchdog - run xen watchdog daemon
                # WantedBy=in-a-comment.target

                [Service]
                WantedBy=not-in-install.target
                ExecStart=/usr/sbin/xenwatchdogd 30 15

                [Install]
                # WantedBy=commented.target
                WantedBy=multi-user.target   graphical.target
                RequiredBy = xendomains.service
                Also=xenstored.service xenconsoled.service
                Also=xen-init-dom0.service
                Alias=watchdog.service
                """);
        UnitFile u = UnitFile.parse("xen-watchdog.service", p);
        assertThat(u.wantedBy()).containsExactly("multi-user.target", "graphical.target");
        assertThat(u.requiredBy()).containsExactly("xendomains.service");
        assertThat(u.alsos()).containsExactly("xenstored.service", "xenconsoled.service", "xen-init-dom0.service");
        assertThat(u.hasInstallSection()).isTrue();
        assertThat(u.execStartProgram()).isEqualTo("/usr/sbin/xenwatchdogd");
    }

    @Test
    void theProgramOfExecStartLosesSystemdsPrefixes() throws Exception {
        Path p = unit("xen-qemu-dom0-disk-backend.service", """
                [Service]
                Type=simple
                ExecStartPre=/bin/mkdir -p /var/run/xen
                ExecStart=-@/usr/bin/qemu-system-i386 qemu -xen-domid 0 \\
                    -xen-attach -name dom0 -nographic -M xenpv -daemonize

                [Install]
                WantedBy=multi-user.target
                """);
        assertThat(UnitFile.parse("xen-qemu-dom0-disk-backend.service", p).execStartProgram())
                .isEqualTo("/usr/bin/qemu-system-i386");
    }

    @Test
    void aUnitWithoutInstallSectionCannotBeEnabled() throws Exception {
        Path p = unit("proc-xen.mount", """
                [Unit]
                Description=Mount /proc/xen files
                ConditionPathExists=/proc/xen
                RefuseManualStop=true

                [Mount]
                What=xenfs
                Where=/proc/xen
                Type=xenfs
                """);
        assertThat(UnitFile.parse("proc-xen.mount", p)).isEqualTo(new UnitFile("proc-xen.mount", p, List.of(), List.of(),
                List.of(), false, null));
    }

    @Test
    void anInstallSectionWithNothingToEnableCountsAsNone() throws Exception {
        Path p = unit("empty.service", "[Service]\nExecStart=/bin/true\n\n[Install]\n# nothing\nAlias=other.service\n");
        UnitFile u = UnitFile.parse("empty.service", p);
        assertThat(u.hasInstallSection()).isFalse();
        assertThat(u.wantedBy()).isEmpty();
    }

    @Test
    void anEmptyAssignmentNamesNoUnit() throws Exception {
        Path p = unit("xendomains.service", "[Install]\nWantedBy=\nRequiredBy=   \nAlso=\n");
        UnitFile u = UnitFile.parse("xendomains.service", p);
        assertThat(u.wantedBy()).isEmpty();
        assertThat(u.requiredBy()).isEmpty();
        assertThat(u.alsos()).isEmpty();
        assertThat(u.hasInstallSection()).as("nothing to enable").isFalse();

        Path q = unit("xenconsoled.service", "[Install]\nWantedBy=\nWantedBy=multi-user.target\n");
        assertThat(UnitFile.parse("xenconsoled.service", q).wantedBy()).containsExactly("multi-user.target");
    }

    @Test
    void findPrefersEtcOverTheVendorDirectories() throws Exception {
        Path root = tmp.resolve("root");
        Files.createDirectories(root.resolve("usr/lib/systemd/system"));
        Files.createDirectories(root.resolve("lib/systemd/system"));
        Files.createDirectories(root.resolve("etc/systemd/system"));
        Files.writeString(root.resolve("usr/lib/systemd/system/xenstored.service"), "[Install]\nWantedBy=multi-user.target\n");
        Files.writeString(root.resolve("etc/systemd/system/xenstored.service"), "[Install]\nWantedBy=custom.target\n");
        Files.writeString(root.resolve("lib/systemd/system/xenconsoled.service"), "[Install]\nWantedBy=multi-user.target\n");

        Optional<UnitFile> xenstored = UnitFile.find(root, "xenstored.service");
        assertThat(xenstored).get().extracting(UnitFile::path).isEqualTo(root.resolve("etc/systemd/system/xenstored.service"));
        assertThat(xenstored.get().wantedBy()).containsExactly("custom.target");
        assertThat(UnitFile.find(root, "xenconsoled.service")).get().extracting(UnitFile::path)
                .isEqualTo(root.resolve("lib/systemd/system/xenconsoled.service"));
        assertThat(UnitFile.find(root, "xendomains.service")).isEmpty();
    }
}
