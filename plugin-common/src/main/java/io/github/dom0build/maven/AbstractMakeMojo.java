package io.github.dom0build.maven;

import io.github.dom0build.core.BuildException;
import io.github.dom0build.core.make.CompilerLauncher;
import io.github.dom0build.core.make.LauncherWrappers;
import io.github.dom0build.core.make.MakeCommand;
import io.github.dom0build.core.stamp.BuildState;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.maven.plugins.annotations.Parameter;

/** What both plugins' make goals share: parallelism, make variables and a compiler launcher. */
public abstract class AbstractMakeMojo extends AbstractBuildMojo {
    /** Parallel jobs ({@code make -jN}); 0 means one per available processor. */
    @Parameter(property = GoalPrefix.NAME + ".jobs", defaultValue = "0")
    protected int jobs;

    /**
     * Extra make variables, passed on make's command line ({@code NAME=value}) where they override the
     * makefiles' own values, e.g. {@code <EXTRAVERSION>-dom0</EXTRAVERSION>}. On the command line:
     * {@code -Dkernel.makeVariables=A=1,B=2}.
     */
    @Parameter(property = GoalPrefix.NAME + ".makeVariables")
    protected Map<String, String> makeVariables;

    /**
     * A program to put in front of the compiler: {@code ccache}, {@code sccache}, {@code distcc} or the
     * path of another launcher, through wrapper scripts first on make's PATH (gcc, cc and the
     * cross compiler run {@code <launcher> <compiler>}). {@code none} for none.
     */
    @Parameter(property = GoalPrefix.NAME + ".compilerLauncher", defaultValue = "none")
    protected String compilerLauncher;

    /**
     * For {@code compilerLauncher=distcc}: the {@code DISTCC_HOSTS} list, e.g.
     * {@code 127.0.0.1/4 buildbox/8}. Empty means distcc's own configuration.
     */
    @Parameter(property = GoalPrefix.NAME + ".distccHosts")
    protected String distccHosts;

    /** A step whose success {@link #runUnlessUpToDate} records. */
    protected interface Step {
        void run() throws BuildException, IOException;
    }

    /**
     * Runs {@code step} unless {@code check} is on and the step is up to date with the given identity over
     * {@code paths}, the state kept in {@code stateTree}. Only the goals that call this (make, Xen's
     * dist) declare the {@code upToDateCheck} parameter that {@code check} comes from.
     */
    protected final void runUnlessUpToDate(boolean check, String name, Path stateTree, List<Path> paths,
            String identity, Step step) throws BuildException, IOException {
        BuildState state = new BuildState(stateTree);
        Optional<BuildState.Run> run = check ? state.beginUnlessUpToDate(name, identity, paths)
                : Optional.of(state.begin(paths));
        if (run.isEmpty()) {
            getLog().info(capitalized(name) + " up to date: it succeeded with the same command and stamps, and no file"
                    + " in " + paths.get(0) + (paths.size() > 1 ? " and " + (paths.size() - 1) + " more" : "")
                    + " changed since; not running it (-D" + GoalPrefix.NAME + ".upToDateCheck=false to run anyway)");
            return;
        }
        step.run();
        run.get().succeeded(name, identity);
    }

    private static String capitalized(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    /**
     * The environment as the metadata records it: without PATH, which names this machine's directories
     * (and would make two builds' metadata differ for nothing).
     */
    protected final Map<String, String> recordedEnvironment() throws BuildException {
        Map<String, String> env = new java.util.LinkedHashMap<>(buildEnvironment());
        env.remove("PATH");
        return env;
    }

    /**
     * The make variables as the metadata records them: the goal's and the user's, without {@code O}
     * (the build directory on this machine, which says nothing about what was built).
     */
    protected final Map<String, String> recordedMakeVariables(Map<String, String> goalVariables) {
        Map<String, String> vars = new java.util.LinkedHashMap<>(goalVariables);
        if (makeVariables != null) {
            vars.putAll(makeVariables);
        }
        vars.remove("O");
        return vars;
    }

    /** The compilers the launcher goes in front of; the kernel and Xen add their cross compiler. */
    protected List<String> launchedCompilers() throws BuildException {
        return List.of("gcc", "cc", "c++", "g++");
    }

    /**
     * The environment, made once per goal execution: a goal asks for it several times (each make command,
     * the recorded metadata, the up-to-date identity), and making it writes the launcher wrappers.
     */
    private Map<String, String> madeEnvironment;

    @Override
    protected Map<String, String> buildEnvironment() throws BuildException {
        if (madeEnvironment == null) {
            madeEnvironment = java.util.Collections.unmodifiableMap(makeEnvironment());
        }
        return madeEnvironment;
    }

    private Map<String, String> makeEnvironment() throws BuildException {
        Map<String, String> env = super.buildEnvironment();
        if (distccHosts != null && !distccHosts.isBlank()) {
            env.putIfAbsent("DISTCC_HOSTS", distccHosts.strip());
        }
        CompilerLauncher l = CompilerLauncher.parse(compilerLauncher);
        if (!l.isNone()) {
            Path dir = Path.of(project.getBuild().getDirectory(), "dom0-build", "launcher-" + GoalPrefix.NAME);
            env.putAll(LauncherWrappers.install(l, dir, launchedCompilers(),
                    env.getOrDefault("PATH", System.getenv("PATH")), deletionRule()));
            getLog().info("Compiler launcher: " + l.name() + " (wrappers in " + dir + ")");
        }
        return env;
    }

    /**
     * make in {@code dir} with this goal's jobs, environment and timeout; {@code goalVariables} (what the
     * goal itself passes, such as {@code CC} for the launcher) first, so the user's makeVariables can
     * override each of them.
     */
    protected final MakeCommand make(Path dir, List<String> targets, Map<String, String> goalVariables)
            throws BuildException {
        return MakeCommand.in(dir).jobs(jobs).targets(targets).env(buildEnvironment()).timeout(timeoutDuration())
                .variables(goalVariables).variables(makeVariables == null ? Map.of() : makeVariables);
    }
}
