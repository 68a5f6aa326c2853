package io.github.dom0build.core.patch;

import static io.github.dom0build.core.patch.TestTrees.numbered;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class HunkApplierTest {

    private static List<Hunk> hunks(String diff) throws PatchException {
        return DiffParser.parse(Lines.withoutEol("--- a/f\n+++ b/f\n" + diff), 1, 1, "t.patch").get(0).hunks();
    }

    private static String apply(String file, String diff, int fuzz) throws Exception {
        return Lines.join(HunkApplier.apply(Lines.withEol(file), hunks(diff), fuzz).lines());
    }

    @Test
    void appliesAtTheStatedLines() throws Exception {
        String out = apply(numbered("l", 1, 10), "@@ -4,3 +4,3 @@\n l4\n-l5\n+L5\n l6\n", 0);

        assertThat(out).isEqualTo(numbered("l", 1, 4) + "L5\n" + numbered("l", 6, 10));
    }

    @Test
    void findsShiftedHunksAndCarriesTheOffsetToTheNextHunk() throws Exception {
        String file = numbered("new", 1, 10) + numbered("l", 1, 200);
        String diff = "@@ -4,3 +4,3 @@\n l4\n-l5\n+L5\n l6\n@@ -120,4 +120,5 @@\n l120\n l121\n+added\n l122\n l123\n";

        HunkApplier.Applied applied = HunkApplier.apply(Lines.withEol(file), hunks(diff), 0);

        assertThat(applied.notes()).containsExactly("Hunk #1 succeeded at 14 (offset 10 lines).",
                "Hunk #2 succeeded at 130 (offset 10 lines).");
        assertThat(Lines.join(applied.lines())).contains("l4\nL5\nl6\n").contains("l121\nadded\nl122\n");
    }

    @Test
    void searchesBackwardsToo() throws Exception {
        HunkApplier.Applied applied = HunkApplier.apply(Lines.withEol(numbered("l", 3, 20)),
                hunks("@@ -8,3 +8,3 @@\n l8\n-l9\n+L9\n l10\n"), 0);

        assertThat(applied.notes()).containsExactly("Hunk #1 succeeded at 6 (offset -2 lines).");
        assertThat(Lines.join(applied.lines())).contains("l8\nL9\nl10\n");
    }

    @Test
    void fuzzIgnoresOuterContextOnlyWhenAllowed() throws Exception {
        String file = numbered("l", 1, 3) + "changed4\n" + numbered("l", 5, 10);
        String diff = "@@ -4,7 +4,7 @@\n l4\n l5\n l6\n-l7\n+L7\n l8\n l9\n l10\n";

        assertThatThrownBy(() -> apply(file, diff, 0)).isInstanceOf(HunkApplier.Mismatch.class);
        HunkApplier.Applied applied = HunkApplier.apply(Lines.withEol(file), hunks(diff), 1);
        assertThat(applied.notes()).containsExactly("Hunk #1 succeeded at 4 with fuzz 1.");
        // the ignored context line keeps the file's version
        assertThat(Lines.join(applied.lines())).isEqualTo(numbered("l", 1, 3) + "changed4\n" + numbered("l", 5, 6)
                + "L7\n" + numbered("l", 8, 10));
    }

    @Test
    void fuzzNeverIgnoresChangedLines() {
        String file = numbered("l", 1, 10).replace("l7\n", "other7\n");

        assertThatThrownBy(() -> apply(file, "@@ -6,3 +6,3 @@\n l6\n-l7\n+L7\n l8\n", 2))
                .isInstanceOf(HunkApplier.Mismatch.class);
    }

    @Test
    void aHunkWithLessLeadingContextBelongsAtTheStartOfTheFile() throws Exception {
        String diff = "@@ -1,3 +1,4 @@\n+first\n l1\n l2\n l3\n";

        assertThat(apply(numbered("l", 1, 5), diff, 0)).startsWith("first\nl1\n");
        // the same lines further down do not count: the hunk was made at the start of the file
        assertThatThrownBy(() -> apply("x\n" + numbered("l", 1, 5), diff, 0)).isInstanceOf(HunkApplier.Mismatch.class);
    }

    @Test
    void aHunkWithLessTrailingContextBelongsAtTheEndOfTheFile() throws Exception {
        String diff = "@@ -3,3 +3,4 @@\n l3\n l4\n l5\n+last\n";

        assertThat(apply(numbered("l", 1, 5), diff, 0)).endsWith("l5\nlast\n");
        assertThatThrownBy(() -> apply(numbered("l", 1, 6), diff, 0)).isInstanceOf(HunkApplier.Mismatch.class);
    }

    @Test
    void matchesAMissingNewlineExactly() throws Exception {
        String diff = "@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+b\n";

        assertThat(apply("a\nb", diff, 0)).isEqualTo("a\nb\n");
        assertThatThrownBy(() -> apply("a\nb\n", diff, 0)).isInstanceOf(HunkApplier.Mismatch.class);
    }

    @Test
    void describesTheFirstDifferenceWhereTheHunkBelongsAndSpotsAReversedHunk() throws Exception {
        HunkApplier.Mismatch m = org.junit.jupiter.api.Assertions.assertThrows(HunkApplier.Mismatch.class,
                () -> apply(numbered("l", 1, 10).replace("l6\n", "L6\n"), "@@ -5,3 +5,3 @@\n l5\n-l6\n+L6\n l7\n", 0));

        assertThat(m.expectedAt).isEqualTo(4);
        assertThat(m.differsAt).isEqualTo(5);
        assertThat(m.expected).isEqualTo("l6\n");
        assertThat(m.actual).isEqualTo("L6\n");
        assertThat(m.expectedIsContext).isFalse();
        assertThat(m.reversedAt).isEqualTo(4);
    }
}
