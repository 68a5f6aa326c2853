package io.github.dom0build.maven;

import io.github.dom0build.core.BuildException;
import io.github.dom0build.core.make.CompilerLauncher;
import io.github.dom0build.core.make.MakeCommand;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
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
     * path of another launcher; passed as {@code CC} and {@code HOSTCC}. {@code none} for none.
     */
    @Parameter(property = GoalPrefix.NAME + ".compilerLauncher", defaultValue = "none")
    protected String compilerLauncher;

    /**
     * For {@code compilerLauncher=distcc}: the {@code DISTCC_HOSTS} list, e.g.
     * {@code 127.0.0.1/4 buildbox/8}. Empty means distcc's own configuration.
     */
    @Parameter(property = GoalPrefix.NAME + ".distccHosts")
    protected String distccHosts;

    protected final CompilerLauncher launcher() throws BuildException {
        CompilerLauncher l = CompilerLauncher.parse(compilerLauncher);
        if (!l.isNone()) {
            getLog().info("Compiler launcher: " + l.name());
        }
        return l;
    }

    @Override
    protected Map<String, String> buildEnvironment() throws BuildException {
        Map<String, String> env = super.buildEnvironment();
        if (distccHosts != null && !distccHosts.isBlank()) {
            env.putIfAbsent("DISTCC_HOSTS", distccHosts.strip());
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
