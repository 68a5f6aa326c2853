package io.github.dom0build.core.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.dom0build.core.BuildException;
import io.github.dom0build.core.kconfig.ConfigBase;
import io.github.dom0build.core.kconfig.ConfigRequest;
import io.github.dom0build.core.patch.PatchApplier;
import io.github.dom0build.core.patch.PatchException;
import io.github.dom0build.core.patch.PatchOptions;
import io.github.dom0build.core.patch.PatchSeries;
import io.github.dom0build.core.testing.RecordingLog;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Patches and config files that are odd rather than hostile: each gets an error that names the file, the
 * line and what is wrong, never a bare Java exception, and the tree is as before. A rename whose headers
 * disagree is refused as {@code git apply} refuses it (checked against the real git).
 */
class PatchAndConfigInputsTest {
    @TempDir
    Path tmp;

    private final RecordingLog log = new RecordingLog();
    private Path tree;
    private Map<String, String> before;

    @BeforeEach
    void aTree() throws Exception {
        tree = tmp.resolve("tree");
        Trees.write(tree.resolve("old.c"), "int a;\n");
        Trees.write(tree.resolve("other.c"), "int b;\n");
        before = Trees.digest(tree);
    }

    private BuildException patchFails(String text) throws Exception {
        Path patch = tmp.resolve("0001-odd.patch");
        Files.write(patch, text.getBytes(StandardCharsets.ISO_8859_1));
        BuildException e = assertThrows(BuildException.class, () -> new PatchApplier(log).apply(tree,
                PatchSeries.fromList(List.of(patch), 1), PatchOptions.defaults()));
        assertThat(Trees.digest(tree)).isEqualTo(before);
        return e;
    }

    @Test
    void aRenameWhoseHeadersDisagreeIsRefusedLikeGitApplyRefusesIt() throws Exception {
        String patch = "diff --git a/old.c b/new.c\nsimilarity index 50%\nrename from other.c\nrename to new.c\n"
                + "--- a/old.c\n+++ b/new.c\n@@ -1 +1 @@\n-int a;\n+int c;\n";
        BuildException e = patchFails(patch);
        assertThat(e).isInstanceOf(PatchException.class);
        assertThat(e.problem()).isEqualTo("Patch 0001-odd.patch (line 1) names the old file of a rename or copy"
                + " differently in its headers: 'old.c' in the --- line, 'other.c' in the rename from line."
                + " git apply refuses such a patch, and so does dom0-build.");
        Process git = new ProcessBuilder("git", "apply", "--check", tmp.resolve("0001-odd.patch").toString())
                .directory(tree.toFile()).redirectErrorStream(true).start();
        String said = new String(git.getInputStream().readAllBytes());
        assertThat(git.waitFor()).as("git apply refuses it too: " + said).isNotZero();
    }

    @Test
    void aNulInAQuotedFileNameIsRefusedNamingThePatch() throws Exception {
        BuildException e = patchFails("--- \"a/old\\000.c\"\n+++ \"b/old\\000.c\"\n@@ -1 +1 @@\n-int a;\n+int c;\n");
        assertThat(e).isInstanceOf(PatchException.class);
        assertThat(e.problem()).isEqualTo("Patch 0001-odd.patch (line 1) names 'a/old\\x00.c', which has a NUL"
                + " character: no file can have such a name. Such a patch is refused.");
    }

    @Test
    void anOutOfRangeStripLevelInASeriesIsAnErrorNotAJavaException() throws Exception {
        Trees.write(tmp.resolve("patches/0001.patch"), "--- a/old.c\n+++ b/old.c\n@@ -1 +1 @@\n-int a;\n+int c;\n");
        Trees.write(tmp.resolve("patches/series"), "0001.patch -p99999999999\n");
        BuildException e = assertThrows(BuildException.class,
                () -> PatchSeries.fromSeriesFile(tmp.resolve("patches/series"), 1));
        assertThat(e.problem()).isEqualTo("The strip level '-p99999999999' for patch 0001.patch in "
                + tmp.resolve("patches/series") + " line 1 is out of range.");
        assertThat(e.fix()).contains("-p1 for git and most diffs");
    }

    @Test
    void aFragmentWithAByteOrderMarkIsReadAsItsOptions() throws Exception {
        Path fragment = tmp.resolve("dom0.config");
        byte[] text = "CONFIG_XEN_DOM0=y\n".getBytes(StandardCharsets.UTF_8);
        byte[] withBom = new byte[text.length + 3];
        withBom[0] = (byte) 0xef;
        withBom[1] = (byte) 0xbb;
        withBom[2] = (byte) 0xbf;
        System.arraycopy(text, 0, withBom, 3, text.length);
        Files.write(fragment, withBom);
        ConfigRequest r = ConfigRequest.builder().fragmentFile(fragment).build();
        assertThat(r.options()).extracting(o -> o.name()).containsExactly("XEN_DOM0");
    }

    @Test
    void aFragmentInLatin1SaysSoAndWhere() throws Exception {
        Path fragment = tmp.resolve("dom0.config");
        Files.write(fragment, "# dom0 for the caf\u00e9\nCONFIG_XEN_DOM0=y\n".getBytes(StandardCharsets.ISO_8859_1));
        BuildException e = assertThrows(BuildException.class, () -> ConfigRequest.builder().fragmentFile(fragment));
        assertThat(e.problem()).isEqualTo("The config fragment " + fragment + " is not UTF-8 text: byte 0xe9 on line 1"
                + " is not valid UTF-8 (a file saved as Latin-1?).");
        assertThat(e.fix()).startsWith("save it as UTF-8");
    }

    @Test
    void aBaseConfigFileIsCheckedForCommandsLikeFragments() throws Exception {
        Path base = tmp.resolve("config-6.1.0");
        Path marker = tmp.resolve("INJECTED");
        Files.writeString(base, "CONFIG_64BIT=y\nCONFIG_LOCALVERSION=\"-dom0$(touch " + marker + ")\"\n");
        BuildException e = assertThrows(BuildException.class, () -> ConfigBase.of(null, base));
        assertThat(e.problem()).startsWith("Line 2 of " + base + " is refused: `CONFIG_LOCALVERSION=\"-dom0$(touch ")
                .contains("would run a command. Nothing was run.");
        assertThat(marker).doesNotExist();
    }
}
