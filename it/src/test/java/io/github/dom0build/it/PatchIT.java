package io.github.dom0build.it;

import static io.github.dom0build.it.harness.Fixtures.files;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.dom0build.it.harness.BuildResult;
import io.github.dom0build.it.harness.Fixtures;
import io.github.dom0build.it.harness.ItProject;
import io.github.dom0build.it.harness.TreeDigest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/** The patch goal on a fetched fixture tree: quilt series, directories, git am, and failures. */
class PatchIT {
    private ItProject copy(TestInfo info) throws Exception {
        return ItProject.copy("patch", "patch-" + info.getTestMethod().orElseThrow().getName());
    }

    @Test
    void aQuiltSeriesIsAppliedOnceAndNotAgain(TestInfo info) throws Exception {
        ItProject p = copy(info);
        BuildResult first = p.maven("process-sources").property("kernel.series", p.resolve("patches/series")).run();
        assertThat(first.succeeded()).as(first.toString()).isTrue();
        assertThat(p.resolve("target/linux/drivers/xen/events.c")).content().contains("int ports = 4096;");
        assertThat(p.resolve("target/linux/drivers/xen/unbind.c")).exists();
        assertThat(p.resolve("target/linux/drivers/xen/events.h")).content().contains("evtchn_unbind");
        assertThat(Files.isExecutable(p.resolve("target/linux/scripts/setlocalversion"))).isTrue();
        assertThat(first.log()).contains("Applying 0001-xen-events-raise-port-count.patch")
                .contains("Applying 0002-xen-events-add-unbind.patch");

        BuildResult second = p.maven("process-sources").property("kernel.series", p.resolve("patches/series")).run();
        assertThat(second.succeeded()).as(second.toString()).isTrue();
        assertThat(second.log()).contains("Patch series already applied (2 patches)")
                .doesNotContain("Applying 0001");
    }

    @Test
    void aDirectoryIsAppliedInNameOrder(TestInfo info) throws Exception {
        ItProject p = copy(info);
        BuildResult r = p.maven("process-sources").property("kernel.patchDirectory", p.resolve("patches")).run();
        assertThat(r.succeeded()).as(r.toString()).isTrue();
        assertThat(r.log().indexOf("Applying 0001")).isLessThan(r.log().indexOf("Applying 0002"));
        assertThat(p.resolve("target/linux/drivers/xen/unbind.c")).exists();
    }

    @Test
    void aPatchThatDoesNotApplyLeavesTheTreeExactlyAsItWas(TestInfo info) throws Exception {
        ItProject p = copy(info);
        BuildResult r = p.maven("process-sources").property("kernel.series", p.resolve("bad-patches/series")).run();
        assertThat(r.succeeded()).isFalse();
        assertThat(r.log()).contains("0003-does-not-apply.patch").contains("drivers/xen/events.c")
                .contains("hunk #1").contains("Nothing in " + p.resolve("target/linux") + " was changed");
        assertThat(TreeDigest.of(p.resolve("target/linux"))).isEqualTo(TreeDigest.of(p.resolve("tree")));
    }

    @Test
    void aDifferentSeriesOnAPatchedTreeIsRefused(TestInfo info) throws Exception {
        ItProject p = copy(info);
        assertThat(p.maven("process-sources").property("kernel.series", p.resolve("patches/series")).run()
                .succeeded()).isTrue();
        Map<String, String> patched = TreeDigest.of(p.resolve("target/linux"));
        BuildResult r = p.maven("process-sources")
                .property("kernel.patches", p.resolve("patches/0002-xen-events-add-unbind.patch")).run();
        assertThat(r.succeeded()).isFalse();
        assertThat(r.log()).contains("different").contains("Fix:");
        assertThat(TreeDigest.of(p.resolve("target/linux"))).isEqualTo(patched);
    }

    @Test
    void gitFormatPatchMailsBecomeCommitsWithTheirAuthors(TestInfo info) throws Exception {
        ItProject p = ItProject.copy("patch-git", "patch-git-" + info.getTestMethod().orElseThrow().getName());
        Path upstream = p.resolve("upstream-xen");
        Fixtures.gitRepo(upstream, files("xen/common/version.c", "const char *v = \"4.17.5\";\n",
                "tools/xenstored/README", "C xenstored\n"));
        Fixtures.tag(upstream, "RELEASE-4.17.5");
        // Two upstream-style patches, made by real git and mailed out with format-patch.
        git(upstream, "checkout", "-q", "-b", "topic");
        Files.writeString(upstream.resolve("xen/common/version.c"), "const char *v = \"4.17.5-dom0\";\n");
        git(upstream, "-c", "user.name=René Müller", "-c", "user.email=rene@example.org", "commit", "-q", "-a",
                "-m", "xen/version: tag dom0 builds", "-m", "So that the banner says which build this is.");
        git(upstream, "mv", "tools/xenstored/README", "tools/xenstored/README.md");
        git(upstream, "-c", "user.name=Jan Beulich", "-c", "user.email=jan@example.org", "commit", "-q",
                "-m", "tools: rename the xenstored README");
        String topicTree = git(upstream, "rev-parse", "HEAD^{tree}").strip();
        git(upstream, "format-patch", "-q", "-2", "-o", p.resolve("patches").toString());
        git(upstream, "checkout", "-q", "master");
        git(upstream, "branch", "-q", "-D", "topic");

        BuildResult r = p.maven("process-sources").run();
        assertThat(r.succeeded()).as(r.toString()).isTrue();
        try (Git g = Git.open(p.resolve("target/xen").toFile())) {
            List<RevCommit> log = new ArrayList<>();
            g.log().setMaxCount(3).call().forEach(log::add);
            assertThat(log.get(0).getShortMessage()).isEqualTo("tools: rename the xenstored README");
            assertThat(log.get(0).getAuthorIdent().getName()).isEqualTo("Jan Beulich");
            assertThat(log.get(1).getShortMessage()).isEqualTo("xen/version: tag dom0 builds");
            assertThat(log.get(1).getFullMessage()).contains("So that the banner says which build this is.");
            assertThat(log.get(1).getAuthorIdent().getName()).isEqualTo("René Müller");
            assertThat(log.get(0).getTree().name()).isEqualTo(topicTree);
            assertThat(g.status().call().isClean()).isTrue();
        }
        assertThat(p.resolve("target/xen/tools/xenstored/README.md")).exists();
        assertThat(p.resolve("target/xen/tools/xenstored/README")).doesNotExist();
        BuildResult again = p.maven("process-sources").run();
        assertThat(again.log()).contains("Sources up to date").contains("Patch series already applied (2 patches)");
    }

    private static String git(Path dir, String... args) throws Exception {
        List<String> argv = new ArrayList<>(List.of("git", "-C", dir.toString()));
        argv.addAll(List.of(args));
        Process proc = new ProcessBuilder(argv).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        String out = new String(proc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (proc.waitFor() != 0) {
            throw new IllegalStateException("git " + String.join(" ", args) + " failed: " + out);
        }
        return out;
    }
}
