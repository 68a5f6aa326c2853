package io.github.dom0build.maven;

import io.github.dom0build.core.BuildException;
import io.github.dom0build.core.guard.DeletionRule;
import io.github.dom0build.core.guard.DirectoryLock;
import io.github.dom0build.core.log.BuildLog;
import io.github.dom0build.core.net.ProxySelection;
import io.github.dom0build.core.process.ProcessRunner;
import io.github.dom0build.core.repro.BuildTimestamp;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.TreeSet;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecution;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * What every goal shares: the skip switches, the session and project, and the translation of core
 * errors. A {@link BuildException} is the user's to fix, so it becomes a build failure that prints
 * its cause and fix; anything else is a bug or an environment problem and keeps its stack trace.
 *
 * <p>This source is compiled into both plugins; {@link GoalPrefix} is each plugin's own, which gives
 * every parameter its {@code kernel.*} or {@code xen.*} property.
 */
public abstract class AbstractDom0Mojo extends AbstractMojo {
    /** Skips every goal of this plugin. */
    @Parameter(property = GoalPrefix.NAME + ".skip", defaultValue = "false")
    protected boolean skipAll;

    @Parameter(defaultValue = "${session}", readonly = true, required = true)
    protected MavenSession session;

    @Component
    private SettingsDecrypter settingsDecrypter;

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    protected MavenProject project;

    @Parameter(defaultValue = "${mojoExecution}", readonly = true, required = true)
    protected MojoExecution mojoExecution;

    /**
     * How long the goal waits for a directory it changes (source tree, build tree, stage, root) while
     * another build holds it, as {@code 10m}, {@code 90s} or seconds; 0 means not at all. The waiting
     * build names the other one; when the time is up it fails, having changed nothing.
     */
    @Parameter(property = GoalPrefix.NAME + ".lockTimeout", defaultValue = "10m")
    protected String lockTimeout;

    /**
     * The one timestamp everything the goals write derives from: archive entries, commit dates of applied
     * patches, initramfs entries, and the build dates inside the binaries (SOURCE_DATE_EPOCH,
     * KBUILD_BUILD_TIMESTAMP, XEN_BUILD_DATE, ...). Unset, they all get 1970-01-01 and a warning says so.
     * Read-only: it is the build's, set once as the project property, never per goal.
     */
    @Parameter(defaultValue = "${project.build.outputTimestamp}", readonly = true)
    private String outputTimestamp;

    private BuildLog buildLog;
    private ProcessRunner runner;
    private Instant timestamp;

    /**
     * Skips this goal. On the command line or as a POM property: {@code kernel.<goal>.skip} or
     * {@code xen.<goal>.skip}, the goal in camelCase, e.g. {@code -Dkernel.make.skip},
     * {@code -Dxen.bootTest.skip}, {@code -Dxen.grubUpdate.skip}; {@code kernel.skip} or {@code xen.skip}
     * skips every goal of the plugin.
     */
    @Parameter(defaultValue = "false")
    private boolean skip;

    /** Whether this goal is skipped: its {@code skip} parameter or its {@code <prefix>.<goal>.skip} property. */
    private boolean skipGoal() {
        return GoalSkip.isSkipped(skip, GoalSkip.property(GoalPrefix.NAME, goalName()),
                session == null ? null : session.getUserProperties(), session == null ? null : session.getSystemProperties(),
                project == null ? null : project.getProperties());
    }

    /** The goal's work, in terms of the core. */
    protected abstract void run() throws BuildException, IOException;

    /**
     * The directories this goal changes: each is locked against a second build for the whole of
     * {@link #run}. None by default.
     */
    protected List<File> changedDirectories() {
        return List.of();
    }

    @Override
    public final void execute() throws MojoExecutionException, MojoFailureException {
        try {
            RenamedProperties.check(session == null ? null : session.getUserProperties(),
                    project == null ? null : project.getProperties());
            DroppedParameters.check(GoalPrefix.NAME + ":" + goalName(), project,
                    mojoExecution == null ? null : mojoExecution.getPlugin().getKey(),
                    mojoExecution == null ? null : mojoExecution.getExecutionId(),
                    session == null ? null : session.getUserProperties());
        } catch (BuildException e) {
            throw new MojoFailureException(e.getMessage(), e);
        }
        if (skipAll || skipGoal()) {
            String skipProperty = GoalSkip.property(GoalPrefix.NAME, goalName());
            getLog().info("Skipping " + GoalPrefix.NAME + ":" + goalName() + " (" + (skipAll ? GoalPrefix.NAME + ".skip"
                    : skipProperty) + " or skip is set)");
            if (!skipAll && !skip && session != null) {
                UnpinnedInputWarning.warnSkipped(session, buildLog(), goalName(), skipProperty);
            }
            return;
        }
        Deque<DirectoryLock> locks = new ArrayDeque<>();
        try {
            // One order for every goal, so that two goals locking two directories never wait on each other.
            TreeSet<Path> dirs = new TreeSet<>();
            changedDirectories().forEach(d -> dirs.add(d.toPath().toAbsolutePath().normalize()));
            for (Path d : dirs) {
                locks.push(DirectoryLock.acquire(d, holder(), Durations.parse("lockTimeout", lockTimeout),
                        buildLog()));
            }
            run();
        } catch (BuildException e) {
            throw new MojoFailureException(e.getMessage(), e);
        } catch (IOException e) {
            throw new MojoExecutionException(GoalPrefix.NAME + ":" + goalName() + " failed: " + e, e);
        } finally {
            locks.forEach(DirectoryLock::close);
        }
    }

    /** How a build waiting for one of this goal's directories sees this one. */
    private String holder() {
        return GoalPrefix.NAME + ":" + goalName() + (project != null ? " of " + project.getId() : "");
    }

    /** What this project's goals may delete: what is under its build directory, or what dom0-build marked. */
    protected final DeletionRule deletionRule() {
        return new DeletionRule(Path.of(project.getBuild().getDirectory()));
    }

    /** {@code project.build.outputTimestamp}, or the epoch with one warning when the POM does not set it. */
    protected final Instant timestamp() throws BuildException {
        if (timestamp == null) {
            timestamp = BuildTimestamp.orEpoch(outputTimestamp, buildLog());
        }
        return timestamp;
    }

    /** The runner every command of this goal goes through, logging to Maven's log. */
    protected final ProcessRunner runner() {
        if (runner == null) {
            runner = new ProcessRunner(buildLog());
        }
        return runner;
    }

    protected final BuildLog buildLog() {
        if (buildLog == null) {
            buildLog = new MavenBuildLog(getLog());
        }
        return buildLog;
    }

    /** Batch mode (-B) means nobody watches: progress is reduced to start and end lines. */
    protected final boolean interactive() {
        return session != null && session.getRequest() != null && session.getRequest().isInteractiveMode();
    }

    /**
     * settings.xml's active proxies, passwords decrypted, for whatever this goal downloads (archives, git,
     * apt, the boot test's userland); one that cannot be decrypted is reported by its id.
     */
    protected final ProxySelection proxies() {
        return Proxies.from(session, settingsDecrypter, getLog());
    }

    /** Maven's {@code -o}: nothing may come from a remote repository or server. */
    protected final boolean mavenOffline() {
        return session != null && session.isOffline();
    }

    private String goalName() {
        return mojoExecution != null ? mojoExecution.getGoal() : getClass().getSimpleName();
    }
}
