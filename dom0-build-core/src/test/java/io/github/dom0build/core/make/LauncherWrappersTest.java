package io.github.dom0build.core.make;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dom0build.core.BuildException;
import io.github.dom0build.core.guard.DeletionRule;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LauncherWrappersTest {

    @TempDir
    Path tmp;

    private Path bin;
    private Path wrappers;

    /** A fake bin directory with a gcc and a cc (scripts), and the wrapper directory under target/. */
    @BeforeEach
    void setUp() throws IOException {
        bin = Files.createDirectories(tmp.resolve("bin"));
        executable(bin.resolve("gcc"), "#!/bin/sh\necho gcc\n");
        executable(bin.resolve("cc"), "#!/bin/sh\necho cc\n");
        Files.writeString(bin.resolve("g++"), "not executable");
        wrappers = tmp.resolve("target/launcher-bin");
    }

    private static void executable(Path p, String text) throws IOException {
        Files.createDirectories(p.getParent());
        Files.writeString(p, text, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private static List<String> run(List<String> argv) throws Exception {
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(out).isZero();
        return out.lines().toList();
    }

    @Test
    void noLauncherChangesNothing() throws Exception {
        assertThat(LauncherWrappers.install(CompilerLauncher.NONE, wrappers, List.of("gcc"), bin.toString(), rule()))
                .isEmpty();
        assertThat(wrappers).doesNotExist();
    }

    @Test
    void writesAnExecutableWrapperPerCompilerFoundAndSkipsTheRest() throws Exception {
        Map<String, String> env = LauncherWrappers.install(CompilerLauncher.parse("/bin/echo"), wrappers,
                List.of("gcc", "cc", "g++", "x86_64-linux-gnu-gcc"), bin.toString(), rule());

        try (Stream<Path> s = Files.list(wrappers)) {
            assertThat(s.map(p -> p.getFileName().toString()).sorted().toList()).containsExactly("cc", "gcc");
        }
        Path gcc = wrappers.resolve("gcc");
        assertThat(Files.isExecutable(gcc)).isTrue();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(gcc))).isEqualTo("rwxr-xr-x");
        assertThat(Files.readString(gcc)).isEqualTo("#!/bin/sh\n# dom0-build: echo in front of gcc\nexec '/bin/echo' '"
                + bin.resolve("gcc") + "' \"$@\"\n");
        assertThat(env).containsOnlyKeys("PATH");
        assertThat(env.get("PATH")).isEqualTo(wrappers.toAbsolutePath() + File.pathSeparator + bin);
    }

    @Test
    void theWrapperDirectoryIsFirstAndNeverTwice() throws Exception {
        String path = wrappers + File.pathSeparator + "/usr/bin" + File.pathSeparator + File.pathSeparator
                + tmp.resolve("target/../target/launcher-bin") + File.pathSeparator + bin;
        Map<String, String> env = LauncherWrappers.install(CompilerLauncher.parse("/bin/echo"), wrappers,
                List.of("gcc"), path, rule());
        assertThat(env.get("PATH").split(File.pathSeparator)).containsExactly(wrappers.toAbsolutePath().toString(),
                "/usr/bin", bin.toString());
        // The wrapper calls the first real gcc on the PATH it was given, never itself.
        assertThat(Files.readString(wrappers.resolve("gcc"))).doesNotContain(wrappers.resolve("gcc").toString());
    }

    @Test
    void theDirectoryIsRecreated() throws Exception {
        Files.createDirectories(wrappers);
        Files.writeString(wrappers.resolve("clang"), "stale wrapper from an earlier run");
        LauncherWrappers.install(CompilerLauncher.parse("/bin/echo"), wrappers, List.of("gcc"), bin.toString(), rule());
        try (Stream<Path> s = Files.list(wrappers)) {
            assertThat(s.map(p -> p.getFileName().toString()).toList()).containsExactly("gcc");
        }
    }

    @Test
    void aLauncherThatIsNotInstalledIsRefusedNamingItsPackage() {
        assertThatThrownBy(() -> LauncherWrappers.install(CompilerLauncher.parse("ccache"), wrappers, List.of("gcc"),
                bin.toString(), rule())).isInstanceOfSatisfying(BuildException.class, e -> {
                    assertThat(e.problem()).isEqualTo("The compiler launcher ccache is not installed (not on the PATH).");
                    assertThat(e.fix()).isEqualTo("install it (Debian/Ubuntu: apt-get install ccache) or set"
                            + " compilerLauncher=none");
                });
        assertThatThrownBy(() -> LauncherWrappers.install(CompilerLauncher.parse("/opt/sccache/bin/sccache"), wrappers,
                List.of("gcc"), bin.toString(), rule())).isInstanceOf(BuildException.class)
                .hasMessageContaining("apt-get install sccache");
        assertThat(wrappers).doesNotExist();
    }

    @Test
    void aLauncherIsFoundOnTheGivenPath() throws Exception {
        executable(bin.resolve("ccache"), "#!/bin/sh\nexec \"$@\"\n");
        LauncherWrappers.install(CompilerLauncher.parse("ccache"), wrappers, List.of("gcc"), bin.toString(), rule());
        assertThat(Files.readString(wrappers.resolve("gcc"))).contains("exec '" + bin.resolve("ccache") + "' '"
                + bin.resolve("gcc") + "' \"$@\"");
    }

    @Test
    void noCompilerAtAllIsRefused() {
        assertThatThrownBy(() -> LauncherWrappers.install(CompilerLauncher.parse("/bin/echo"), wrappers,
                List.of("clang", "g++"), bin.toString(), rule())).isInstanceOfSatisfying(BuildException.class, e -> {
                    assertThat(e.problem()).isEqualTo("None of the compilers [clang, g++] is on the PATH.");
                    assertThat(e.fix()).contains("apt-get install gcc");
                });
    }

    @Test
    void aWrapperHandsEveryArgumentOverIntact() throws Exception {
        // echo as the launcher: the output is the real compiler followed by the arguments.
        String real = Path.of("/bin/true").toRealPath().getParent().toString();
        LauncherWrappers.install(CompilerLauncher.parse("/bin/echo"), wrappers, List.of("true"), real, rule());
        Path marker = tmp.resolve("pwned");
        List<String> args = List.of("-c", "file name.c", "$(touch " + marker + ")", "`touch " + marker + "`", "a'b",
                "*", "-DX=\"y z\"");
        List<String> argv = new ArrayList<>();
        argv.add(wrappers.resolve("true").toString());
        argv.addAll(args);
        assertThat(run(argv)).containsExactly(real + "/true " + String.join(" ", args));

        // A launcher that prints one argument per line shows the boundaries, and survives a quote in its path.
        Path printer = tmp.resolve("it's-$(a)-launcher/print-args");
        executable(printer, "#!/bin/sh\nfor a in \"$@\"; do printf '[%s]\\n' \"$a\"; done\n");
        LauncherWrappers.install(CompilerLauncher.parse(printer.toString()), wrappers, List.of("sh"), real, rule());
        List<String> expected = new ArrayList<>();
        expected.add("[" + real + "/sh]");
        args.forEach(a -> expected.add("[" + a + "]"));
        argv.set(0, wrappers.resolve("sh").toString());
        assertThat(run(argv)).containsExactlyElementsOf(expected);
        assertThat(marker).doesNotExist();
    }

    /** The wrappers live under target/, which the deletion rule lets dom0-build recreate. */
    private DeletionRule rule() {
        return new DeletionRule(tmp.resolve("target"));
    }
}
