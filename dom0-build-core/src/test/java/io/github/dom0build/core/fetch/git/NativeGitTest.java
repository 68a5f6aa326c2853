package io.github.dom0build.core.fetch.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.dom0build.core.fetch.GitSource;
import io.github.dom0build.core.testing.RecordingLog;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The git command line path and the JGit path leave the same checkout behind. */
class NativeGitTest {
    @TempDir
    Path tmp;

    @AfterEach
    void restore() {
        System.clearProperty("dom0build.nativeGit");
    }

    private String cloneWith(boolean nativeGit, TestRepo upstream, String url, String name) throws Exception {
        System.setProperty("dom0build.nativeGit", Boolean.toString(nativeGit));
        Path target = tmp.resolve(name);
        GitFetcher.Outcome o = new GitFetcher(new RecordingLog()).fetch(new GitSource(url, "stable", null), target,
                new GitFetcher.Options(false, false, false, true));
        try (Git git = Git.open(target.toFile())) {
            assertThat(git.status().call().isClean()).isTrue();
            assertThat(git.getRepository().resolve("HEAD").name()).isEqualTo(o.commit());
        }
        assertThat(Files.exists(target.resolve(".git/shallow"))).as("shallow").isTrue();
        return o.commit() + "\n" + Files.readString(target.resolve("Makefile"));
    }

    @Test
    void bothPathsCheckOutTheSameCommitShallowAndClean() throws Exception {
        assumeTrue(NativeGit.find(new RecordingLog()).isPresent(), "git is not installed");
        TestRepo upstream = new TestRepo(tmp.resolve("upstream"));
        upstream.commit("Makefile", "all:\n\techo v1\n");
        RevCommit second = upstream.commit("Makefile", "all:\n\techo v2\n");
        upstream.branch("stable");
        upstream.commit("Makefile", "all:\n\techo v3\n");
        String viaJGit = cloneWith(false, upstream, upstream.dir.toString(), "jgit");
        String viaGit = cloneWith(true, upstream, upstream.dir.toString(), "git");
        String viaFileUrl = cloneWith(true, upstream, upstream.dir.toUri().toString(), "git-url");
        assertThat(viaGit).isEqualTo(viaJGit).startsWith(second.name()).endsWith("v2\n");
        assertThat(viaFileUrl).isEqualTo(viaJGit);
    }

    @Test
    void fileUrlsBecomeWhatGitTakes() {
        assertThat(NativeGit.gitUrl("file:/srv/repo")).isEqualTo("/srv/repo");
        assertThat(NativeGit.gitUrl("file:///srv/repo")).isEqualTo("file:///srv/repo");
        assertThat(NativeGit.gitUrl("/srv/repo")).isEqualTo("/srv/repo");
    }
}
