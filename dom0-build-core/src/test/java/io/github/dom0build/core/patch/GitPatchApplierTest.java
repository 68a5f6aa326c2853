package io.github.dom0build.core.patch;

import static io.github.dom0build.core.patch.TestTrees.numbered;
import static io.github.dom0build.core.patch.TestTrees.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dom0build.core.io.FileTrees;
import io.github.dom0build.core.io.Sha256;
import io.github.dom0build.core.stamp.StampStore;
import io.github.dom0build.core.testing.RecordingLog;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Git trees, checked against the real git: mails made by {@code git format-patch} from real commits must
 * give the tree, authors and messages {@code git am} gives.
 */
class GitPatchApplierTest {
    @TempDir
    static Path shared;
    static Cli cli;
    static Path upstream;
    static Path mails;
    static Path mbox;

    @TempDir
    Path dir;
    final RecordingLog log = new RecordingLog();

    @BeforeAll
    static void makeUpstreamAndMails() throws Exception {
        cli = new Cli(Files.createDirectories(shared.resolve("home")));
        upstream = shared.resolve("upstream");
        Files.createDirectories(upstream);
        cli.git(upstream, "init", "-q", "-b", "master");
        write(upstream, "README", "dom0 test tree\n");
        write(upstream, "src/main.c", numbered("main", 1, 40));
        write(upstream, "scripts/build.sh", "#!/bin/sh\nmake\n");
        write(upstream, "docs/old-name.txt", numbered("doc", 1, 10));
        write(upstream, "doomed.txt", "delete me\n");
        write(upstream, "lib/nonl.c", "int x;\nno newline");
        cli.git(upstream, "add", "-A");
        cli.git(upstream, "commit", "-q", "-m", "base");
        cli.git(upstream, "tag", "base");

        write(upstream, "src/main.c", numbered("main", 1, 40).replace("main5\n", "main5\nadded5\n")
                .replace("main30\n", "MAIN30\n"));
        write(upstream, "src/new.c", "/* new */\nint new_thing;\n");
        commit("René Müller", "rene@example.com", "1717410896 +0200", "xen/netback: fix the ring size computation\n\n"
                + "The ring was sized in 4k units.\n\nSigned-off-by: René Müller <rene@example.com>\n");

        cli.git(upstream, "mv", "docs/old-name.txt", "docs/new-name.txt");
        write(upstream, "docs/new-name.txt", numbered("doc", 1, 10).replace("doc9\n", "doc nine\n"));
        Files.setPosixFilePermissions(upstream.resolve("scripts/build.sh"),
                PosixFilePermissions.fromString("rwxr-xr-x"));
        write(upstream, "lib/nonl.c", "int x;\nstill no newline");
        commit("Ada Lovelace", "ada@example.org", "1717497296 -0700", "tools: a rather long subject line that goes on"
                + " and on so that format-patch must fold it, über alles\n\n"
                + "Rename, chmod and a file without newline.\n");

        cli.git(upstream, "rm", "-q", "doomed.txt");
        write(upstream, "docs/empty.txt", "");
        commit("Jane Doe", "jane@example.org", "1717500000 +0000", "cleanup: remove doomed.txt\n");

        mails = shared.resolve("mails");
        cli.git(upstream, "format-patch", "-q", "--cover-letter", "-o", mails.toString(), "base..master");
        mbox = shared.resolve("all.mbox");
        Files.writeString(mbox, cli.git(upstream, "format-patch", "--stdout", "base..master"), StandardCharsets.UTF_8);
    }

    private static void commit(String name, String email, String date, String message) throws Exception {
        Path msg = shared.resolve("msg.txt");
        Files.writeString(msg, message, StandardCharsets.UTF_8);
        cli.identity(name, email, date);
        cli.git(upstream, "add", "-A");
        cli.git(upstream, "commit", "-q", "-F", msg.toString());
    }

    /** A fresh clone of upstream at the base commit, on a branch or with a detached HEAD. */
    private Path cloneAtBase(String name, boolean detached) throws Exception {
        Path clone = dir.resolve(name);
        cli.git(dir, "clone", "-q", upstream.toString(), clone.toString());
        if (detached) {
            cli.git(clone, "checkout", "-q", "--detach", "base");
        } else {
            cli.git(clone, "checkout", "-q", "-b", "work", "base");
        }
        return clone;
    }

    /** The mails for git am, which stops at a cover letter: PatchApplier skips it. */
    private List<Path> mailsWithoutCoverLetter() throws Exception {
        try (Stream<Path> s = Files.list(mails)) {
            return s.filter(p -> !p.getFileName().toString().startsWith("0000-")).sorted().toList();
        }
    }

    private static String history(Path repo) throws Exception {
        return cli.git(repo, "log", "--date=raw", "--format=%an%n%ae%n%ad%n%cn%n%ce%n%cd%n%B%x00", "base..HEAD");
    }

    @Test
    void givesTheTreeAuthorsAndMessagesThatGitAmGives() throws Exception {
        Path am = cloneAtBase("am", true);
        List<String> amCommand = new ArrayList<>(List.of("git", "am", "-q", "--committer-date-is-author-date"));
        mailsWithoutCoverLetter().forEach(p -> amCommand.add(p.toString()));
        cli.run(am, amCommand.toArray(String[]::new));
        Path ours = cloneAtBase("ours", false);

        PatchResult result = new PatchApplier(log).apply(ours, PatchSeries.fromDirectory(mails, 1),
                PatchOptions.defaults());

        assertThat(cli.git(ours, "rev-parse", "HEAD^{tree}")).isEqualTo(cli.git(am, "rev-parse", "HEAD^{tree}"))
                .isEqualTo(cli.git(upstream, "rev-parse", "master^{tree}"));
        String amLog = cli.git(am, "log", "--date=raw", "--format=%an%n%ae%n%ad%n%B%x00", "base..HEAD");
        assertThat(cli.git(ours, "log", "--date=raw", "--format=%an%n%ae%n%ad%n%B%x00", "base..HEAD")).isEqualTo(amLog);
        assertThat(amLog).contains("René Müller\nrene@example.com\n1717410896 +0200\nxen/netback: fix the ring size")
                .contains("tools: a rather long subject line that goes on and on so that format-patch must fold it,"
                        + " über alles\n\nRename, chmod");
        // the committer is the author, at the author's date
        for (String commit : history(ours).split("\0")) {
            if (commit.isBlank()) {
                continue;
            }
            String[] f = commit.strip().split("\n");
            assertThat(f[3] + f[4] + f[5]).isEqualTo(f[0] + f[1] + f[2]);
        }
        assertThat(result.applied()).extracting(PatchResult.AppliedPatch::name).first().isEqualTo(
                "0000-cover-letter.patch");
        assertThat(result.applied()).extracting(PatchResult.AppliedPatch::commitId).containsExactlyElementsOf(
                Stream.concat(Stream.of((String) null),
                        Stream.of(cli.git(ours, "rev-list", "--reverse", "base..HEAD").split("\n"))).toList());
        assertThat(log.lines("INFO")).contains("  0000-cover-letter.patch: skipping the cover letter '*** SUBJECT"
                + " HERE ***' (no diff)", "Applying 0002-tools-a-rather-long-subject-line-that-goes-on-and-on.patch"
                + " (3 files)");
        assertThat(cli.git(ours, "symbolic-ref", "--short", "HEAD").strip()).isEqualTo("work");
        assertThat(cli.git(ours, "status", "--porcelain")).isEmpty();
        assertThat(Files.readString(ours.resolve(".git/info/exclude"))).contains("/.dom0-build/");
        assertThat(Files.isExecutable(ours.resolve("scripts/build.sh"))).isTrue();
        assertThat(TreeDigest.of(ours, ".git", StampStore.DIR_NAME)).isEqualTo(TreeDigest.of(am, ".git"));
        cli.git(ours, "fsck", "--no-progress", "--strict");
    }

    @Test
    void theSameSeriesOnTheSameBaseGivesTheSameCommits() throws Exception {
        Path one = cloneAtBase("one", true);
        Path two = cloneAtBase("two", false);
        Path three = cloneAtBase("three", true);

        new PatchApplier(log).apply(one, PatchSeries.fromDirectory(mails, 1), PatchOptions.defaults());
        new PatchApplier(log).apply(two, PatchSeries.fromDirectory(mails, 1), PatchOptions.defaults());
        PatchResult fromMbox = new PatchApplier(log).apply(three, PatchSeries.fromList(List.of(mbox), 1),
                PatchOptions.defaults());

        String head = cli.git(one, "rev-parse", "HEAD");
        assertThat(cli.git(two, "rev-parse", "HEAD")).isEqualTo(head);
        // one mbox holding the three mails makes the same three commits
        assertThat(fromMbox.applied()).singleElement().satisfies(p -> {
            assertThat(p.commitIds()).hasSize(3);
            assertThat(p.commitId() + "\n").isEqualTo(head);
        });
        assertThat(cli.git(three, "rev-parse", "HEAD")).isEqualTo(head);
    }

    @Test
    void aPlainDiffBecomesOneCommitByTheDefaultAuthor() throws Exception {
        Path diff = dir.resolve("all.diff");
        Files.writeString(diff, cli.git(upstream, "diff", "-M", "base", "master"), StandardCharsets.UTF_8);
        Path ours = cloneAtBase("ours", true);
        PatchOptions options = PatchOptions.defaults().withDefaultAuthor("Build Bot", "bot@example.org")
                .withDefaultDate(Instant.parse("2024-11-25T00:00:00Z"));

        new PatchApplier(log).apply(ours, PatchSeries.fromList(List.of(diff), 1), options);

        assertThat(cli.git(ours, "rev-parse", "HEAD^{tree}"))
                .isEqualTo(cli.git(upstream, "rev-parse", "master^{tree}"));
        assertThat(history(ours)).isEqualTo("Build Bot\nbot@example.org\n1732492800 +0000\n"
                + "Build Bot\nbot@example.org\n1732492800 +0000\nApply all.diff\n\0\n");
        assertThat(cli.git(ours, "status", "--porcelain")).isEmpty();
    }

    @Test
    void withoutCommitsOnlyTheWorkTreeChanges() throws Exception {
        Path ours = cloneAtBase("ours", true);
        String base = cli.git(ours, "rev-parse", "HEAD");

        PatchResult result = new PatchApplier(log).apply(ours, PatchSeries.fromDirectory(mails, 1),
                PatchOptions.defaults().withCommit(false));

        assertThat(cli.git(ours, "rev-parse", "HEAD")).isEqualTo(base);
        assertThat(result.applied()).allSatisfy(p -> assertThat(p.commitId()).isNull());
        assertThat(cli.git(ours, "status", "--porcelain")).contains(" M src/main.c").contains("?? src/new.c")
                .doesNotContain(".dom0-build");
    }

    @Test
    void aTreeWithoutGitGetsTheSameFilesAndNoCommits() throws Exception {
        Path plain = cloneAtBase("plain", true);
        FileTrees.deleteRecursively(plain.resolve(".git"));

        new PatchApplier(log).apply(plain, PatchSeries.fromDirectory(mails, 1), PatchOptions.defaults());

        // upstream's work tree holds the result of the three commits
        assertThat(TreeDigest.of(plain, StampStore.DIR_NAME)).isEqualTo(TreeDigest.of(upstream, ".git"));
        assertThat(log.lines("INFO")).contains("  xen/netback: fix the ring size computation"
                + " (René Müller <rene@example.com>, 2024-06-03T12:34:56+02:00)");
    }

    @Test
    void aRunKilledAfterMovingHeadIsRolledBackIncludingIndexAndHead() throws Exception {
        Path ours = cloneAtBase("ours", false);
        String head = cli.git(ours, "rev-parse", "HEAD");
        String index = Sha256.of(ours.resolve(".git/index"));
        Map<String, String> files = TreeDigest.of(ours, ".git", StampStore.DIR_NAME);
        PatchApplier killed = new PatchApplier(log, step -> {
            if (step.equals("git HEAD")) {
                throw new PatchApplierTest.Killed();
            }
        });

        assertThatThrownBy(() -> killed.apply(ours, PatchSeries.fromDirectory(mails, 1), PatchOptions.defaults()))
                .isInstanceOf(PatchApplierTest.Killed.class);
        assertThat(cli.git(ours, "rev-parse", "HEAD")).isNotEqualTo(head);

        assertThat(new PatchApplier(log).recover(ours)).isTrue();

        assertThat(cli.git(ours, "rev-parse", "HEAD")).isEqualTo(head);
        assertThat(cli.git(ours, "symbolic-ref", "--short", "HEAD").strip()).isEqualTo("work");
        assertThat(Sha256.of(ours.resolve(".git/index"))).isEqualTo(index);
        assertThat(TreeDigest.of(ours, ".git", StampStore.DIR_NAME)).isEqualTo(files);
        assertThat(cli.git(ours, "status", "--porcelain")).isEmpty();

        // and a normal run afterwards gives what an uninterrupted one gives
        new PatchApplier(log).apply(ours, PatchSeries.fromDirectory(mails, 1), PatchOptions.defaults());
        assertThat(cli.git(ours, "rev-parse", "HEAD^{tree}"))
                .isEqualTo(cli.git(upstream, "rev-parse", "master^{tree}"));
    }

    @Test
    void refusesLocalChangesTheCommitsWouldTakeIn() throws Exception {
        Path ours = cloneAtBase("ours", true);
        write(ours, "src/main.c", numbered("main", 1, 40) + "local\n");
        write(ours, "src/new.c", "untracked\n");
        Map<String, String> before = TreeDigest.of(ours);

        assertThatThrownBy(() -> new PatchApplier(log).apply(ours, PatchSeries.fromDirectory(mails, 1),
                PatchOptions.defaults())).isInstanceOf(PatchException.class)
                .hasMessageContaining("creates src/new.c, which already exists");
        Files.delete(ours.resolve("src/new.c"));
        assertThatThrownBy(() -> new PatchApplier(log).apply(ours, PatchSeries.fromDirectory(mails, 1),
                PatchOptions.defaults())).isInstanceOf(PatchException.class)
                .hasMessageContaining("has local changes in files the series patches: src/main.c (modified)");
        write(ours, "src/new.c", "untracked\n");
        assertThat(TreeDigest.of(ours)).isEqualTo(before);
    }

    @Test
    void aRerunInAGitTreeDoesNothing() throws Exception {
        Path ours = cloneAtBase("ours", true);
        new PatchApplier(log).apply(ours, PatchSeries.fromDirectory(mails, 1), PatchOptions.defaults());
        String head = cli.git(ours, "rev-parse", "HEAD");

        PatchResult again = new PatchApplier(log).apply(ours, PatchSeries.fromDirectory(mails, 1),
                PatchOptions.defaults());

        assertThat(again.alreadyApplied()).isTrue();
        assertThat(cli.git(ours, "rev-parse", "HEAD")).isEqualTo(head);
        assertThat(StampStore.in(ours).read("patches", PatchStamp.Form.class).orElseThrow().head() + "\n")
                .isEqualTo(head);
    }
}
