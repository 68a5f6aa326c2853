package io.github.dom0build.core.boottest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConsoleWatchTest {
    @TempDir
    Path tmp;

    @Test
    void aPanicOnTheConsoleInterruptsTheWaiterAndNamesTheLine() throws Exception {
        Path console = tmp.resolve("console.log");
        Files.writeString(console, "(XEN) Xen version 4.17.5\r\n[    1.0] Run /sbin/init as init process\r\n");
        try (ConsoleWatch w = ConsoleWatch.start(console, Thread.currentThread(), 0)) {
            Files.writeString(console, "[    2.0] Kernel panic - not syncing: Attempted to kill init!\r\n",
                    StandardOpenOption.APPEND);
            boolean interrupted = false;
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                interrupted = true;
            }
            assertThat(interrupted).isTrue();
            assertThat(w.reason()).isEqualTo("[    2.0] Kernel panic - not syncing: Attempted to kill init!");
        }
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
    }

    @Test
    void aHealthyBootIsLeftAlone() throws Exception {
        Path console = tmp.resolve("console.log");
        Files.writeString(console, "DOM0-BUILD-BOOT-TEST: begin\r\nreboot: Power down\r\n");
        try (ConsoleWatch w = ConsoleWatch.start(console, Thread.currentThread(), 0)) {
            Thread.sleep(1200); // more than two polls
            assertThat(w.reason()).isNull();
        }
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
    }
}
