package io.github.dom0build.core.patch;

import static io.github.dom0build.core.patch.TestTrees.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dom0build.core.BuildException;
import io.github.dom0build.core.io.Sha256;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PatchSeriesTest {
    @TempDir
    Path dir;

    @Test
    void readsAQuiltSeriesWithStripLevelsAndComments() throws Exception {
        Path a = write(dir, "patches/fix-a.patch", "a");
        write(dir, "patches/sub/fix-b.diff", "b");
        write(dir, "patches/fix-c.patch", "c");
        Path series = write(dir, "patches/series", """
                # Xen dom0 fixes
                fix-a.patch

                sub/fix-b.diff -p0   # made inside the tree
                   fix-c.patch -p2 # trailing comment
                """);

        PatchSeries s = PatchSeries.fromSeriesFile(series, 1);

        assertThat(s.patches()).extracting(PatchFile::name, PatchFile::strip).containsExactly(
                org.assertj.core.groups.Tuple.tuple("fix-a.patch", 1),
                org.assertj.core.groups.Tuple.tuple("sub/fix-b.diff", 0),
                org.assertj.core.groups.Tuple.tuple("fix-c.patch", 2));
        assertThat(s.patches().get(0).path()).isEqualTo(a.toAbsolutePath());
        assertThat(s.patches().get(0).sha256()).isEqualTo(Sha256.of(a));
    }

    @Test
    void seriesErrorsNameTheFileAndLine() throws Exception {
        Path series = write(dir, "series", "# only a comment\n\n");
        assertThatThrownBy(() -> PatchSeries.fromSeriesFile(series, 1)).isInstanceOf(BuildException.class)
                .hasMessageContaining(series + " lists no patches");

        write(dir, "series", "here.patch\nmissing.patch\n");
        write(dir, "here.patch", "x");
        assertThatThrownBy(() -> PatchSeries.fromSeriesFile(series, 1)).isInstanceOf(BuildException.class)
                .hasMessageContaining("missing.patch").hasMessageContaining(series + " line 2");

        write(dir, "series", "here.patch -R\n");
        assertThatThrownBy(() -> PatchSeries.fromSeriesFile(series, 1)).isInstanceOf(BuildException.class)
                .hasMessageContaining("'-R'").hasMessageContaining("line 1");

        assertThatThrownBy(() -> PatchSeries.fromSeriesFile(dir.resolve("nope"), 1))
                .isInstanceOf(BuildException.class).hasMessageContaining("nope does not exist");
    }

    @Test
    void aDirectorySeriesIsSortedAndSkipsWhatIsNoPatch() throws Exception {
        write(dir, "p/0002-second.patch", "2");
        write(dir, "p/0001-first.patch", "1");
        write(dir, "p/0010-tenth.patch", "10");
        write(dir, "p/.hidden.patch", "h");
        write(dir, "p/series", "0001-first.patch\n");
        write(dir, "p/README.md", "notes");
        Files.createDirectories(dir.resolve("p/subdir"));

        PatchSeries s = PatchSeries.fromDirectory(dir.resolve("p"), 1);

        assertThat(s.patches()).extracting(PatchFile::name)
                .containsExactly("0001-first.patch", "0002-second.patch", "0010-tenth.patch");
    }

    @Test
    void anEmptyOrMissingDirectoryIsAnError() throws Exception {
        Files.createDirectories(dir.resolve("empty"));
        write(dir, "empty/README", "x");

        assertThatThrownBy(() -> PatchSeries.fromDirectory(dir.resolve("empty"), 1))
                .isInstanceOf(BuildException.class).hasMessageContaining("empty contains no patch files");
        assertThatThrownBy(() -> PatchSeries.fromDirectory(dir.resolve("gone"), 1))
                .isInstanceOf(BuildException.class).hasMessageContaining("gone does not exist");
    }

    @Test
    void aListKeepsItsOrderAndNamesFilesByNameUnlessNamesRepeat() throws Exception {
        Path b = write(dir, "x/b.patch", "b");
        Path a = write(dir, "x/a.patch", "a");
        Path a2 = write(dir, "y/a.patch", "a2");

        assertThat(PatchSeries.fromList(List.of(b, a), 0).patches()).extracting(PatchFile::name, PatchFile::strip)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("b.patch", 0),
                        org.assertj.core.groups.Tuple.tuple("a.patch", 0));
        assertThat(PatchSeries.fromList(List.of(a, a2), 1).patches()).extracting(PatchFile::name)
                .containsExactly(a.toString(), a2.toString());
        assertThatThrownBy(() -> PatchSeries.fromList(List.of(), 1)).isInstanceOf(BuildException.class)
                .hasMessageContaining("empty");
        assertThatThrownBy(() -> PatchSeries.fromList(List.of(dir.resolve("x/none.patch")), 1))
                .isInstanceOf(BuildException.class).hasMessageContaining("none.patch");
    }
}
