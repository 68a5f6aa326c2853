package io.github.dom0build.core.make;

import io.github.dom0build.core.BuildException;
import io.github.dom0build.core.process.Command;
import io.github.dom0build.core.process.Metacharacters;
import io.github.dom0build.core.process.ShellQuoting;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One make invocation as an argument list: {@code make -C DIR -jN VAR=value... targets...}. Variables
 * go on the command line, where they override the makefiles' own assignments and reach sub-makes;
 * the environment carries what the build systems read from it (the reproducibility variables).
 */
public final class MakeCommand {
    private static final Pattern VARIABLE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final Path directory;
    private final List<String> targets = new ArrayList<>();
    private final Map<String, String> variables = new LinkedHashMap<>();
    private final Map<String, String> environment = new LinkedHashMap<>();
    private int jobs = Runtime.getRuntime().availableProcessors();
    private String make = "make";
    private Duration timeout = Duration.ZERO;
    private String logPrefix = "[make] ";
    private java.util.function.Consumer<String> lineListener;
    private boolean silent;

    private MakeCommand(Path directory) {
        this.directory = directory;
    }

    public static MakeCommand in(Path directory) {
        return new MakeCommand(directory);
    }

    public MakeCommand program(String makeProgram) {
        this.make = makeProgram;
        return this;
    }

    public MakeCommand targets(List<String> t) {
        targets.addAll(t);
        return this;
    }

    public MakeCommand target(String t) {
        targets.add(t);
        return this;
    }

    /** Zero or less means one job per available processor. */
    public MakeCommand jobs(int n) {
        this.jobs = n > 0 ? n : Runtime.getRuntime().availableProcessors();
        return this;
    }

    public MakeCommand variable(String name, String value) {
        if (value != null) {
            variables.put(name, value);
        }
        return this;
    }

    public MakeCommand variables(Map<String, String> vars) {
        vars.forEach(this::variable);
        return this;
    }

    public MakeCommand env(Map<String, String> env) {
        environment.putAll(env);
        return this;
    }

    public MakeCommand timeout(Duration t) {
        this.timeout = t;
        return this;
    }

    public MakeCommand logPrefix(String p) {
        this.logPrefix = p;
        return this;
    }

    public MakeCommand onLine(java.util.function.Consumer<String> listener) {
        this.lineListener = listener;
        return this;
    }

    /** {@code make -s}, with the output kept out of the log: for probes such as kernelrelease. */
    public MakeCommand silent() {
        this.silent = true;
        return this;
    }

    public int jobs() {
        return jobs;
    }

    public Map<String, String> variables() {
        return java.util.Collections.unmodifiableMap(variables);
    }

    /**
     * The command. Target and variable names are checked first: an argument that starts with
     * {@code -} would be read by make as an option ({@code --eval=...} runs arbitrary make code).
     */
    public Command toCommand() throws BuildException {
        for (String t : targets) {
            if (t.isEmpty() || t.startsWith("-") || t.contains("=") || Metacharacters.commandIn(t).isPresent()
                    || t.chars().anyMatch(Character::isWhitespace)) {
                throw new BuildException("make target '" + t + "' is not a target name (it is empty, starts with '-',"
                        + " contains '=', white space or a character such as ';', '|', '&', '`' or '$(' that would"
                        + " run a command).", "list plain targets such as bzImage or dist-xen; put variables in"
                                + " the makeVariables parameter");
            }
        }
        for (Map.Entry<String, String> v : variables.entrySet()) {
            String name = v.getKey();
            if (!VARIABLE_NAME.matcher(name).matches()) {
                throw new BuildException("make variable name '" + name + "' is not a valid name.",
                        "use letters, digits and underscores, such as EXTRA_CFLAGS");
            }
            Optional<String> unsafe = Metacharacters.commandIn(v.getValue());
            if (unsafe.isPresent()) {
                throw new BuildException("make variable " + name + "=" + ShellQuoting.quote(v.getValue()) + " contains "
                        + Metacharacters.describe(unsafe.get()) + ": make pastes variable values into the shell"
                        + " commands of its recipes, where that would run a command. Nothing was run.",
                        "remove it from the value; dom0-build passes no make variable that could run a command"
                                + " (if it is part of a path, such as O= for outputDirectory, move the project to a"
                                + " path without it)");
            }
        }
        List<String> argv = new ArrayList<>();
        argv.add(make);
        argv.add("-C");
        argv.add(directory.toString());
        argv.add("-j" + jobs);
        if (silent) {
            argv.add("-s");
        }
        variables.forEach((k, v) -> argv.add(k + "=" + v));
        argv.addAll(targets);
        Command.Builder b = Command.of(argv).env(environment).timeout(timeout).logPrefix(logPrefix);
        if (lineListener != null) {
            b.onLine(lineListener);
        }
        if (silent) {
            b.quiet();
        }
        return b.build();
    }
}
