package io.github.dom0build.core.patch;

import static io.github.dom0build.core.patch.TestTrees.numbered;
import static io.github.dom0build.core.patch.TestTrees.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dom0build.core.stamp.StampStore;
import io.github.dom0build.core.testing.RecordingLog;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The same patch through GNU patch and through {@link PatchApplier} must give byte-identical trees. */
class GnuPatchCrossCheckTest {
    private static final Path GNU_PATCH = Path.of("/usr/bin/patch");

    @TempDir
    Path dir;
    Cli cli;

    @BeforeEach
    void setUp() throws Exception {
        cli = new Cli(Files.createDirectories(dir.resolve("home")));
    }

    @Test
    void aDiffRuNAppliedWithOffsetsGivesWhatGnuPatchGives() throws Exception {
        Path v1 = dir.resolve("v1");
        write(v1, "kernel/sched.c", numbered("sched", 1, 60));
        write(v1, "drivers/xen/evtchn.c", numbered("evt", 1, 40));
        write(v1, "drivers/xen/gone/old.c", "old\nfile\n");
        write(v1, "arch/x86/nonl.h", "a\nb\nc");
        write(v1, "tools/crlf.txt", "one\r\ntwo\r\nthree\r\nfour\r\n");
        write(v1, "README", "readme\n");
        Path v2 = dir.resolve("v2");
        copyTree(v1, v2);
        write(v2, "kernel/sched.c", numbered("sched", 1, 60).replace("sched10\n", "SCHED10\n")
                .replace("sched30\n", "sched30\nnew30a\nnew30b\n").replace("sched50\n", ""));
        write(v2, "drivers/xen/evtchn.c", numbered("evt", 1, 40).replace(numbered("evt", 5, 7), ""));
        Files.delete(v2.resolve("drivers/xen/gone/old.c"));
        Files.delete(v2.resolve("drivers/xen/gone"));
        write(v2, "drivers/xen/new/fresh.c", "fresh\n");
        write(v2, "arch/x86/nonl.h", "a\nB\nc");
        write(v2, "tools/crlf.txt", "one\r\nTWO\r\nthree\r\nfour\r\n");
        Cli.Result diff = cli.runAllowingFailure(dir, "diff", "-ruN", "v1", "v2");
        assertThat(diff.exitCode()).as(diff.err()).isEqualTo(1);
        Path patch = dir.resolve("v1-v2.patch");
        Files.writeString(patch, diff.out(), StandardCharsets.ISO_8859_1);

        // the trees to patch have moved on a little: the hunks need offsets
        Path gnu = dir.resolve("gnu");
        copyTree(v1, gnu);
        write(gnu, "kernel/sched.c", "/* header */\n/* more */\n" + numbered("sched", 1, 60));
        write(gnu, "drivers/xen/evtchn.c", numbered("evt", 2, 40));
        Path ours = dir.resolve("ours");
        copyTree(gnu, ours);

        cli.run(dir, GNU_PATCH.toString(), "-s", "-N", "-F0", "--no-backup-if-mismatch", "-p1", "-d", gnu.toString(),
                "-i", patch.toString());
        RecordingLog log = new RecordingLog();
        new PatchApplier(log).apply(ours, PatchSeries.fromList(List.of(patch), 1), PatchOptions.defaults());

        assertThat(TreeDigest.of(ours, StampStore.DIR_NAME)).isEqualTo(TreeDigest.of(gnu));
        assertThat(ours.resolve("drivers/xen/gone")).doesNotExist();
        assertThat(Files.readString(ours.resolve("arch/x86/nonl.h"))).isEqualTo("a\nB\nc");
        assertThat(log.lines("INFO")).contains("  kernel/sched.c: Hunk #1 succeeded at 9 (offset 2 lines).",
                "  drivers/xen/evtchn.c: Hunk #1 succeeded at 1 (offset -1 lines).");
    }

    @Test
    void fuzzBehavesAsGnuPatchFuzz() throws Exception {
        Path base = dir.resolve("base");
        write(base, "f.c", numbered("f", 1, 20).replace("f4\n", "f4 drifted\n"));
        Path patch = write(dir, "fix.patch",
                "--- a/f.c\n+++ b/f.c\n@@ -4,7 +4,7 @@\n f4\n f5\n f6\n-f7\n+F7\n f8\n f9\n f10\n");
        Path gnu = dir.resolve("gnu");
        copyTree(base, gnu);
        Path ours = dir.resolve("ours");
        copyTree(base, ours);

        Cli.Result strict = cli.runAllowingFailure(dir, GNU_PATCH.toString(), "-s", "-N", "-F0",
                "--no-backup-if-mismatch", "-r", "-", "-p1", "-d", gnu.toString(), "-i", patch.toString());
        assertThat(strict.exitCode()).isEqualTo(1);
        assertThatThrownBy(() -> new PatchApplier(new RecordingLog()).apply(ours,
                PatchSeries.fromList(List.of(patch), 1), PatchOptions.defaults())).isInstanceOf(PatchException.class);
        assertThat(TreeDigest.of(ours)).isEqualTo(TreeDigest.of(gnu));

        cli.run(dir, GNU_PATCH.toString(), "-s", "-N", "-F1", "--no-backup-if-mismatch", "-p1", "-d", gnu.toString(),
                "-i", patch.toString());
        new PatchApplier(new RecordingLog()).apply(ours, PatchSeries.fromList(List.of(patch), 1),
                PatchOptions.defaults().withFuzz(1));
        assertThat(TreeDigest.of(ours, StampStore.DIR_NAME)).isEqualTo(TreeDigest.of(gnu));
    }

    private static void copyTree(Path from, Path to) throws Exception {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }
}
