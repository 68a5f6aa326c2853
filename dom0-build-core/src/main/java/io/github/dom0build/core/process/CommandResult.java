package io.github.dom0build.core.process;

import java.time.Duration;
import java.util.List;

/** How a command ended: exit code, duration, and the tail of its output. */
public record CommandResult(Command command, int exitCode, Duration duration, List<String> tail, long lineCount,
        String capturedOutput) {

    public boolean succeeded() {
        return exitCode == 0;
    }
}
