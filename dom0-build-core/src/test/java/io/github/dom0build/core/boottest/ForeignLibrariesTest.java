package io.github.dom0build.core.boottest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dom0build.core.BuildException;
import io.github.dom0build.core.arch.Architecture;
import io.github.dom0build.core.arch.ImageArchitecture;
import io.github.dom0build.core.process.Command;
import io.github.dom0build.core.process.ProcessRunner;
import io.github.dom0build.core.testing.RecordingLog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real arm64 program, made by the cross compiler .ci/install-deps installs, linked against a library
 * of the "dom0 root" and the arm64 C library of this machine's multiarch directory.
 */
class ForeignLibrariesTest {
    @TempDir
    Path tmp;

    private final ProcessRunner runner = new ProcessRunner(new RecordingLog());

    private Path program(Path root) throws Exception {
        Path src = Files.writeString(tmp.resolve("p.c"), "int greet(void);\nint main(void) { return greet(); }\n");
        Path lib = Files.writeString(tmp.resolve("l.c"), "int greet(void) { return 0; }\n");
        Path libDir = Files.createDirectories(root.resolve("usr/lib"));
        runner.run(Command.of("aarch64-linux-gnu-gcc", "-shared", "-fPIC", "-Wl,-soname,libgreet.so.1", "-o",
                libDir.resolve("libgreet.so.1").toString(), lib.toString()).quiet().build());
        Path bin = Files.createDirectories(root.resolve("usr/sbin")).resolve("p");
        runner.run(Command.of("aarch64-linux-gnu-gcc", "-o", bin.toString(), src.toString(),
                libDir.resolve("libgreet.so.1").toString()).quiet().build());
        return bin;
    }

    @Test
    void followsNeededAndTheInterpreterWithoutRunningTheProgram() throws Exception {
        Path root = tmp.resolve("root");
        Path bin = program(root);
        assertThat(ImageArchitecture.of(bin)).contains(Architecture.ARM64);
        Map<String, Path> libs = new ForeignLibraries(runner, Architecture.ARM64, Path.of("/")).of(root,
                List.of("usr/lib"), bin);
        assertThat(libs).containsKeys("usr/lib/libgreet.so.1", "lib/ld-linux-aarch64.so.1");
        assertThat(libs.keySet()).anyMatch(k -> k.endsWith("aarch64-linux-gnu/libc.so.6"));
        assertThat(ImageArchitecture.of(libs.get("usr/lib/libgreet.so.1"))).contains(Architecture.ARM64);
    }

    @Test
    void aLibraryFoundNowhereNamesTheMultiarchPackages() throws Exception {
        Path root = tmp.resolve("root");
        Path bin = program(root);
        Files.delete(root.resolve("usr/lib/libgreet.so.1"));
        assertThatThrownBy(() -> new ForeignLibraries(runner, Architecture.ARM64, Path.of("/")).of(root,
                List.of("usr/lib"), bin)).isInstanceOf(BuildException.class).hasMessageContaining("libgreet.so.1")
                .satisfies(e -> assertThat(((BuildException) e).fix()).contains("dpkg --add-architecture arm64"));
    }
}
