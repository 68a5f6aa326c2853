package io.github.dom0build.core.process;

import io.github.dom0build.core.log.BuildLog;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs commands the way a build wrapper should: argument lists only, an explicit environment, output
 * streamed line by line into the build log with a prefix, an optional timeout, and the whole process
 * tree killed on timeout, on interrupt and when the JVM exits. A failure quotes the command, how it
 * ended, the first error lines and the last lines of output.
 */
public final class ProcessRunner {
    private static final int FIRST_ERRORS = 10;

    private final BuildLog log;

    public ProcessRunner(BuildLog log) {
        this.log = log;
    }

    /** Runs the command and fails unless it exits 0. */
    public CommandResult run(Command command) throws CommandFailedException {
        return execute(command, false, true);
    }

    /** Runs the command and returns its result whatever the exit code (start failures still throw). */
    public CommandResult runAllowingFailure(Command command) throws CommandFailedException {
        return execute(command, false, false);
    }

    /** Runs the command, fails unless it exits 0, and returns everything it printed. */
    public String capture(Command command) throws CommandFailedException {
        return execute(command, true, true).capturedOutput();
    }

    private CommandResult execute(Command command, boolean capture, boolean failOnNonZero)
            throws CommandFailedException {
        ProcessBuilder pb = new ProcessBuilder(command.argv()).redirectErrorStream(true);
        if (command.workDir() != null) {
            pb.directory(command.workDir().toFile());
        }
        Map<String, String> env = pb.environment();
        if (!command.inheritEnvironment()) {
            env.clear();
        }
        command.environment().forEach((k, v) -> {
            if (v == null) {
                env.remove(k);
            } else {
                env.put(k, v);
            }
        });
        pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));

        OutputTail tail = new OutputTail(command.tailLines());
        FirstErrors errors = new FirstErrors(FIRST_ERRORS);
        StringBuilder captured = capture ? new StringBuilder() : null;
        log.debug("Running: " + command.display() + (command.workDir() != null ? "  (in " + command.workDir() + ")" : ""));

        long start = System.nanoTime();
        Process process;
        try {
            process = pb.start();
        } catch (IOException e) {
            throw new CommandFailedException(command, -1,
                    "Could not start " + command.argv().get(0) + ": " + e.getMessage() + "\n  Command: " + command.display(),
                    "install " + command.argv().get(0) + " or put it on the PATH (the deps goal lists what a build needs)",
                    List.of(), e);
        }
        ProcessTrees.register(process);
        Thread pump = new Thread(() -> pump(process, command, tail, errors, captured),
                "dom0-build-output-" + process.pid());
        pump.setDaemon(true);
        pump.start();
        try {
            boolean finished;
            Duration timeout = command.timeout();
            if (timeout.isZero() || timeout.isNegative()) {
                process.waitFor();
                finished = true;
            } else {
                finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            }
            if (!finished) {
                ProcessTrees.kill(process);
                joinQuietly(pump);
                throw failure(command, -1, "Command timed out after " + human(timeout) + " and was killed with everything it started",
                        "raise the goal's timeout parameter, or find out why the command hangs (the last lines below)",
                        tail, errors, null);
            }
            pump.join();
        } catch (InterruptedException e) {
            ProcessTrees.kill(process);
            joinQuietly(pump);
            Thread.currentThread().interrupt();
            throw failure(command, -1, "Command interrupted; it was killed with everything it started", null, tail,
                    errors, e);
        } finally {
            ProcessTrees.unregister(process);
        }
        int exit = process.exitValue();
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        if (exit != 0 && failOnNonZero) {
            throw failure(command, exit, "Command failed with exit code " + exit,
                    "read the first errors above; the whole output is in the build log", tail, errors, null);
        }
        return new CommandResult(command, exit, took, tail.lines(), tail.totalLines(),
                captured == null ? null : captured.toString());
    }

    private void pump(Process process, Command command, OutputTail tail, FirstErrors errors, StringBuilder captured) {
        try (BufferedReader r = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8), 1 << 16)) {
            String line;
            String prefix = command.logPrefix();
            while ((line = r.readLine()) != null) {
                tail.add(line);
                errors.offer(line);
                if (captured != null) {
                    captured.append(line).append('\n');
                }
                if (command.lineListener() != null) {
                    command.lineListener().accept(line);
                }
                if (command.quiet()) {
                    if (log.isDebugEnabled()) {
                        log.debug(prefix + line);
                    }
                } else {
                    log.info(prefix + line);
                }
            }
        } catch (IOException e) {
            // The stream closes when the process tree is killed; what was read is kept.
        }
    }

    private static CommandFailedException failure(Command command, int exit, String headline, String fix,
            OutputTail tail, FirstErrors errors, Throwable cause) {
        StringBuilder msg = new StringBuilder(headline).append(":\n  ").append(command.display());
        if (command.workDir() != null) {
            msg.append("\n  in ").append(command.workDir());
        }
        List<String> first = errors.lines();
        List<String> last = tail.lines();
        if (!first.isEmpty()) {
            msg.append("\n  First errors:");
            first.forEach(l -> msg.append("\n    ").append(l));
        }
        if (!last.isEmpty()) {
            msg.append("\n  Last ").append(last.size()).append(last.size() == 1 ? " line" : " lines")
                    .append(" of output:");
            last.forEach(l -> msg.append("\n    ").append(l));
        } else {
            msg.append("\n  (no output)");
        }
        return new CommandFailedException(command, exit, msg.toString(), fix, last, cause);
    }

    private static void joinQuietly(Thread t) {
        try {
            t.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static String human(Duration d) {
        long s = d.getSeconds();
        if (s >= 3600) {
            return String.format("%dh%02dm", s / 3600, (s % 3600) / 60);
        }
        if (s >= 60) {
            return String.format("%dm%02ds", s / 60, s % 60);
        }
        return d.toMillis() % 1000 == 0 ? s + "s" : String.format("%.1fs", d.toMillis() / 1000.0);
    }
}
