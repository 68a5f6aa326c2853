package io.github.dom0build.maven;

import io.github.dom0build.core.BuildException;
import io.github.dom0build.core.arch.CrossBuild;
import io.github.dom0build.core.make.CcacheEnvironment;
import io.github.dom0build.core.make.CompilerLauncher;
import io.github.dom0build.core.make.LauncherWrappers;
import io.github.dom0build.core.make.MakeCommand;
import io.github.dom0build.core.repro.ReproducibleEnvironment;
import io.github.dom0build.core.stamp.BuildState;
import io.github.dom0build.core.text.Urls;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * What every goal that runs the source tree's own build system shares (configure, defconfig, make,
 * dist): the environment, a timeout, the reproducibility variables derived from
 * {@code project.build.outputTimestamp}, parallelism, make variables, a compiler launcher, and the
 * up-to-date check that lets a rerun with nothing changed skip make.
 */
public abstract class AbstractMakeMojo extends AbstractSourceMojo {
    /**
     * The architecture to build for: {@code x86_64} or {@code arm64}; empty means this machine's own. A
     * cross build (arm64 on an x86 machine) uses the distribution's cross toolchain
     * ({@code aarch64-linux-gnu-gcc}, package gcc-aarch64-linux-gnu) and passes each tree what it
     * documents: the kernel {@code ARCH} and {@code CROSS_COMPILE}, Xen {@code XEN_TARGET_ARCH},
     * {@code CROSS_COMPILE} and configure {@code --host}; configure and defconfig check that the cross
     * toolchain and the target's libraries are there. Example: {@code <arch>arm64</arch>} in the plugin's
     * configuration, or {@code -Dxen.arch=arm64 -Dkernel.arch=arm64}.
     */
    @Parameter(property = GoalPrefix.NAME + ".arch")
    protected String arch;

    /**
     * Extra environment variables for the build, on top of Maven's environment. In the POM only (Maven
     * cannot make a map of a {@code -D} string); a variable whose value comes from the command line names a
     * property of its own: {@code <environment><CCACHE_DIR>${ccache.dir}</CCACHE_DIR></environment>}.
     */
    @Parameter
    protected Map<String, String> environment;

    /** Longest the command may run, as {@code 90m}, {@code 2h} or seconds; 0 means no limit. */
    @Parameter(property = GoalPrefix.NAME + ".timeout", defaultValue = "0")
    protected String timeout;

    /**
     * Let a rerun with nothing changed skip the work: make (and Xen's dist) when it already succeeded with
     * the same command line, environment and stamps and no file it works on changed since (a snapshot of
     * paths, sizes and modification times); defconfig and configure when their inputs are unchanged.
     * kernel:dist always packs again. A no-op make
     * of Xen or Linux costs seconds to tens of seconds of CPU; this check, a walk of the tree. Set it to
     * false to let make decide anyway, e.g. after upgrading the compiler or system headers, which the
     * check does not look at: {@code -D<prefix>.upToDateCheck=false}.
     */
    @Parameter(property = GoalPrefix.NAME + ".upToDateCheck", defaultValue = "true")
    protected boolean upToDateCheck;

    /** Parallel jobs ({@code make -jN}); 0 means one per available processor. configure runs serially. */
    @Parameter(property = GoalPrefix.NAME + ".jobs", defaultValue = "0")
    protected int jobs;

    /**
     * Extra make variables, passed on make's command line ({@code NAME=value}) where they override the
     * makefiles' own values, e.g. {@code <EXTRAVERSION>-dom0</EXTRAVERSION>}. In the POM only (Maven cannot
     * make a map of a {@code -D} string); for a value from the command line, name a property of your own:
     * {@code <EXTRAVERSION>${dom0.extraversion}</EXTRAVERSION>} and {@code -Ddom0.extraversion=-test}. The
     * make goals only: configure takes configureArguments.
     */
    @Parameter
    protected Map<String, String> makeVariables;

    /**
     * A program to put in front of the compiler: {@code ccache}, {@code sccache}, {@code distcc} or the
     * path of another launcher, through wrapper scripts first on make's PATH (gcc, cc and the
     * cross compiler run {@code <launcher> <compiler>}). {@code none} for none.
     */
    @Parameter(property = GoalPrefix.NAME + ".compilerLauncher", defaultValue = "none")
    protected String compilerLauncher;

    /**
     * For {@code compilerLauncher=ccache}: a remote storage that ccache shares between machines, given to
     * it as {@code CCACHE_REMOTE_STORAGE} (ccache 4.4 and later), e.g.
     * {@code http://ci:secret@cache.example.org:8080/ccache} (GET, PUT, HEAD and DELETE of one path per
     * result), {@code redis://cache.example.org} or {@code file:/mnt/shared/ccache}; several separated by
     * spaces, attributes after a {@code |} as in ccache's {@code remote_storage}. A fresh CI runner then
     * gets its compiles from what another runner stored (runners share results when they build at the
     * same path, as CI checkouts do). Empty: ccache's own configuration, where a {@code remote_storage}
     * in ccache.conf works as well. Credentials in the URL are never logged nor recorded in the metadata.
     */
    @Parameter(property = GoalPrefix.NAME + ".ccacheRemoteStorage")
    protected String ccacheRemoteStorage;

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

    /** The build for {@code arch} on this machine. */
    protected final CrossBuild crossBuild() throws BuildException {
        return CrossBuild.of(arch);
    }

    protected final Duration timeoutDuration() throws BuildException {
        return Durations.parse("timeout", timeout);
    }

    /**
     * Runs {@code step} unless {@code upToDateCheck} is on and the step is up to date with the given
     * identity over {@code paths}, the state kept in {@code stateTree}.
     */
    protected final void runUnlessUpToDate(String name, Path stateTree, List<Path> paths, String identity, Step step)
            throws BuildException, IOException {
        BuildState state = new BuildState(stateTree);
        Optional<BuildState.Run> run = upToDateCheck ? state.beginUnlessUpToDate(name, identity, paths)
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
     * (and would make two builds' metadata differ for nothing), nor where ccache keeps its results.
     */
    protected final Map<String, String> recordedEnvironment() throws BuildException {
        Map<String, String> env = new LinkedHashMap<>(buildEnvironment());
        env.remove("PATH");
        env.keySet().removeAll(CcacheEnvironment.MACHINE_ONLY);
        return env;
    }

    /**
     * The make variables as the metadata records them: the goal's and the user's, without {@code O}
     * (the build directory on this machine, which says nothing about what was built).
     */
    protected final Map<String, String> recordedMakeVariables(Map<String, String> goalVariables) {
        Map<String, String> vars = new LinkedHashMap<>(goalVariables);
        if (makeVariables != null) {
            vars.putAll(makeVariables);
        }
        vars.remove("O");
        return vars;
    }

    /** The compilers the launcher goes in front of; the kernel and Xen add their cross compiler. */
    protected List<String> launchedCompilers() throws BuildException {
        List<String> compilers = new java.util.ArrayList<>(List.of("gcc", "cc", "c++", "g++"));
        String cross = crossCompilerPrefix();
        if (!cross.isEmpty()) {
            compilers.add(cross + "gcc");
        }
        return compilers;
    }

    /** The cross toolchain's prefix ({@code aarch64-linux-gnu-}), empty for a native build. */
    protected String crossCompilerPrefix() throws BuildException {
        return crossBuild().cross() ? crossBuild().crossCompile(null) : "";
    }

    /**
     * The environment, made once per goal execution: a goal asks for it several times (each make command,
     * the recorded metadata, the up-to-date identity), and making it writes the launcher wrappers.
     */
    private Map<String, String> madeEnvironment;

    protected final Map<String, String> buildEnvironment() throws BuildException {
        if (madeEnvironment == null) {
            madeEnvironment = Collections.unmodifiableMap(makeEnvironment());
        }
        return madeEnvironment;
    }

    /** The reproducibility variables, the user's environment, and the launcher's; Maven's own is inherited. */
    private Map<String, String> makeEnvironment() throws BuildException {
        Map<String, String> env = new LinkedHashMap<>(ReproducibleEnvironment.forTimestamp(timestamp()));
        if (environment != null) {
            env.putAll(environment);
        }
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
        Map<String, String> ccache = CcacheEnvironment.of(l, ccacheRemoteStorage);
        if (!ccache.isEmpty()) {
            env.putAll(ccache);
            getLog().info("ccache remote storage: " + Urls.redact(ccache.get(CcacheEnvironment.REMOTE_STORAGE)));
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
