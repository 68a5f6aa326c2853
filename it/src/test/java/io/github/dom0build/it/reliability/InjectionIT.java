package io.github.dom0build.it.reliability;

import static io.github.dom0build.it.harness.Fixtures.files;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.dom0build.core.io.Sha256;
import io.github.dom0build.it.harness.ArchiveBuilder;
import io.github.dom0build.it.harness.BuildResult;
import io.github.dom0build.it.harness.Fixtures;
import io.github.dom0build.it.harness.ItProject;
import io.github.dom0build.it.harness.MavenProcess;
import io.github.dom0build.it.harness.TreeDigest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * Every string parameter that reaches a command, a build system or a file name, tried with shell and
 * make metacharacters: {@code $(...)}, backticks, {@code ;}, {@code |}, {@code &&} and a newline, each
 * of them a command that would create a marker file. The marker must never appear; parameters that are
 * passed as one argument (URLs, refs, patch names, paths) are taken literally, and values that a build
 * system would paste into a shell line (make variables, configure arguments, kconfig strings) or that
 * name a file (classifiers, units, kernel releases) are refused, before anything runs, with the reason
 * and a Fix. Maven runs as a plain child process, so the test harness itself never goes through a shell.
 */
class InjectionIT {
    private static final Duration RUN = Duration.ofMinutes(3);

    private ItProject project;
    private Path marker;

    private ItProject copy(String caseName, TestInfo info) throws Exception {
        project = ItProject.copy(caseName, "reliability-inject-" + info.getTestMethod().orElseThrow().getName());
        marker = project.resolve("INJECTED");
        return project;
    }

    @AfterEach
    void nothingWasExecuted() throws Exception {
        assertThat(marker).as("a command hidden in a parameter ran").doesNotExist();
        try (java.util.stream.Stream<Path> s = Files.walk(project.dir())) {
            assertThat(s.filter(p -> p.getFileName().toString().equals("INJECTED")).toList())
                    .as("a command hidden in a parameter ran").isEmpty();
        }
    }

    /** Each metacharacter with a command that creates the marker; no comma (the -D list separator). */
    private String payload() {
        String touch = "touch " + marker;
        return "x$(" + touch + ")`" + touch + "`;" + touch + "|" + touch + "&&" + touch + "\n" + touch;
    }

    /** The same without a newline, for values that go into XML or file names. */
    private String oneLinePayload() {
        return payload().replace('\n', ' ');
    }

    private MavenProcess maven(String... goals) {
        return MavenProcess.in(project).goals(goals);
    }

    private static void failsClearly(BuildResult r, String... expected) {
        assertThat(r.succeeded()).as(r.toString()).isFalse();
        assertThat(r.log()).contains(expected).contains("Fix: ").doesNotContain("Exception in thread");
    }

    /** Inserts {@code xml} into the plugin's {@code <configuration>} of the project's POM. */
    private void configure(String xml) throws Exception {
        Path pom = project.resolve("pom.xml");
        String s = Files.readString(pom, StandardCharsets.UTF_8);
        int at = s.lastIndexOf("</configuration>");
        Files.writeString(pom, s.substring(0, at) + xml + s.substring(at), StandardCharsets.UTF_8);
    }

    private static String xml(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    @Test
    void anArchiveUrlIsTakenLiterally(TestInfo info) throws Exception {
        copy("fetch", info);
        BuildResult r = maven("initialize").property("kernel.fetch.skip", true)
                .property("xen.url", "http://127.0.0.1:9/xen.tar.gz?" + payload()).property("xen.sha256", "a".repeat(64))
                .run(RUN);
        failsClearly(r, "is not a valid URL", "Fix: percent-encode spaces and special characters in the URL");
        BuildResult local = maven("initialize").property("kernel.fetch.skip", true)
                .property("xen.url", project.resolve("src") + payload()).run(RUN);
        failsClearly(local, "is neither a URL nor an existing file or directory");
        assertThat(project.resolve("target/xen")).doesNotExist();
    }

    @Test
    void aGitUrlAndRefAreTakenLiterally(TestInfo info) throws Exception {
        copy("fetch", info);
        Path upstream = project.resolve("upstream");
        Fixtures.gitRepo(upstream, files("README", "xen\n"));
        BuildResult ref = maven("initialize").property("kernel.fetch.skip", true).property("xen.url", upstream)
                .property("xen.ref", payload()).run(RUN);
        failsClearly(ref, "is not a branch, tag or commit id in " + upstream, "Fix: set ref to an existing");
        BuildResult url = maven("initialize").property("kernel.fetch.skip", true)
                .property("xen.url", "git+file://" + upstream + oneLinePayload()).run(RUN);
        failsClearly(url, "git");
        assertThat(project.resolve("target/xen")).doesNotExist();
    }

    @Test
    void aCommitPinAndASha256MustBeHexDigits(TestInfo info) throws Exception {
        copy("fetch", info);
        Path upstream = project.resolve("upstream");
        Fixtures.gitRepo(upstream, files("README", "xen\n"));
        BuildResult commit = maven("initialize").property("kernel.fetch.skip", true).property("xen.url", upstream)
                .property("xen.commit", payload()).run(RUN);
        failsClearly(commit, "is not a commit id (7 to 40 hex digits)", "Fix: set commit to the full id");
        Path archive = project.resolve("xen.tar.gz");
        Files.write(archive, ArchiveBuilder.create().file("xen/Makefile", "x\n").tarGz());
        BuildResult sha = maven("initialize").property("kernel.fetch.skip", true).property("xen.url", archive)
                .property("xen.sha256", Sha256.of(archive) + payload()).run(RUN);
        failsClearly(sha, "is not a SHA-256 digest (64 hex digits)", "Fix: copy the digest as `sha256sum FILE`");
    }

    @Test
    void makeVariablesThatWouldRunACommandAreRefusedBeforeMakeRuns(TestInfo info) throws Exception {
        copy("kernel", info);
        configure("<makeVariables><EXTRAVERSION>" + xml(oneLinePayload()) + "</EXTRAVERSION></makeVariables>");
        BuildResult r = maven("compile").run(RUN);
        failsClearly(r, "make variable EXTRAVERSION", "would run a command");
        assertThat(r.log()).doesNotContain("[make]");
        assertThat(project.resolve("target/kernel-build/.config")).doesNotExist();
    }

    @Test
    void makeTargetsThatWouldRunACommandAreRefused(TestInfo info) throws Exception {
        copy("kernel", info);
        BuildResult r = maven("compile").property("kernel.targets", "bzImage;" + "touch " + marker).run(RUN);
        failsClearly(r, "make target 'bzImage;touch " + marker + "' is not a target name");
    }

    @Test
    void configureArgumentsThatWouldRunACommandAreRefusedBeforeConfigureRuns(TestInfo info) throws Exception {
        copy("xen", info);
        configure("<configureArguments><argument>CFLAGS=-O2 " + xml(oneLinePayload())
                + "</argument></configureArguments>");
        BuildResult r = maven("process-sources").property("xen.defconfig.skip", true).run(RUN);
        failsClearly(r, "configure argument 'CFLAGS=-O2 x$(touch", "would run a command");
        assertThat(r.log()).doesNotContain("[configure] checking");
        assertThat(project.resolve("target/xen/config/Tools.mk")).doesNotExist();
    }

    @Test
    void kernelOptionsWhoseStringWouldRunACommandAreRefused(TestInfo info) throws Exception {
        copy("kernel", info);
        String evil = "-dom0$(touch " + marker + ")`touch " + marker + "`";
        configure("<options><option>CONFIG_LOCALVERSION=\"" + xml(evil) + "\"</option></options>");
        BuildResult r = maven("compile").run(RUN);
        failsClearly(r, "CONFIG_LOCALVERSION", "would run a command");
        assertThat(r.log()).doesNotContain("[make]");
    }

    @Test
    void patchNamesAndPathsWithSpacesAreTakenLiterally(TestInfo info) throws Exception {
        copy("patch", info);
        // File names cannot hold '/', so these commands create INJECTED wherever they would run.
        String odd = "0001 $(touch INJECTED) `touch INJECTED`;touch INJECTED|touch INJECTED&&touch INJECTED.patch";
        Path patches = Files.createDirectories(project.resolve("my patches"));
        Files.copy(project.resolve("patches/0001-xen-events-raise-port-count.patch"), patches.resolve(odd));
        Path source = project.resolve("target/linux src;touch INJECTED $(touch INJECTED)");
        BuildResult r = maven("process-sources").property("kernel.patchDirectory", patches)
                .property("kernel.sourceDirectory", source).run(RUN);
        assertThat(r.succeeded()).as(r.toString()).isTrue();
        assertThat(r.log()).contains("Applying " + odd);
        assertThat(source.resolve("drivers/xen/events.c")).content().contains("int ports = 4096;");
    }

    @Test
    void aClassifierThatNamesAnotherDirectoryIsRefused(TestInfo info) throws Exception {
        copy("kernel", info);
        BuildResult r = maven("kernel:dist").property("kernel.classifier", "../../pwned").run(RUN);
        failsClearly(r, "classifier '../../pwned'", "Fix: ");
        assertThat(project.resolve("../pwned.tar.gz").normalize()).doesNotExist();
        assertThat(project.resolve("../kernel-pwned.tar.gz").normalize()).doesNotExist();
    }

    @Test
    void unitNamesAndKernelReleasesAreCheckedBeforeAnythingChanges(TestInfo info) throws Exception {
        copy("xen", info);
        Path root = project.resolve("target/root");
        write(root, "etc/default/xencommons", "#XENSTORED=\n");
        write(root, "usr/sbin/oxenstored", "#!/bin/sh\n");
        write(root, "usr/lib/systemd/system/xenstored.service",
                "[Unit]\nDescription=xenstored\n[Service]\nExecStart=/usr/sbin/oxenstored\n[Install]\n"
                        + "WantedBy=multi-user.target\n");
        write(root, "boot/vmlinuz-6.1.0-fixture", "kernel\n");
        write(root, "boot/config-6.1.0-fixture", "CONFIG_XEN_DOM0=y\n");
        write(root, "boot/xen-4.17.5.gz", "xen\n");
        Map<String, String> before = TreeDigest.full(root);

        BuildResult units = maven("xen:systemd-enable").property("xen.units", "xenstored.service;touch " + marker)
                .run(RUN);
        failsClearly(units, "'xenstored.service;touch " + marker + "' is not a systemd unit name");
        assertThat(TreeDigest.full(root)).as("the staged root, xencommons included").isEqualTo(before);

        BuildResult kernels = maven("xen:grub-update").property("xen.kernels", "6.1.0-fixture$(touch " + marker
                + ")/../../../etc").run(RUN);
        failsClearly(kernels, "6.1.0-fixture$(touch " + marker + ")/../../../etc");
        assertThat(TreeDigest.full(root)).isEqualTo(before);
    }

    private static void write(Path root, String rel, String content) throws Exception {
        Path p = root.resolve(rel);
        Files.createDirectories(p.getParent());
        Files.writeString(p, content);
    }
}
