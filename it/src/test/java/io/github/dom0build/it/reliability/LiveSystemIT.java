package io.github.dom0build.it.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.dom0build.it.harness.BuildResult;
import io.github.dom0build.it.harness.ItProject;
import io.github.dom0build.it.harness.MavenProcess;
import io.github.dom0build.it.harness.TreeDigest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * The goals that change a root, aimed at this machine ({@code root=/}): without
 * {@code allowLiveSystem} they are refused; with it but as an ordinary user they fail, saying that root
 * is needed. Either way before anything changed: /boot, /etc/default, /etc/systemd/system,
 * /var/lib/dom0-build and /lib/modules are compared before and after. The unprivileged runs use setpriv
 * (uid and gid 65534, no supplementary groups), so these tests need root and are skipped without it.
 */
class LiveSystemIT {
    private static final Duration RUN = Duration.ofMinutes(2);
    private static final int NOBODY = 65534;

    private ItProject project;
    private Map<String, String> hostBefore;

    @BeforeEach
    void setUp(TestInfo info) throws Exception {
        project = ItProject.copy("fetch", "reliability-live-" + info.getTestMethod().orElseThrow().getName());
        hostBefore = hostState();
    }

    /** What install, grub-update and systemd-enable would change on this machine. */
    private static Map<String, String> hostState() throws Exception {
        Map<String, String> m = new TreeMap<>();
        for (String dir : new String[] {"/boot", "/etc/default", "/etc/systemd/system", "/var/lib/dom0-build"}) {
            TreeDigest.full(Path.of(dir)).forEach((k, v) -> m.put(dir + "/" + k, v));
        }
        Path modules = Path.of("/lib/modules");
        if (Files.isDirectory(modules)) {
            try (Stream<Path> s = Files.list(modules)) {
                s.forEach(p -> m.put(p.toString(), "present"));
            }
        }
        return m;
    }

    private MavenProcess goal(String goal, String prefix) {
        return MavenProcess.in(project).goals(goal).property(prefix + ".root", "/");
    }

    private void refusedAndNothingChanged(BuildResult r, String what, String prefix) throws Exception {
        assertThat(r.succeeded()).as(r.toString()).isFalse();
        assertThat(r.log()).contains("Refusing to " + what + " into the live system (root /). Nothing was changed.")
                .contains("Fix: to really change this machine, also set -D" + prefix + ".allowLiveSystem=true");
        assertThat(hostState()).isEqualTo(hostBefore);
    }

    @Test
    void installIntoTheLiveSystemWithoutTheFlagIsRefused() throws Exception {
        Path stage = project.resolve("target/kernel-stage/boot");
        Files.createDirectories(stage);
        Files.writeString(stage.resolve("vmlinuz-6.1.0-live-test"), "not a kernel\n");
        BuildResult r = goal("kernel:install", "kernel").run(RUN);
        refusedAndNothingChanged(r, "install the kernel", "kernel");
        assertThat(Path.of("/boot/vmlinuz-6.1.0-live-test")).doesNotExist();
    }

    @Test
    void grubUpdateOfTheLiveSystemWithoutTheFlagIsRefused() throws Exception {
        refusedAndNothingChanged(goal("xen:grub-update", "xen").run(RUN), "update grub", "xen");
    }

    @Test
    void systemdEnableOnTheLiveSystemWithoutTheFlagIsRefused() throws Exception {
        refusedAndNothingChanged(goal("xen:systemd-enable", "xen").run(RUN), "enable the Xen units", "xen");
    }

    /** Maven as uid 65534, with the live system explicitly allowed: it must stop at the missing root rights. */
    private BuildResult asNobody(String goal, String prefix) throws Exception {
        assumeTrue(io.github.dom0build.core.install.TargetRoot.runningAsRoot(),
                "running Maven as another user needs root (setpriv)");
        Path home = Files.createDirectories(project.resolve("home"));
        try (Stream<Path> s = Files.walk(project.dir())) {
            for (Path p : (Iterable<Path>) s::iterator) {
                Files.setAttribute(p, "unix:uid", NOBODY, java.nio.file.LinkOption.NOFOLLOW_LINKS);
                Files.setAttribute(p, "unix:gid", NOBODY, java.nio.file.LinkOption.NOFOLLOW_LINKS);
            }
        }
        return goal(goal, prefix).property(prefix + ".allowLiveSystem", true).asUser(NOBODY, NOBODY)
                .env("HOME", home.toString()).args("-o").run(RUN);
    }

    private void needsRootAndNothingChanged(BuildResult r, String what) throws Exception {
        assertThat(r.succeeded()).as(r.toString()).isFalse();
        assertThat(r.log()).contains("To " + what + " into the live system this build must run as root (it runs as"
                + " uid " + NOBODY + "). Nothing was changed.")
                .contains("Fix: run the build with sudo, or stage into a root under target/");
        assertThat(hostState()).isEqualTo(hostBefore);
    }

    @Test
    void installAsAnOrdinaryUserFailsBeforeChangingAnything() throws Exception {
        Path stage = project.resolve("target/kernel-stage/boot");
        Files.createDirectories(stage);
        Files.writeString(stage.resolve("vmlinuz-6.1.0-live-test"), "not a kernel\n");
        BuildResult r = asNobody("kernel:install", "kernel");
        needsRootAndNothingChanged(r, "install the kernel");
        assertThat(Path.of("/boot/vmlinuz-6.1.0-live-test")).doesNotExist();
    }

    @Test
    void grubUpdateAsAnOrdinaryUserFailsBeforeChangingAnything() throws Exception {
        needsRootAndNothingChanged(asNobody("xen:grub-update", "xen"), "update grub");
    }

    @Test
    void systemdEnableAsAnOrdinaryUserFailsBeforeChangingAnything() throws Exception {
        needsRootAndNothingChanged(asNobody("xen:systemd-enable", "xen"), "enable the Xen units");
    }
}
