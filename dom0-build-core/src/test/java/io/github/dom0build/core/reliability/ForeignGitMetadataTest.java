package io.github.dom0build.core.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.dom0build.core.BuildException;
import io.github.dom0build.core.fetch.DirectorySource;
import io.github.dom0build.core.fetch.FetchRequest;
import io.github.dom0build.core.fetch.GitSource;
import io.github.dom0build.core.fetch.SourceFetcher;
import io.github.dom0build.core.fetch.extract.ArchiveExtractor;
import io.github.dom0build.core.fetch.extract.ExtractionLimits;
import io.github.dom0build.core.guard.DeletionRule;
import io.github.dom0build.core.io.Sha256;
import io.github.dom0build.core.patch.PatchApplier;
import io.github.dom0build.core.patch.PatchOptions;
import io.github.dom0build.core.patch.PatchSeries;
import io.github.dom0build.core.testing.RecordingLog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Source trees never carry someone else's git metadata. The user's project is a real git repository
 * ({@code project/}, with its branch, index and {@code info/exclude}); a source tree two levels down
 * whose {@code .git} is a file saying {@code gitdir: ../../.git} must never make patch commit there, and
 * fetch must never bring such a file in from an archive or a directory copy. A user's own clone in
 * sourceDirectory is not switched to another repository's commit without force.
 */
class ForeignGitMetadataTest {
    private static final PersonIdent USER = new PersonIdent("User", "user@example.org",
            java.time.Instant.parse("2024-01-01T00:00:00Z"), java.time.ZoneOffset.UTC);

    @TempDir
    Path tmp;

    private final RecordingLog log = new RecordingLog();
    private Path project;
    private Map<String, String> projectRepoBefore;

    @BeforeEach
    void theUsersProjectIsAGitRepository() throws Exception {
        project = tmp.resolve("project");
        Trees.write(project.resolve("pom.xml"), "<project/>\n");
        try (Git git = Git.init().setDirectory(project.toFile()).setInitialBranch("main").call()) {
            git.add().addFilepattern("pom.xml").call();
            git.commit().setMessage("the user's work").setAuthor(USER).setCommitter(USER).call();
        }
        projectRepoBefore = Trees.digest(project.resolve(".git"));
    }

    private void theProjectRepositoryIsUntouched() throws Exception {
        assertThat(Trees.digest(project.resolve(".git"))).as("the project's .git: HEAD, branch, index, exclude")
                .isEqualTo(projectRepoBefore);
    }

    @Test
    void aDotGitFileInASourceArchiveIsLeftOutWithAWarning() throws Exception {
        Path archive = tmp.resolve("linux.tar.gz");
        Files.write(archive, Trees.tarGz("linux-6.1/.git", "gitdir: ../../.git\n", "linux-6.1/Makefile", "all:\n",
                "linux-6.1/sub/.git/config", "[core]\n\tworktree = /\n"));
        Path tree = project.resolve("target/linux");
        new ArchiveExtractor(ExtractionLimits.DEFAULT, log).extract(archive, tree);
        assertThat(tree.resolve(".git")).doesNotExist();
        assertThat(tree.resolve("sub/.git")).doesNotExist();
        assertThat(tree.resolve("Makefile")).hasContent("all:");
        assertThat(log.lines()).anyMatch(l -> l.startsWith("WARN Left out 2 entries of git metadata from linux.tar.gz"
                + " (the first: 'linux-6.1/.git')"));
        theProjectRepositoryIsUntouched();
    }

    @Test
    void patchRefusesATreeWhoseDotGitFilePointsAtAnotherRepository() throws Exception {
        Path tree = project.resolve("target/linux");
        Trees.write(tree.resolve("Makefile"), "VERSION = 6\n");
        Trees.write(tree.resolve(".git"), "gitdir: ../../.git\n");
        Path patch = tmp.resolve("0001-version.patch");
        Trees.write(patch, "--- a/Makefile\n+++ b/Makefile\n@@ -1 +1 @@\n-VERSION = 6\n+VERSION = 7\n");
        Map<String, String> treeBefore = Trees.digest(tree);
        BuildException e = assertThrows(BuildException.class, () -> new PatchApplier(log).apply(tree,
                PatchSeries.fromList(List.of(patch), 1), PatchOptions.defaults()));
        assertThat(e.problem()).isEqualTo("The source tree " + tree + " has a .git that dom0-build will not use: "
                + tree.resolve(".git") + " is a file (gitdir: ../../.git), not a repository inside the tree."
                + " Patches are committed only into a repository that lives inside the tree (made by fetch, or your"
                + " own clone). Nothing was changed.");
        assertThat(e.fix()).contains("fetch it again (fetch leaves .git out)");
        assertThat(Trees.digest(tree)).isEqualTo(treeBefore);
        theProjectRepositoryIsUntouched();
    }

    @Test
    void aDirectoryCopyLeavesDotGitBehind() throws Exception {
        Path upstream = tmp.resolve("upstream");
        Trees.write(upstream.resolve("Makefile"), "all:\n");
        Trees.write(upstream.resolve(".git"), "gitdir: " + project.resolve(".git") + "\n");
        Path tree = project.resolve("target/linux");
        new SourceFetcher(log).fetch(FetchRequest.builder(new DirectorySource(upstream, true), tree).build());
        assertThat(tree.resolve("Makefile")).hasContent("all:");
        assertThat(tree.resolve(".git")).doesNotExist();
        assertThat(log.lines()).anyMatch(l -> l.startsWith("WARN Not copying " + upstream.resolve(".git")));
    }

    @Test
    void theUsersOwnCloneIsNotSwitchedToAnotherRepositoryWithoutForce() throws Exception {
        Path other = tmp.resolve("other");
        Trees.write(other.resolve("README"), "another project\n");
        try (Git git = Git.init().setDirectory(other.toFile()).setInitialBranch("main").call()) {
            git.add().addFilepattern("README").call();
            git.commit().setMessage("other").setAuthor(USER).setCommitter(USER).call();
        }
        Map<String, String> before = Trees.digest(project);
        FetchRequest request = FetchRequest.builder(new GitSource(other.toString(), "main", null), project)
                .deletionRule(new DeletionRule(project.resolve("target"))).build();
        BuildException e = assertThrows(BuildException.class, () -> new SourceFetcher(log).fetch(request));
        assertThat(e.problem()).isEqualTo(project + " exists and was not made by fetch (it has no fetch stamp); it is"
                + " left as it is.");
        assertThat(Trees.digest(project)).isEqualTo(before);
        // force does not reach a clone outside the build directory either
        FetchRequest forced = FetchRequest.builder(new GitSource(other.toString(), "main", null), project)
                .force(true).deletionRule(new DeletionRule(project.resolve("target"))).build();
        BuildException f = assertThrows(BuildException.class, () -> new SourceFetcher(log).fetch(forced));
        assertThat(f.problem()).startsWith("Refusing to delete " + project + " (sourceDirectory): it holds this"
                + " project's build directory");
        assertThat(Trees.digest(project)).isEqualTo(before);
        assertThat(Sha256.of(project.resolve("pom.xml"))).isEqualTo(Sha256.of("<project/>\n".getBytes()));
    }
}
