package io.github.dom0build.core.process;

import io.github.dom0build.core.BuildException;
import java.util.List;

/**
 * A command that exited non-zero, timed out, could not start or was interrupted. The message quotes
 * the command, how it ended and the last lines it printed, so that the failure can be read without
 * scrolling through the whole build log.
 */
public class CommandFailedException extends BuildException {
    private static final long serialVersionUID = 1L;

    private final transient Command command;
    private final int exitCode;
    private final List<String> tail;

    public CommandFailedException(Command command, int exitCode, String problem, String fix, List<String> tail,
            Throwable cause) {
        super(problem, fix, cause);
        this.command = command;
        this.exitCode = exitCode;
        this.tail = List.copyOf(tail);
    }

    public Command command() {
        return command;
    }

    /** The exit code, or -1 when the process did not exit by itself (timeout, interrupt, no start). */
    public int exitCode() {
        return exitCode;
    }

    public List<String> tail() {
        return tail;
    }
}
