package io.github.dom0build.it.reliability;

import static io.github.dom0build.it.harness.Fixtures.files;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.dom0build.it.harness.BuildResult;
import io.github.dom0build.it.harness.Fixtures;
import io.github.dom0build.it.harness.ItProject;
import io.github.dom0build.it.harness.MavenRun;
import io.github.dom0build.it.harness.TreeDigest;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * git sources that cannot be had: an unknown ref, a pin that does not match, a repository that cannot be
 * reached, and a checkout with local changes. Each test starts from a checkout an earlier fetch made
 * (tag v6.1 of a local upstream); the failing fetch must explain itself with a Fix, and leave the
 * checkout as it was: work tree, dom0-build's records and HEAD, local changes included.
 */
class GitFaultIT {
    private static ItProject template;
    private static List<RevCommit> commits;

    private ItProject project;
    private Path upstream;
    private Path checkout;
    private Map<String, String> before;

    @BeforeAll
    static void cloneOnce() throws Exception {
        template = ItProject.copy("fetch", "reliability-git-template");
        Path up = template.resolve("upstream-linux");
        commits = Fixtures.gitRepo(up, files("Makefile", "VERSION = 6\n", "README", "Linux\n"),
                files("Makefile", "VERSION = 6\nPATCHLEVEL = 1\n"));
        Fixtures.tag(up, "v6.1");
        BuildResult r = template.maven("initialize").property("xen.fetch.skip", true).property("kernel.url", up)
                .property("kernel.ref", "v6.1").run();
        assertThat(r.succeeded()).as(r.toString()).isTrue();
    }

    @BeforeEach
    void copy(TestInfo info) throws Exception {
        project = template.duplicate("reliability-git-" + info.getTestMethod().orElseThrow().getName());
        upstream = project.resolve("upstream-linux");
        checkout = project.resolve("target/linux");
        before = state(checkout);
    }

    private MavenRun fetch(Object url, String ref) {
        MavenRun run = project.maven("initialize").property("xen.fetch.skip", true).property("kernel.url", url);
        return ref == null ? run : run.property("kernel.ref", ref);
    }

    /** The work tree (files, links, modes), dom0-build's records in it, and the commit HEAD is at. */
    private static Map<String, String> state(Path tree) throws Exception {
        Map<String, String> m = new java.util.TreeMap<>(TreeDigest.full(tree));
        m.keySet().removeIf(k -> k.startsWith(".git/"));
        try (Git git = Git.open(tree.toFile())) {
            m.put("HEAD", git.getRepository().resolve("HEAD").name());
        }
        return m;
    }

    private void failedAndChangedNothing(BuildResult r) throws Exception {
        assertThat(r.succeeded()).as(r.toString()).isFalse();
        assertThat(r.log()).contains("Fix: ").doesNotContain("Exception in thread");
        assertThat(state(checkout)).isEqualTo(before);
        assertThat(TreeDigest.leftoversBeside(checkout)).isEmpty();
    }

    @Test
    void anUnknownRefIsNamedWithTheClosestOnesAndChangesNothing() throws Exception {
        BuildResult r = fetch(upstream, "v6.2").run();
        assertThat(r.log()).contains("Ref 'v6.2' is not a branch, tag or commit id in " + upstream)
                .contains("Closest names there: v6.1").contains("Fix: set ref to an existing branch or tag");
        failedAndChangedNothing(r);
    }

    @Test
    void aPinMismatchChecksOutNothing() throws Exception {
        BuildResult r = fetch(upstream, "master").property("kernel.commit", commits.get(0).name()).run();
        assertThat(r.log()).contains("Pin mismatch: master of " + upstream + " is commit " + commits.get(1).name()
                + ", but commit pins " + commits.get(0).name() + ". Nothing was checked out.")
                .contains("Fix: if the ref moved on purpose, update commit to " + commits.get(1).name());
        failedAndChangedNothing(r);
    }

    @Test
    void anUnreachableRepositoryIsNamedAndChangesNothing() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        String url = "http://127.0.0.1:" + closedPort + "/linux.git";
        BuildResult r = fetch(url, "v6.1").run();
        assertThat(r.log()).contains("Cannot reach the git repository " + url)
                .contains("Fix: check the URL, the network and proxy");
        failedAndChangedNothing(r);
    }

    @Test
    void localChangesAreRefusedAndStillThereAfterwards() throws Exception {
        Files.writeString(checkout.resolve("Makefile"), "VERSION = 6\n# my local tweak\n");
        Files.writeString(checkout.resolve("notes.txt"), "work in progress\n");
        before = state(checkout);
        BuildResult r = fetch(upstream, commits.get(0).name()).run();
        assertThat(r.log()).contains("The checkout " + checkout + " has local changes, so it is not moved to")
                .contains("modified:  Makefile").contains("untracked: notes.txt")
                .contains("They are still there, untouched.")
                .contains("Fix: commit or stash them (git -C " + checkout + " stash), or set force=true");
        failedAndChangedNothing(r);
        assertThat(checkout.resolve("Makefile")).hasContent("VERSION = 6\n# my local tweak");
        assertThat(checkout.resolve("notes.txt")).hasContent("work in progress");
    }
}
