package io.github.dom0build.core.fetch.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dom0build.core.BuildException;
import io.github.dom0build.core.fetch.FetchStamp;
import io.github.dom0build.core.fetch.GitSource;
import io.github.dom0build.core.testing.RecordingLog;
import io.github.dom0build.core.stamp.StampStore;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitFetcherTest {
    @TempDir
    Path tmp;

    private final RecordingLog log = new RecordingLog();
    private TestRepo upstream;
    private RevCommit first;
    private RevCommit second;
    private Path target;

    @BeforeEach
    void upstream() throws Exception {
        upstream = new TestRepo(tmp.resolve("upstream"));
        first = upstream.commit("Makefile", "all:\n\techo v1\n");
        upstream.tag("v1.0");
        second = upstream.commit("Makefile", "all:\n\techo v2\n");
        upstream.branch("stable-1.0");
        target = tmp.resolve("build/src");
    }

    private GitFetcher.Outcome fetch(String ref, String pin, boolean force) throws BuildException {
        return new GitFetcher(log).fetch(new GitSource(upstream.dir.toString(), ref, pin), target,
                new GitFetcher.Options(force, false, false, true));
    }

    @Test
    void clonesTheDefaultBranchAndStampsTheTree() throws Exception {
        GitFetcher.Outcome o = fetch(null, null, false);
        assertThat(o.commit()).isEqualTo(second.name());
        assertThat(target.resolve("Makefile")).content().contains("v2");
        assertThat(FetchStamp.identity(target)).isPresent();
        assertThat(target.resolve(".git/info/exclude")).content().contains("/.dom0-build/");
        assertThat(Files.list(tmp.resolve("build")).map(p -> p.getFileName().toString())).containsExactly("src");
    }

    @Test
    void checksOutAnAnnotatedTagAsItsCommit() throws Exception {
        assertThat(fetch("v1.0", null, false).commit()).isEqualTo(first.name());
        assertThat(target.resolve("Makefile")).content().contains("v1");
    }

    @Test
    void checksOutACommitIdThatIsNoRefName() throws Exception {
        assertThat(fetch(first.name().substring(0, 10), null, false).commit()).isEqualTo(first.name());
    }

    @Test
    void aShallowFetchOfABranchFetchesOneCommit() throws Exception {
        fetch("main", null, false);
        try (Git g = Git.open(target.toFile())) {
            assertThat(g.log().call()).hasSize(1);
        }
    }

    @Test
    void aMatchingPinPassesAndAMismatchLeavesNothingBehind() throws Exception {
        assertThat(fetch("main", second.name(), false).commit()).isEqualTo(second.name());
        Path other = tmp.resolve("other");
        assertThatThrownBy(() -> new GitFetcher(log).fetch(new GitSource(upstream.dir.toString(), "main",
                first.name()), other, new GitFetcher.Options(false, false, false, true)))
                .isInstanceOf(BuildException.class)
                .hasMessageContaining("Pin mismatch")
                .hasMessageContaining(second.name())
                .hasMessageContaining("Fix: if the ref moved on purpose, update commit to " + second.name());
        assertThat(other).doesNotExist();
        assertThat(Files.list(tmp).map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith(".other"));
    }

    @Test
    void anUnknownRefNamesTheClosestRefs() throws Exception {
        assertThatThrownBy(() -> fetch("stable-1.1", null, false)).isInstanceOf(BuildException.class)
                .hasMessageContaining("Ref 'stable-1.1' is not a branch, tag or commit id")
                .hasMessageContaining("Closest names there: stable-1.0");
        assertThat(target).doesNotExist();
    }

    @Test
    void anUnreachableRepositorySaysSo() {
        assertThatThrownBy(() -> new GitFetcher(log).fetch(new GitSource(tmp.resolve("nope.git").toString(), null,
                null), target, new GitFetcher.Options(false, false, false, true)))
                .isInstanceOf(BuildException.class).hasMessageContaining("Cannot reach the git repository");
        assertThat(target).doesNotExist();
    }

    @Test
    void aRerunWithTheSameIdentityDoesNothingAndSaysSo() throws Exception {
        fetch("main", null, false);
        Files.writeString(target.resolve(".dom0-build/marker"), "kept");
        GitFetcher.Outcome o = fetch("main", null, false);
        assertThat(o.changed()).isFalse();
        assertThat(log.text()).contains("Sources up to date");
        assertThat(target.resolve(".dom0-build/marker")).exists();
    }

    @Test
    void anExistingCheckoutMovesToANewRefAndDropsStaleStamps() throws Exception {
        fetch("main", null, false);
        StampStore.in(target).write("patches", java.util.Map.of());
        fetch("v1.0", null, false);
        assertThat(target.resolve("Makefile")).content().contains("v1");
        assertThat(StampStore.in(target).path("patches")).doesNotExist();
    }

    @Test
    void localChangesAreRefusedAndKeptUnlessForced() throws Exception {
        fetch("main", null, false);
        Files.writeString(target.resolve("Makefile"), "edited\n");
        Files.writeString(target.resolve("new.c"), "int x;\n");
        assertThatThrownBy(() -> fetch("v1.0", null, false)).isInstanceOf(BuildException.class)
                .hasMessageContaining("has local changes")
                .hasMessageContaining("modified:  Makefile")
                .hasMessageContaining("untracked: new.c")
                .hasMessageContaining("force=true");
        assertThat(target.resolve("Makefile")).content().isEqualTo("edited\n");
        assertThat(target.resolve("new.c")).exists();

        fetch("v1.0", null, true);
        assertThat(target.resolve("Makefile")).content().contains("v1");
        assertThat(target.resolve("new.c")).doesNotExist();
    }

    @Test
    void aForeignDirectoryIsNotReplacedWithoutForce() throws Exception {
        Files.createDirectories(target);
        Files.writeString(target.resolve("mine.txt"), "precious");
        assertThatThrownBy(() -> fetch("main", null, false)).isInstanceOf(BuildException.class)
                .hasMessageContaining("was not made by fetch");
        assertThat(target.resolve("mine.txt")).content().isEqualTo("precious");
    }

    @Test
    void offlineRefusesARemoteUrlButNotALocalPath() throws Exception {
        assertThatThrownBy(() -> new GitFetcher(log).fetch(new GitSource("https://example.invalid/x.git", null, null),
                target, new GitFetcher.Options(false, true, false, true)))
                .isInstanceOf(BuildException.class).hasMessageContaining("offline");
        new GitFetcher(log).fetch(new GitSource(upstream.dir.toString(), null, null), target,
                new GitFetcher.Options(false, true, false, true));
        assertThat(target.resolve("Makefile")).exists();
    }
}
