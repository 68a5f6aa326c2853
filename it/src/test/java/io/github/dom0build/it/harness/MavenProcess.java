package io.github.dom0build.it.harness;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Maven as a plain child process ({@code ${maven.home}/bin/mvn}, the same settings and local repository
 * as {@link MavenRun}), for what maven-invoker cannot do: run two builds at once, run one as another
 * user, and kill one with SIGKILL, with everything it started, the moment a state appears on disk (never
 * on a log line: a line says a step began, not that its state is on disk yet).
 */
public final class MavenProcess {
    private static final AtomicInteger RUNS = new AtomicInteger();

    private final Path projectDir;
    private final List<String> args = new ArrayList<>();
    private final Map<String, String> properties = new LinkedHashMap<>();
    private final Map<String, String> environment = new LinkedHashMap<>();
    private final List<String> prefix = new ArrayList<>();
    private java.util.function.BooleanSupplier killCondition;
    private String killConditionDescription;
    private java.util.function.BooleanSupplier pauseCondition;
    private final AtomicBoolean paused = new AtomicBoolean();
    private String logName;

    private Process process;
    private final StringBuilder out = new StringBuilder();
    private final AtomicBoolean killed = new AtomicBoolean();
    private final CountDownLatch outputDone = new CountDownLatch(1);
    private volatile String killReason;
    private Path logFile;

    private MavenProcess(Path projectDir) {
        this.projectDir = projectDir;
    }

    public static MavenProcess in(Path projectDir) {
        return new MavenProcess(projectDir);
    }

    public static MavenProcess in(ItProject project) {
        return new MavenProcess(project.dir());
    }

    public MavenProcess goals(String... goals) {
        args.addAll(List.of(goals));
        return this;
    }

    /** Raw command-line arguments, such as {@code -T 2} or {@code -o}. */
    public MavenProcess args(String... more) {
        args.addAll(List.of(more));
        return this;
    }

    public MavenProcess property(String name, Object value) {
        properties.put(name, String.valueOf(value));
        return this;
    }

    public MavenProcess env(String name, String value) {
        environment.put(name, value);
        return this;
    }

    /** Runs Maven as {@code uid}/{@code gid} with no supplementary groups (through setpriv). */
    public MavenProcess asUser(int uid, int gid) {
        prefix.clear();
        prefix.addAll(List.of("setpriv", "--reuid=" + uid, "--regid=" + gid, "--clear-groups", "--"));
        return this;
    }

    /** SIGKILLs the whole process tree as soon as {@code path} exists (polled every few milliseconds). */
    public MavenProcess killWhenExists(Path path) {
        return killWhen("file: " + path, () -> Files.exists(path, java.nio.file.LinkOption.NOFOLLOW_LINKS));
    }

    /**
     * SIGKILLs the whole process tree as soon as {@code condition} holds (polled every few milliseconds):
     * a state on disk lands the kill in the middle of a step however slow the machine, where a log line
     * only says that the step began.
     */
    public MavenProcess killWhen(String description, java.util.function.BooleanSupplier condition) {
        this.killCondition = condition;
        this.killConditionDescription = description;
        return this;
    }

    /**
     * SIGSTOPs the whole process tree as soon as {@code condition} holds (polled every few milliseconds),
     * until {@link #resume}: a build held in the middle of a step, by its state on disk, so that a test can
     * start a second build against it.
     */
    public MavenProcess pauseWhen(java.util.function.BooleanSupplier condition) {
        this.pauseCondition = condition;
        return this;
    }

    public boolean paused() {
        return paused.get();
    }

    /** SIGCONT to the tree a {@link #pauseWhen} stopped. */
    public void resume() {
        signal("-CONT");
    }

    private void signal(String sig) {
        List<String> cmd = new ArrayList<>(List.of("kill", sig, String.valueOf(process.pid())));
        process.toHandle().descendants().forEach(h -> cmd.add(String.valueOf(h.pid())));
        try {
            new ProcessBuilder(cmd).redirectErrorStream(true).start().waitFor();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public MavenProcess log(String name) {
        this.logName = name;
        return this;
    }

    /** Starts Maven; output is collected (and the kill rules watched) in the background. */
    public MavenProcess start() {
        List<String> cmd = new ArrayList<>(prefix);
        cmd.add(mavenHome().resolve("bin/mvn").toString());
        cmd.addAll(List.of("-B", "-e", "-V", "--no-transfer-progress", "-s", MavenRun.settings().toString(),
                "-Dmaven.repo.local=" + MavenRun.localRepo()));
        cmd.add("-Dfixtures=" + Fixtures.trees());
        properties.forEach((k, v) -> cmd.add("-D" + k + "=" + v));
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(projectDir.toFile()).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        if (System.getenv("MAVEN_OPTS") == null) {
            pb.environment().put("MAVEN_OPTS", MavenRun.QUICK_JVM);
        }
        pb.environment().putAll(environment);
        logFile = projectDir.resolve(logName != null ? logName : "process-" + RUNS.incrementAndGet() + ".log");
        try {
            process = pb.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + cmd, e);
        }
        Thread reader = new Thread(this::pump, "maven-output-" + process.pid());
        reader.setDaemon(true);
        reader.start();
        if (killCondition != null || pauseCondition != null) {
            Thread watcher = new Thread(this::watchFile, "maven-file-watch-" + process.pid());
            watcher.setDaemon(true);
            watcher.start();
        }
        return this;
    }

    private void pump() {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8)); Writer w = Files.newBufferedWriter(logFile, StandardCharsets.UTF_8)) {
            String line;
            while ((line = r.readLine()) != null) {
                synchronized (out) {
                    out.append(line).append('\n');
                }
                w.write(line);
                w.write('\n');
            }
        } catch (IOException e) {
            // the pipe closes when the tree is killed
        } finally {
            outputDone.countDown();
        }
    }

    private void watchFile() {
        while (process.isAlive() && !killed.get()) {
            if (killCondition != null && killCondition.getAsBoolean()) {
                kill(killConditionDescription);
                return;
            }
            if (pauseCondition != null && pauseCondition.getAsBoolean()) {
                signal("-STOP");
                paused.set(true);
                return;
            }
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** SIGKILL to Maven and every process below it (make, git, sh...), children first seen, then again. */
    public void kill(String reason) {
        if (!killed.compareAndSet(false, true)) {
            return;
        }
        killReason = reason;
        List<ProcessHandle> tree = new ArrayList<>();
        process.toHandle().descendants().forEach(tree::add);
        process.destroyForcibly();
        tree.forEach(ProcessHandle::destroyForcibly);
        process.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
    }

    public boolean running() {
        return process.isAlive();
    }

    public boolean killed() {
        return killed.get();
    }

    public String killReason() {
        return killReason;
    }

    public String output() {
        synchronized (out) {
            return out.toString();
        }
    }

    /** Waits for Maven to end (killing it after {@code timeout}); the log is also in the project dir. */
    public BuildResult await(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                kill("timeout after " + timeout);
                process.waitFor();
                outputDone.await(10, TimeUnit.SECONDS);
                throw new IllegalStateException("Maven did not finish within " + timeout + "; killed. Output:\n"
                        + output());
            }
            outputDone.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            kill("interrupted");
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for Maven", e);
        }
        // Every process of the tree is gone before the test looks at the disk.
        process.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
        return new BuildResult(process.exitValue(), output(), logFile);
    }

    public BuildResult run(Duration timeout) {
        return start().await(timeout);
    }

    public BuildResult run() {
        return run(Duration.ofMinutes(5));
    }

    private static Path mavenHome() {
        String home = System.getProperty("maven.home");
        if (home == null || !Files.isDirectory(Path.of(home))) {
            throw new IllegalStateException("no Maven home (" + home + "); run the ITs through the it module's build");
        }
        return Path.of(home);
    }
}
