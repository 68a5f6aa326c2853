package io.github.dom0build.core.patch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dom0build.core.patch.FileDiff.Kind;
import java.util.List;
import org.junit.jupiter.api.Test;

class DiffParserTest {

    private static List<FileDiff> parse(String text, int strip) throws PatchException {
        return DiffParser.parse(Lines.withoutEol(text), 1, strip, "t.patch");
    }

    @Test
    void readsTraditionalDiffsAmidMailTextAndASignature() throws Exception {
        String text = """
                Hi all,

                this fixes the frobnicator.
                ---
                 drivers/a.c | 2 +-
                 1 file changed

                diff -urN linux-6.1.orig/drivers/a.c linux-6.1/drivers/a.c
                --- linux-6.1.orig/drivers/a.c\t2024-01-01 10:00:00.000000000 +0100
                +++ linux-6.1/drivers/a.c\t2024-01-02 10:00:00.000000000 +0100
                @@ -1,3 +1,3 @@
                 one
                -two
                +TWO
                 three
                --- linux-6.1.orig/include/b.h
                +++ linux-6.1/include/b.h
                @@ -10 +10 @@ static int x;
                -old
                +new
                --\s
                2.39.5

                """;
        List<FileDiff> diffs = parse(text, 1);

        assertThat(diffs).extracting(FileDiff::kind, FileDiff::oldPath, FileDiff::newPath)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(Kind.MODIFY, "drivers/a.c", "drivers/a.c"),
                        org.assertj.core.groups.Tuple.tuple(Kind.MODIFY, "include/b.h", "include/b.h"));
        Hunk first = diffs.get(0).hunks().get(0);
        assertThat(first.oldLines()).containsExactly("one\n", "two\n", "three\n");
        assertThat(first.newLines()).containsExactly("one\n", "TWO\n", "three\n");
        assertThat(first.patchLine()).isEqualTo(11);
        Hunk omitted = diffs.get(1).hunks().get(0);
        assertThat(omitted.oldStart()).isEqualTo(10);
        assertThat(omitted.oldCount()).isEqualTo(1);
        assertThat(omitted.header()).isEqualTo("@@ -10 +10 @@ static int x;");
        assertThat(omitted.newLines()).containsExactly("new\n"); // the "-- " signature is not part of the hunk
    }

    @Test
    void keepsCarriageReturnsAndHonoursNoNewlineMarkers() throws Exception {
        String text = "--- a/f\n+++ b/f\n@@ -1,2 +1,2 @@\n dos\r\n-last\n\\ No newline at end of file\n"
                + "+LAST\n\\ No newline at end of file\n";
        Hunk h = parse(text, 1).get(0).hunks().get(0);

        assertThat(h.oldLines()).containsExactly("dos\r\n", "last");
        assertThat(h.newLines()).containsExactly("dos\r\n", "LAST");
    }

    @Test
    void readsGitExtendedHeaders() throws Exception {
        String text = """
                diff --git a/new.sh b/new.sh
                new file mode 100755
                index 0000000..e69de29
                diff --git a/gone.txt b/gone.txt
                deleted file mode 100644
                index 257cc56..0000000
                --- a/gone.txt
                +++ /dev/null
                @@ -1 +0,0 @@
                -bye
                diff --git a/old name.c b/dir/new name.c
                similarity index 91%
                rename from old name.c
                rename to dir/new name.c
                index 1111111..2222222 100644
                --- a/old name.c\t
                +++ b/dir/new name.c\t
                @@ -1 +1 @@
                -x
                +y
                diff --git a/tool b/tool
                old mode 100644
                new mode 100755
                diff --git a/src.c b/copy.c
                similarity index 100%
                copy from src.c
                copy to copy.c
                diff --git "a/caf\\303\\251.txt" "b/caf\\303\\251.txt"
                index 3333333..4444444 100644
                --- "a/caf\\303\\251.txt"
                +++ "b/caf\\303\\251.txt"
                @@ -1 +1 @@
                -a
                +b
                """;
        List<FileDiff> diffs = parse(text, 1);

        assertThat(diffs).hasSize(6);
        assertThat(diffs.get(0)).satisfies(d -> {
            assertThat(d.kind()).isEqualTo(Kind.ADD);
            assertThat(d.newPath()).isEqualTo("new.sh");
            assertThat(d.newMode()).isEqualTo("100755");
            assertThat(d.hunks()).isEmpty();
        });
        assertThat(diffs.get(1)).satisfies(d -> {
            assertThat(d.kind()).isEqualTo(Kind.DELETE);
            assertThat(d.oldPath()).isEqualTo("gone.txt");
            assertThat(d.newPath()).isNull();
        });
        assertThat(diffs.get(2)).satisfies(d -> {
            assertThat(d.kind()).isEqualTo(Kind.RENAME);
            assertThat(d.oldPath()).isEqualTo("old name.c");
            assertThat(d.newPath()).isEqualTo("dir/new name.c");
            assertThat(d.hunks()).hasSize(1);
        });
        assertThat(diffs.get(3)).satisfies(d -> {
            assertThat(d.kind()).isEqualTo(Kind.MODIFY);
            assertThat(d.oldMode()).isEqualTo("100644");
            assertThat(d.newMode()).isEqualTo("100755");
        });
        assertThat(diffs.get(4)).satisfies(d -> {
            assertThat(d.kind()).isEqualTo(Kind.COPY);
            assertThat(d.oldPath()).isEqualTo("src.c");
            assertThat(d.newPath()).isEqualTo("copy.c");
        });
        assertThat(diffs.get(5).newPath()).isEqualTo("café.txt");
    }

    @Test
    void renameLinesAreStrippedOneComponentLessThanTheDiffNames() throws Exception {
        String text = """
                diff --git a/linux/old.c b/linux/new.c
                similarity index 100%
                rename from linux/old.c
                rename to linux/new.c
                """;
        FileDiff d = parse(text, 2).get(0);

        assertThat(d.oldPath()).isEqualTo("old.c");
        assertThat(d.newPath()).isEqualTo("new.c");
    }

    @Test
    void splitsGitHeaderNamesThatContainSpaces() {
        assertThat(DiffParser.gitHeaderNames("a/x y/z b/x y/z")).containsExactly("a/x y/z", "b/x y/z");
        assertThat(DiffParser.gitHeaderNames("f g f g")).containsExactly("f g", "f g");
        assertThat(DiffParser.gitHeaderNames("\"a/t\\tab\" b/plain")).containsExactly("a/t\tab", "b/plain");
    }

    @Test
    void stripLevelsFollowGnuPatch() throws Exception {
        String text = "--- ./drivers/a.c\n+++ ./drivers/a.c\n@@ -1 +1 @@\n-a\n+b\n";

        assertThat(parse(text, 0).get(0).newPath()).isEqualTo("drivers/a.c");
        assertThat(parse(text, 2).get(0).newPath()).isEqualTo("a.c");
        assertThatThrownBy(() -> parse(text, 3)).isInstanceOf(PatchException.class)
                .hasMessageContaining("t.patch").hasMessageContaining("'./drivers/a.c'").hasMessageContaining("-p3");
    }

    @Test
    void refusesPathsThatLeaveTheTree() {
        assertThatThrownBy(() -> parse("--- /etc/passwd\n+++ /etc/passwd\n@@ -1 +1 @@\n-a\n+b\n", 0))
                .isInstanceOf(PatchException.class).hasMessageContaining("absolute path '/etc/passwd'");
        assertThatThrownBy(() -> parse("--- a/../../x\n+++ b/../../x\n@@ -1 +1 @@\n-a\n+b\n", 1))
                .isInstanceOf(PatchException.class).hasMessageContaining("'..'").hasMessageContaining("t.patch");
        assertThatThrownBy(() -> parse("--- a/.git/config\n+++ b/.git/config\n@@ -1 +1 @@\n-a\n+b\n", 1))
                .isInstanceOf(PatchException.class).hasMessageContaining(".git");
        assertThatThrownBy(() -> parse("--- a/.dom0-build/patches.json\n+++ b/.dom0-build/patches.json\n"
                + "@@ -1 +1 @@\n-a\n+b\n", 1)).isInstanceOf(PatchException.class).hasMessageContaining(".dom0-build");
    }

    @Test
    void refusesBinaryPatchesNamingPatchAndFile() {
        String gitBinary = """
                diff --git a/logo.png b/logo.png
                new file mode 100644
                index 0000000..1234567
                GIT binary patch
                literal 5
                McmZ?wbhEHb0
                """;
        assertThatThrownBy(() -> parse(gitBinary, 1)).isInstanceOf(PatchException.class)
                .hasMessageContaining("t.patch").hasMessageContaining("logo.png").hasMessageContaining("binary");
        String plain = "diff --git a/fw.bin b/fw.bin\nindex 1..2 100644\nBinary files a/fw.bin and b/fw.bin differ\n";
        assertThatThrownBy(() -> parse(plain, 1)).isInstanceOf(PatchException.class)
                .hasMessageContaining("fw.bin").hasMessageContaining("binary");
        assertThatThrownBy(() -> parse("Binary files x/a.bin and y/a.bin differ\n", 1))
                .isInstanceOf(PatchException.class).hasMessageContaining("a.bin");
    }

    @Test
    void reportsAWrappedLineInsideAHunk() {
        String text = "--- a/f\n+++ b/f\n@@ -1,2 +1,2 @@\n-one\n+a very long line that a mail client\nwrapped\n two\n";

        assertThatThrownBy(() -> parse(text, 1)).isInstanceOf(PatchException.class)
                .hasMessageContaining("corrupt (line 6)").hasMessageContaining("hunk #1 of f")
                .hasMessageContaining("\"wrapped\"");
    }

    @Test
    void reportsATruncatedHunk() {
        assertThatThrownBy(() -> parse("--- a/f\n+++ b/f\n@@ -1,3 +1,3 @@\n one\n-two\n", 1))
                .isInstanceOf(PatchException.class).hasMessageContaining("ends in the middle of hunk #1 of f");
    }

    @Test
    void refusesContextDiffs() {
        assertThatThrownBy(() -> parse("*** a/f\n--- b/f\n***************\n*** 1 ****\n", 1))
                .isInstanceOf(PatchException.class).hasMessageContaining("context diff");
    }

    @Test
    void recognisesDiffMinusNCreationsAndDeletions() throws Exception {
        String text = """
                --- a/new.c\t1970-01-01 00:00:00.000000000 +0000
                +++ b/new.c\t2024-05-01 12:00:00.000000000 +0200
                @@ -0,0 +1 @@
                +hello
                --- a/old.c\t2024-05-01 12:00:00.000000000 +0200
                +++ b/old.c\t1970-01-01 01:00:00.000000000 +0100
                @@ -1 +0,0 @@
                -bye
                """;
        List<FileDiff> diffs = parse(text, 1);

        assertThat(diffs.get(0).createsIfMissing()).isTrue();
        assertThat(diffs.get(0).deletesIfEmptied()).isFalse();
        assertThat(diffs.get(1).deletesIfEmptied()).isTrue();
    }

    @Test
    void aTextWithoutDiffsHasNone() throws Exception {
        assertThat(parse("just some words\n--- not a diff\nnor this\n", 1)).isEmpty();
    }
}
