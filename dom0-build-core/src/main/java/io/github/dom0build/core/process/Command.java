package io.github.dom0build.core.process;

import io.github.dom0build.core.text.Urls;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * A command as an argument list, never a shell string, with everything that decides how it runs:
 * working directory, environment, timeout and how its output is reported.
 */
public final class Command {
    private final List<String> argv;
    private final Path workDir;
    private final Map<String, String> environment;
    private final boolean inheritEnvironment;
    private final Duration timeout;
    private final String logPrefix;
    private final int tailLines;
    private final Consumer<String> lineListener;
    private final boolean quiet;

    private Command(Builder b) {
        if (b.argv.isEmpty()) {
            throw new IllegalArgumentException("a command needs at least the program to run");
        }
        for (String a : b.argv) {
            Objects.requireNonNull(a, "command arguments must not be null");
        }
        this.argv = List.copyOf(b.argv);
        this.workDir = b.workDir;
        this.environment = Collections.unmodifiableMap(new LinkedHashMap<>(b.environment));
        this.inheritEnvironment = b.inheritEnvironment;
        this.timeout = b.timeout;
        this.logPrefix = b.logPrefix == null ? "[" + programName(argv.get(0)) + "] " : b.logPrefix;
        this.tailLines = b.tailLines;
        this.lineListener = b.lineListener;
        this.quiet = b.quiet;
    }

    public static Builder of(String program, String... args) {
        Builder b = new Builder();
        b.argv.add(program);
        Collections.addAll(b.argv, args);
        return b;
    }

    public static Builder of(List<String> argv) {
        Builder b = new Builder();
        b.argv.addAll(argv);
        return b;
    }

    public List<String> argv() {
        return argv;
    }

    public Path workDir() {
        return workDir;
    }

    /** Variables set (or, with a {@code null} value, removed) on top of the inherited environment. */
    public Map<String, String> environment() {
        return environment;
    }

    public boolean inheritEnvironment() {
        return inheritEnvironment;
    }

    /** Zero or negative means no limit. */
    public Duration timeout() {
        return timeout;
    }

    public String logPrefix() {
        return logPrefix;
    }

    public int tailLines() {
        return tailLines;
    }

    public Consumer<String> lineListener() {
        return lineListener;
    }

    /** Output goes to the debug log only (for probes such as {@code make kernelrelease}). */
    public boolean quiet() {
        return quiet;
    }

    /**
     * The command as a person would type it, quoted for a POSIX shell; for messages and reproducer
     * lines only, never executed.
     */
    public String display() {
        StringBuilder sb = new StringBuilder();
        environment.forEach((k, v) -> {
            if (v != null) {
                sb.append(k).append('=').append(ShellQuoting.quote(Urls.redact(v))).append(' ');
            }
        });
        for (int i = 0; i < argv.size(); i++) {
            if (i > 0) {
                sb.append(' ');
            }
            sb.append(ShellQuoting.quote(argv.get(i)));
        }
        return sb.toString();
    }

    private static String programName(String program) {
        int slash = program.lastIndexOf('/');
        return slash >= 0 ? program.substring(slash + 1) : program;
    }

    @Override
    public String toString() {
        return display();
    }

    public static final class Builder {
        private final List<String> argv = new ArrayList<>();
        private Path workDir;
        private final Map<String, String> environment = new LinkedHashMap<>();
        private boolean inheritEnvironment = true;
        private Duration timeout = Duration.ZERO;
        private String logPrefix;
        private int tailLines = 40;
        private Consumer<String> lineListener;
        private boolean quiet;

        public Builder args(String... more) {
            Collections.addAll(argv, more);
            return this;
        }

        public Builder args(List<String> more) {
            argv.addAll(more);
            return this;
        }

        public Builder workDir(Path dir) {
            this.workDir = dir;
            return this;
        }

        public Builder env(String name, String value) {
            environment.put(name, value);
            return this;
        }

        public Builder env(Map<String, String> vars) {
            environment.putAll(vars);
            return this;
        }

        /** Start from an empty environment instead of the JVM's. */
        public Builder cleanEnvironment() {
            this.inheritEnvironment = false;
            return this;
        }

        public Builder timeout(Duration t) {
            this.timeout = t == null ? Duration.ZERO : t;
            return this;
        }

        public Builder logPrefix(String prefix) {
            this.logPrefix = prefix;
            return this;
        }

        public Builder tailLines(int n) {
            this.tailLines = Math.max(0, n);
            return this;
        }

        public Builder onLine(Consumer<String> listener) {
            this.lineListener = listener;
            return this;
        }

        public Builder quiet() {
            this.quiet = true;
            return this;
        }

        public Command build() {
            return new Command(this);
        }
    }
}
