package io.github.dom0build.maven;

import io.github.dom0build.core.BuildException;
import io.github.dom0build.core.deps.DependencyChecker;
import io.github.dom0build.core.deps.Distribution;
import io.github.dom0build.core.deps.Requirement;
import java.util.List;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Checks the build tools and headers the configured build needs, and prints the install command for
 * the running distribution when something is missing.
 */
public abstract class AbstractDepsMojo extends AbstractDom0Mojo {
    /** Fail the build when something is missing (otherwise only warn). */
    @Parameter(property = GoalPrefix.NAME + ".deps.failOnMissing", defaultValue = "true")
    private boolean failOnMissing;

    protected abstract String buildName();

    protected abstract List<Requirement> requirements() throws BuildException;

    @Override
    protected void run() throws BuildException {
        Distribution distro = Distribution.detect();
        getLog().info("Checking the build requirements of the " + buildName() + " on " + distro.prettyName());
        DependencyChecker checker = new DependencyChecker(runner(), buildLog());
        try {
            checker.require(buildName(), requirements(), distro);
        } catch (BuildException e) {
            if (failOnMissing) {
                throw e;
            }
            getLog().warn(e.getMessage());
        }
    }
}
