package io.github.dom0build.it.harness;

import java.nio.file.Path;

/** One Maven run: its exit code and everything it printed (also kept in {@code logFile}). */
public record BuildResult(int exitCode, String log, Path logFile) {
    public boolean succeeded() {
        return exitCode == 0;
    }

    @Override
    public String toString() {
        return "Maven exited " + exitCode + "; log " + logFile;
    }
}
