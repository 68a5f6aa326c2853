package io.github.dom0build.maven;

import io.github.dom0build.core.BuildException;
import io.github.dom0build.core.arch.CrossBuild;
import io.github.dom0build.core.process.ProcessRunner;
import io.github.dom0build.core.repro.BuildTimestamp;
import io.github.dom0build.core.repro.ReproducibleEnvironment;
import java.io.File;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * What every goal that runs the source tree's own build system shares: the tree, the environment, a
 * timeout, and the reproducibility variables derived from {@code project.build.outputTimestamp}.
 */
public abstract class AbstractBuildMojo extends AbstractDom0Mojo {
    /** The source tree, as fetch (and patch) left it. */
    @Parameter(property = GoalPrefix.NAME + ".sourceDirectory",
            defaultValue = "${project.build.directory}/" + GoalPrefix.SOURCE_DIR, required = true)
    protected File sourceDirectory;

    /**
     * The architecture to build for: {@code x86_64} or {@code arm64}; empty means this machine's own. A
     * cross build (arm64 on an x86 machine) uses the distribution's cross toolchain
     * ({@code aarch64-linux-gnu-gcc}, package gcc-aarch64-linux-gnu) and passes each tree what it
     * documents: the kernel {@code ARCH} and {@code CROSS_COMPILE}, Xen {@code XEN_TARGET_ARCH},
     * {@code CROSS_COMPILE} and configure {@code --host}. Example: {@code <arch>arm64</arch>} in the
     * plugin's configuration, or {@code -Dxen.arch=arm64 -Dkernel.arch=arm64}.
     */
    @Parameter(property = GoalPrefix.NAME + ".arch")
    protected String arch;

    /** Extra environment variables for the build, on top of Maven's environment. */
    @Parameter(property = GoalPrefix.NAME + ".environment")
    protected Map<String, String> environment;

    /** Longest the command may run, as {@code 90m}, {@code 2h} or seconds; 0 means no limit. */
    @Parameter(property = GoalPrefix.NAME + ".timeout", defaultValue = "0")
    protected String timeout;

    /**
     * The timestamp every build date is derived from (SOURCE_DATE_EPOCH, KBUILD_BUILD_TIMESTAMP,
     * XEN_BUILD_DATE, ...), so that the same POM and sources give the same binaries.
     */
    @Parameter(defaultValue = "${project.build.outputTimestamp}")
    protected String outputTimestamp;

    /** The source tree, where configure and make write; the kernel's goals build elsewhere. */
    @Override
    protected List<File> changedDirectories() {
        return List.of(sourceDirectory);
    }

    protected final ProcessRunner runner() {
        return new ProcessRunner(buildLog());
    }

    /** The build for {@code arch} on this machine. */
    protected final CrossBuild crossBuild() throws BuildException {
        return CrossBuild.of(arch);
    }

    protected final Duration timeoutDuration() throws BuildException {
        return Durations.parse("timeout", timeout);
    }

    /**
     * The time every archive entry gets: {@code project.build.outputTimestamp}, or the epoch (with a
     * warning) when the POM does not set it, so that archives stay reproducible either way.
     */
    protected final Instant archiveTimestamp() throws BuildException {
        Optional<Instant> ts = BuildTimestamp.parse(outputTimestamp);
        if (ts.isEmpty()) {
            getLog().warn("project.build.outputTimestamp is not set: archive entries get 1970-01-01 as their time");
        }
        return ts.orElse(Instant.EPOCH);
    }

    /** The reproducibility variables plus the user's; Maven's own environment is inherited too. */
    protected Map<String, String> buildEnvironment() throws BuildException {
        Map<String, String> env = new LinkedHashMap<>();
        Optional<Instant> ts = BuildTimestamp.parse(outputTimestamp);
        if (ts.isPresent()) {
            env.putAll(ReproducibleEnvironment.forTimestamp(ts.get()));
        } else {
            getLog().warn("project.build.outputTimestamp is not set: build dates, users and hosts end up in the"
                    + " binaries, so two builds differ. Set it in the POM's <properties>.");
        }
        if (environment != null) {
            env.putAll(environment);
        }
        return env;
    }
}
