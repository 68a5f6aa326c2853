package io.github.dom0build.core.patch;

import static io.github.dom0build.core.patch.TestTrees.numbered;
import static io.github.dom0build.core.patch.TestTrees.read;
import static io.github.dom0build.core.patch.TestTrees.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dom0build.core.BuildException;
import io.github.dom0build.core.stamp.StampStore;
import io.github.dom0build.core.testing.RecordingLog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PatchApplierTest {
    static final String NET = """
            --- a/drivers/net.c
            +++ b/drivers/net.c
            @@ -4,4 +4,5 @@
             net4
             net5
            +net5a
             net6
             net7
            @@ -20,3 +21,3 @@
             net20
            -net21
            +NET21
             net22
            """;
    static final String TREE = """
            From 1111111111111111111111111111111111111111 Mon Sep 17 00:00:00 2001
            From: Jane Doe <jane@example.org>
            Date: Tue, 4 Jun 2024 08:00:00 +0000
            Subject: [PATCH 2/3] tree: move things around

            ---
            diff --git a/docs/old.txt b/docs/new.txt
            similarity index 60%
            rename from docs/old.txt
            rename to docs/new.txt
            index 1111111..2222222 100644
            --- a/docs/old.txt
            +++ b/docs/new.txt
            @@ -1 +1 @@
            -old doc
            +new doc
            diff --git a/include/added.h b/include/added.h
            new file mode 100644
            index 0000000..3333333
            --- /dev/null
            +++ b/include/added.h
            @@ -0,0 +1,2 @@
            +#define ADDED 1
            +/* no newline */
            \\ No newline at end of file
            diff --git a/obsolete/only.c b/obsolete/only.c
            deleted file mode 100644
            index 4444444..0000000
            --- a/obsolete/only.c
            +++ /dev/null
            @@ -1 +0,0 @@
            -gone
            diff --git a/scripts/gen.sh b/scripts/gen.sh
            old mode 100644
            new mode 100755
            --\s
            2.39.5
            """;
    static final String XEN = """
            --- a/include/xen.h
            +++ b/include/xen.h
            @@ -5,3 +5,3 @@
             xen5
            -xen6
            +XEN6
             xen7
            """;

    @TempDir
    Path dir;
    Path tree;
    Path patches;
    final RecordingLog log = new RecordingLog();

    @BeforeEach
    void layOut() throws Exception {
        tree = dir.resolve("src");
        write(tree, "drivers/net.c", numbered("net", 1, 30));
        write(tree, "include/xen.h", numbered("xen", 1, 10));
        write(tree, "scripts/gen.sh", "#!/bin/sh\necho hi\n");
        Files.setPosixFilePermissions(tree.resolve("scripts/gen.sh"), PosixFilePermissions.fromString("rw-r--r--"));
        write(tree, "docs/old.txt", "old doc\n");
        write(tree, "obsolete/only.c", "gone\n");
        patches = dir.resolve("patches");
        write(patches, "0001-net.patch", NET);
        write(patches, "0002-tree.patch", TREE);
        write(patches, "0003-xen.patch", XEN);
    }

    private PatchSeries series(String... names) throws BuildException {
        return PatchSeries.fromList(java.util.Arrays.stream(names).map(patches::resolve).toList(), 1);
    }

    private PatchResult apply(PatchSeries series) throws BuildException {
        return new PatchApplier(log).apply(tree, series, PatchOptions.defaults());
    }

    @Test
    void appliesASeriesAndReportsEachPatch() throws Exception {
        PatchResult result = apply(series("0001-net.patch", "0002-tree.patch", "0003-xen.patch"));

        assertThat(read(tree, "drivers/net.c")).isEqualTo(numbered("net", 1, 5) + "net5a\n" + numbered("net", 6, 20)
                + "NET21\n" + numbered("net", 22, 30));
        assertThat(read(tree, "docs/new.txt")).isEqualTo("new doc\n");
        assertThat(tree.resolve("docs/old.txt")).doesNotExist();
        assertThat(read(tree, "include/added.h")).isEqualTo("#define ADDED 1\n/* no newline */");
        assertThat(tree.resolve("obsolete")).doesNotExist(); // emptied by the deletion, so removed
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(tree.resolve("scripts/gen.sh"))))
                .isEqualTo("rwxr-xr-x");
        assertThat(read(tree, "include/xen.h")).contains("XEN6\n");

        assertThat(result.alreadyApplied()).isFalse();
        assertThat(result.skipped()).isZero();
        assertThat(result.applied()).extracting(PatchResult.AppliedPatch::name)
                .containsExactly("0001-net.patch", "0002-tree.patch", "0003-xen.patch");
        assertThat(result.applied().get(1).files()).containsExactlyInAnyOrder("docs/old.txt", "docs/new.txt",
                "include/added.h", "obsolete/only.c", "scripts/gen.sh");
        assertThat(result.applied().get(1).commitId()).isNull();
        assertThat(log.lines("INFO")).contains("Applying 0001-net.patch (1 file)", "Applying 0002-tree.patch (4 files)",
                "  tree: move things around (Jane Doe <jane@example.org>, 2024-06-04T08:00Z)");
        assertThat(StampStore.in(tree).read("patches", PatchStamp.Form.class)).isPresent();
        assertThat(PatchJournal.directory(tree)).doesNotExist();
    }

    @Test
    void aQuiltSeriesAppliesEachPatchWithItsOwnStripLevel() throws Exception {
        write(patches, "made-in-tree.diff", XEN.replace("a/include/xen.h", "include/xen.h")
                .replace("b/include/xen.h", "include/xen.h"));
        Path series = write(patches, "series", "# fixes\n0001-net.patch\nmade-in-tree.diff -p0 # no a/ b/\n");

        PatchResult result = apply(PatchSeries.fromSeriesFile(series, 1));

        assertThat(result.applied()).extracting(PatchResult.AppliedPatch::name)
                .containsExactly("0001-net.patch", "made-in-tree.diff");
        assertThat(read(tree, "include/xen.h")).contains("XEN6\n");
    }

    @Test
    void renamesAndCopiesReadTheirSourceAsItWasBeforeThePatch() throws Exception {
        write(patches, "shuffle.patch", """
                diff --git a/docs/old.txt b/docs/moved.txt
                similarity index 100%
                rename from docs/old.txt
                rename to docs/moved.txt
                diff --git a/docs/old.txt b/docs/old.txt
                new file mode 100644
                --- /dev/null
                +++ b/docs/old.txt
                @@ -0,0 +1 @@
                +a new file where the old one was
                diff --git a/include/xen.h b/include/copy.h
                similarity index 90%
                copy from include/xen.h
                copy to include/copy.h
                --- a/include/xen.h
                +++ b/include/copy.h
                @@ -1,3 +1,3 @@
                -xen1
                +copy1
                 xen2
                 xen3
                """);

        apply(series("shuffle.patch"));

        assertThat(read(tree, "docs/moved.txt")).isEqualTo("old doc\n");
        assertThat(read(tree, "docs/old.txt")).isEqualTo("a new file where the old one was\n");
        assertThat(read(tree, "include/copy.h")).isEqualTo("copy1\n" + numbered("xen", 2, 10));
        assertThat(read(tree, "include/xen.h")).isEqualTo(numbered("xen", 1, 10));
    }

    @Test
    void logsOffsetsAsGnuPatchDoes() throws Exception {
        write(tree, "drivers/net.c", "extra1\nextra2\nextra3\n" + numbered("net", 1, 30));

        apply(series("0001-net.patch"));

        assertThat(log.lines("INFO")).contains("  drivers/net.c: Hunk #1 succeeded at 7 (offset 3 lines).",
                "  drivers/net.c: Hunk #2 succeeded at 24 (offset 3 lines).");
    }

    @Test
    void aFailingHunkLeavesTheTreeByteIdenticalAndSaysWhere() throws Exception {
        write(tree, "drivers/net.c", numbered("net", 1, 30).replace("net21\n", "net 21\n"));
        Map<String, String> before = TreeDigest.of(dir);

        assertThatThrownBy(() -> apply(series("0001-net.patch", "0002-tree.patch")))
                .isInstanceOf(PatchException.class)
                .hasMessageContaining("Patch 0001-net.patch does not apply to drivers/net.c")
                .hasMessageContaining("hunk #2 (@@ -20,3 +21,3 @@, patch line 9) does not match")
                .hasMessageContaining("At line 20, where the hunk belongs, line 21 should be this line the patch"
                        + " removes:\n      \"net21\"")
                .hasMessageContaining("but the file has:\n      \"net 21\"")
                .hasMessageContaining("(they differ only in white space")
                .hasMessageContaining("Nothing in " + tree + " was changed")
                .satisfies(e -> {
                    assertThat(((PatchException) e).patch()).isEqualTo("0001-net.patch");
                    assertThat(((PatchException) e).file()).isEqualTo("drivers/net.c");
                    assertThat(((PatchException) e).fix()).contains("refresh the patch");
                });
        assertThat(TreeDigest.of(dir)).isEqualTo(before);
    }

    @Test
    void aSeriesWhoseThirdPatchFailsChangesNothing() throws Exception {
        write(patches, "0003-xen.patch", XEN.replace(" xen7", " xen 7"));
        Map<String, String> before = TreeDigest.of(tree);

        assertThatThrownBy(() -> apply(series("0001-net.patch", "0002-tree.patch", "0003-xen.patch")))
                .isInstanceOf(PatchException.class).hasMessageContaining("0003-xen.patch")
                .hasMessageContaining("include/xen.h").hasMessageContaining("hunk #1")
                .hasMessageContaining("should be this context line").hasMessageContaining("fuzz=1");

        assertThat(TreeDigest.of(tree)).isEqualTo(before);
    }

    @Test
    void fuzzOneAcceptsADriftedContextLine() throws Exception {
        write(patches, "0003-xen.patch", XEN.replace(" xen7", " xen 7"));

        new PatchApplier(log).apply(tree, series("0003-xen.patch"), PatchOptions.defaults().withFuzz(1));

        assertThat(read(tree, "include/xen.h")).isEqualTo(numbered("xen", 1, 5) + "XEN6\n" + numbered("xen", 7, 10));
        assertThat(log.lines("INFO")).contains("  include/xen.h: Hunk #1 succeeded at 5 with fuzz 1.");
    }

    @Test
    void saysWhenAPatchLooksAlreadyApplied() throws Exception {
        apply(series("0003-xen.patch"));
        Files.delete(StampStore.in(tree).path("patches"));

        assertThatThrownBy(() -> apply(series("0003-xen.patch"))).isInstanceOf(PatchException.class)
                .hasMessageContaining("already there, at line 5: the patch looks already applied")
                .satisfies(e -> assertThat(((BuildException) e).fix())
                        .contains("remove 0003-xen.patch from the series"));
    }

    @Test
    void refusesMissingTargetsExistingNewFilesAndChangedDeletions() throws Exception {
        Map<String, String> before = TreeDigest.of(tree);
        Files.delete(tree.resolve("include/xen.h"));
        assertThatThrownBy(() -> apply(series("0003-xen.patch"))).isInstanceOf(PatchException.class)
                .hasMessageContaining("Patch 0003-xen.patch changes include/xen.h, which does not exist")
                .hasMessageContaining("'b/include/xen.h' (stripped with -p1, patch line 1)");
        write(tree, "include/xen.h", numbered("xen", 1, 10));

        write(tree, "include/added.h", "someone else's\n");
        assertThatThrownBy(() -> apply(series("0002-tree.patch"))).isInstanceOf(PatchException.class)
                .hasMessageContaining("creates include/added.h, which already exists.");
        Files.delete(tree.resolve("include/added.h"));

        write(tree, "obsolete/only.c", "gone\nbut not forgotten\n");
        assertThatThrownBy(() -> apply(series("0002-tree.patch"))).isInstanceOf(PatchException.class)
                .hasMessageContaining("deletes obsolete/only.c, but the file has 1 line the patch does not delete,"
                        + " from line 2: \"but not forgotten\"");
        write(tree, "obsolete/only.c", "gone\n");
        assertThat(TreeDigest.of(tree)).isEqualTo(before);
    }

    @Test
    void aRerunOfTheSameSeriesDoesNothing() throws Exception {
        apply(series("0001-net.patch", "0002-tree.patch"));
        Map<String, String> after = TreeDigest.of(tree);

        PatchResult again = apply(series("0001-net.patch", "0002-tree.patch"));

        assertThat(again.alreadyApplied()).isTrue();
        assertThat(again.applied()).isEmpty();
        assertThat(again.skipped()).isEqualTo(2);
        assertThat(log.lines("INFO")).contains("Patch series already applied (2 patches)");
        assertThat(TreeDigest.of(tree)).isEqualTo(after);
    }

    @Test
    void anExtendedSeriesGetsOnlyItsNewPatches() throws Exception {
        apply(series("0001-net.patch"));

        PatchResult more = apply(series("0001-net.patch", "0002-tree.patch", "0003-xen.patch"));

        assertThat(more.skipped()).isEqualTo(1);
        assertThat(more.applied()).extracting(PatchResult.AppliedPatch::name)
                .containsExactly("0002-tree.patch", "0003-xen.patch");
        assertThat(log.text()).contains("applying the 2 new ones: 0002-tree.patch, 0003-xen.patch");
        assertThat(read(tree, "drivers/net.c")).containsOnlyOnce("net5a");
        assertThat(read(tree, "include/xen.h")).contains("XEN6");
        assertThat(apply(series("0001-net.patch", "0002-tree.patch", "0003-xen.patch")).alreadyApplied()).isTrue();
    }

    @Test
    void aDifferentSeriesIsRefused() throws Exception {
        apply(series("0001-net.patch", "0002-tree.patch"));
        Map<String, String> after = TreeDigest.of(tree);

        write(patches, "0002-tree.patch", TREE.replace("+new doc", "+newer doc"));
        assertThatThrownBy(() -> apply(series("0001-net.patch", "0002-tree.patch")))
                .isInstanceOf(PatchException.class)
                .hasMessageContaining("already carries a different patch series")
                .hasMessageContaining("from patch #2 on: 0002-tree.patch has changed since it was applied")
                .hasMessageContaining("Patches are never un-applied")
                .satisfies(e -> assertThat(((BuildException) e).fix()).contains("fresh sources")
                        .contains("mvn clean").contains("fetch goal"));
        assertThatThrownBy(() -> apply(series("0001-net.patch"))).isInstanceOf(PatchException.class)
                .hasMessageContaining("the tree carries 2 patches, the series lists only 1");
        assertThatThrownBy(() -> apply(series("0003-xen.patch", "0001-net.patch"))).isInstanceOf(PatchException.class)
                .hasMessageContaining("it is 0001-net.patch in the tree but 0003-xen.patch in the series");
        assertThat(TreeDigest.of(tree)).isEqualTo(after);
    }

    /** Stands for the process being killed: not an exception the applier handles. */
    static final class Killed extends Error {
        private static final long serialVersionUID = 1L;
    }

    private PatchApplier killedAfter(int steps) {
        int[] seen = {0};
        return new PatchApplier(log, step -> {
            if (++seen[0] == steps) {
                throw new Killed();
            }
        });
    }

    @Test
    void recoverRollsBackARunKilledHalfWay() throws Exception {
        Map<String, String> before = TreeDigest.of(tree);
        PatchSeries series = series("0001-net.patch", "0002-tree.patch");

        assertThatThrownBy(() -> killedAfter(3).apply(tree, series, PatchOptions.defaults()))
                .isInstanceOf(Killed.class);
        assertThat(PatchJournal.directory(tree)).isDirectory();
        assertThat(TreeDigest.of(tree, StampStore.DIR_NAME)).isNotEqualTo(before);

        assertThat(new PatchApplier(log).recover(tree)).isTrue();

        assertThat(TreeDigest.of(tree, StampStore.DIR_NAME)).isEqualTo(before);
        assertThat(StampStore.in(tree).directory()).isEmptyDirectory();
        assertThat(log.lines("WARN")).anySatisfy(l -> assertThat(l).contains("was interrupted while writing files"));
        assertThat(new PatchApplier(log).recover(tree)).isFalse();
    }

    @Test
    void applyFirstRollsBackARunKilledAfterItsStampThenAppliesAgain() throws Exception {
        PatchSeries series = series("0001-net.patch", "0002-tree.patch");
        int steps = 6 + 1; // 2 deletions, 4 writes, then the stamp
        assertThatThrownBy(() -> killedAfter(steps).apply(tree, series, PatchOptions.defaults()))
                .isInstanceOf(Killed.class);
        assertThat(StampStore.in(tree).read("patches", PatchStamp.Form.class)).isPresent();

        PatchResult result = apply(series);

        assertThat(result.alreadyApplied()).isFalse(); // the stamp was rolled back with the files
        assertThat(result.applied()).hasSize(2);
        assertThat(read(tree, "drivers/net.c")).containsOnlyOnce("net5a");
        assertThat(log.lines("WARN")).anySatisfy(l -> assertThat(l).contains("Rolled back the interrupted patch run"));
    }

    @Test
    void aFileThatBecameADirectoryComesBackOnRollBack() throws Exception {
        write(patches, "file-to-dir.patch", """
                diff --git a/obsolete/only.c b/obsolete/only.c
                deleted file mode 100644
                --- a/obsolete/only.c
                +++ /dev/null
                @@ -1 +0,0 @@
                -gone
                diff --git a/obsolete/only.c/part.c b/obsolete/only.c/part.c
                new file mode 100644
                --- /dev/null
                +++ b/obsolete/only.c/part.c
                @@ -0,0 +1 @@
                +part
                """);
        Map<String, String> before = TreeDigest.of(tree);
        assertThatThrownBy(() -> killedAfter(3).apply(tree, series("file-to-dir.patch"), PatchOptions.defaults()))
                .isInstanceOf(Killed.class);
        assertThat(read(tree, "obsolete/only.c/part.c")).isEqualTo("part\n");

        assertThat(new PatchApplier(log).recover(tree)).isTrue();

        assertThat(TreeDigest.of(tree, StampStore.DIR_NAME)).isEqualTo(before);
    }

    @Test
    void aJournalLeftWithSomeFilesAlreadyWrittenRestoresTheOriginalTree() throws Exception {
        Files.setPosixFilePermissions(tree.resolve("include/xen.h"), PosixFilePermissions.fromString("rw-r-----"));
        Map<String, String> before = TreeDigest.of(tree);
        PatchJournal.write(tree, List.of("include/xen.h", "obsolete/only.c", "new/dir/file.c",
                PatchStamp.treePath()), null, null);
        // what a killed run may have done by then
        write(tree, "include/xen.h", "half-written\n");
        Files.delete(tree.resolve("obsolete/only.c"));
        Files.delete(tree.resolve("obsolete"));
        write(tree, "new/dir/file.c", "created\n");
        write(tree, ".dom0-build/patches.json", "{}");

        assertThat(new PatchApplier(log).recover(tree)).isTrue();

        assertThat(TreeDigest.of(tree, StampStore.DIR_NAME)).isEqualTo(before);
        assertThat(StampStore.in(tree).directory()).isEmptyDirectory();
    }

    @Test
    void aHalfWrittenJournalIsNoJournal() throws Exception {
        Files.createDirectories(StampStore.in(tree).directory().resolve(PatchJournal.DIR_NAME + ".tmp-x/backup"));
        Map<String, String> before = TreeDigest.of(tree, StampStore.DIR_NAME);

        assertThat(new PatchApplier(log).recover(tree)).isFalse();
        assertThat(StampStore.in(tree).directory()).isEmptyDirectory();
        assertThat(TreeDigest.of(tree, StampStore.DIR_NAME)).isEqualTo(before);
    }

    @Test
    void refusesToFollowASymbolicLinkOutOfTheTree() throws Exception {
        Path outside = dir.resolve("outside");
        write(outside, "victim.c", "precious\n");
        Files.createSymbolicLink(tree.resolve("ext"), outside);
        write(patches, "evil.patch", "--- a/ext/victim.c\n+++ b/ext/victim.c\n@@ -1 +1 @@\n-precious\n+owned\n");

        assertThatThrownBy(() -> apply(series("evil.patch"))).isInstanceOf(PatchException.class)
                .hasMessageContaining("ext is a symbolic link that leads outside the tree");
        assertThat(read(outside, "victim.c")).isEqualTo("precious\n");
    }

    @Test
    void aMissingTreeIsAnError() {
        assertThatThrownBy(() -> new PatchApplier(log).apply(dir.resolve("none"), series("0001-net.patch"),
                PatchOptions.defaults())).isInstanceOf(BuildException.class).hasMessageContaining("does not exist")
                .satisfies(e -> assertThat(((BuildException) e).fix()).contains("fetch goal"));
    }
}
