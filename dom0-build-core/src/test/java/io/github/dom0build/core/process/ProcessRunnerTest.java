package io.github.dom0build.core.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dom0build.core.testing.RecordingLog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessRunnerTest {
    @TempDir
    Path tmp;

    private final RecordingLog log = new RecordingLog();
    private final ProcessRunner runner = new ProcessRunner(log);

    @Test
    void streamsEveryLineInOrderWithThePrefix() throws Exception {
        runner.run(Command.of("sh", "-c", "for i in 1 2 3; do echo line$i; echo err$i >&2; done")
                .logPrefix("[t] ").build());
        assertThat(log.lines("INFO")).containsExactly("[t] line1", "[t] err1", "[t] line2", "[t] err2", "[t] line3",
                "[t] err3");
    }

    @Test
    void argumentsReachTheProgramLiterallyAndAreNeverInterpretedByAShell() throws Exception {
        Path marker = tmp.resolve("pwned");
        String hostile = "$(touch " + marker + "); `touch " + marker + "`; touch " + marker + "\ntouch " + marker;
        String out = runner.capture(Command.of("printf", "%s", hostile).build());
        assertThat(out).isEqualTo(hostile + "\n");
        assertThat(marker).doesNotExist();
    }

    @Test
    void environmentIsSetRemovedOrCleanedAsAsked() throws Exception {
        String out = runner.capture(Command.of("env").env("DOM0_A", "1").env("HOME", null).build());
        assertThat(out).contains("DOM0_A=1").doesNotContain("HOME=");
        String clean = runner.capture(Command.of("/usr/bin/env").cleanEnvironment().env("ONLY", "x").build());
        assertThat(clean.strip()).isEqualTo("ONLY=x");
    }

    @Test
    void runsInTheWorkingDirectory() throws Exception {
        assertThat(runner.capture(Command.of("pwd").workDir(tmp).build()).strip())
                .isEqualTo(tmp.toRealPath().toString());
    }

    @Test
    void aNonZeroExitQuotesCommandExitCodeFirstErrorsAndLastLines() {
        Command cmd = Command.of("sh", "-c", "echo 'foo.c:3:1: error: expected ;'; for i in $(seq 1 100); do echo noise$i; done; exit 3")
                .tailLines(5).build();
        assertThatThrownBy(() -> runner.run(cmd)).isInstanceOfSatisfying(CommandFailedException.class, e -> {
            assertThat(e.exitCode()).isEqualTo(3);
            assertThat(e.getMessage()).contains("exit code 3").contains("sh -c")
                    .contains("First errors:\n    foo.c:3:1: error: expected ;")
                    .contains("Last 5 lines of output:").contains("noise100").doesNotContain("noise95\n");
            assertThat(e.tail()).containsExactly("noise96", "noise97", "noise98", "noise99", "noise100");
        });
    }

    @Test
    void runAllowingFailureReturnsTheExitCode() throws Exception {
        assertThat(runner.runAllowingFailure(Command.of("sh", "-c", "exit 7").build()).exitCode()).isEqualTo(7);
    }

    @Test
    void aMissingProgramSaysWhatToInstall() {
        assertThatThrownBy(() -> runner.run(Command.of("dom0-no-such-tool", "x").build()))
                .isInstanceOf(CommandFailedException.class)
                .hasMessageContaining("Could not start dom0-no-such-tool")
                .hasMessageContaining("Fix: install dom0-no-such-tool");
    }

    @Test
    void aTimeoutKillsTheWholeProcessTree() throws Exception {
        Path pidFile = tmp.resolve("grandchild.pid");
        Command cmd = Command.of("sh", "-c", "sleep 300 & echo $! > " + pidFile + "; echo started; wait")
                .timeout(Duration.ofMillis(1500)).build();
        assertThatThrownBy(() -> runner.run(cmd)).isInstanceOf(CommandFailedException.class)
                .hasMessageContaining("timed out after 1.5s").hasMessageContaining("started");
        assertGone(Long.parseLong(Files.readString(pidFile).strip()));
    }

    @Test
    void anInterruptKillsTheWholeProcessTree() throws Exception {
        Path pidFile = tmp.resolve("grandchild.pid");
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread t = new Thread(() -> {
            try {
                runner.run(Command.of("sh", "-c", "sleep 300 & echo $! > " + pidFile + "; wait").build());
            } catch (Throwable e) {
                thrown.set(e);
            }
        });
        t.start();
        long deadline = System.currentTimeMillis() + 10_000;
        while (!(Files.exists(pidFile) && Files.size(pidFile) > 0) && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        t.interrupt();
        t.join(20_000);
        assertThat(thrown.get()).isInstanceOf(CommandFailedException.class).hasMessageContaining("interrupted");
        assertGone(Long.parseLong(Files.readString(pidFile).strip()));
    }

    private static void assertGone(long pid) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 10_000;
        Optional<ProcessHandle> h = ProcessHandle.of(pid);
        while (h.isPresent() && h.get().isAlive() && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
            h = ProcessHandle.of(pid);
        }
        assertThat(h.map(ProcessHandle::isAlive).orElse(false)).as("grandchild %d still running", pid).isFalse();
    }

    @Test
    void displayQuotesForAShellReaderButNeverRunsOne() {
        Command c = Command.of("make", "CC=ccache gcc", "it's").env("KBUILD_BUILD_USER", "dom0 build").build();
        assertThat(c.display()).isEqualTo("KBUILD_BUILD_USER='dom0 build' make 'CC=ccache gcc' 'it'\\''s'");
    }
}
