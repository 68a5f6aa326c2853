package io.github.dom0build.maven;

import io.github.dom0build.core.BuildException;
import io.github.dom0build.core.configure.XenMakeVariables;
import io.github.dom0build.core.make.MakeCommand;
import io.github.dom0build.core.process.Command;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Builds Xen with make in the source tree. The default target, {@code build}, builds what configure
 * enabled (the hypervisor and the tools; stubdom and docs only if enabled). Unless configure ran with
 * {@code allowDownloads}, make gets {@code GIT=false WGET=false}, so a part of the build that would clone
 * or download fails at once instead of reaching the network. A second run with nothing changed does not run make at
 * all (see {@code upToDateCheck}); otherwise make's own up-to-date checks decide.
 */
@Mojo(name = "make", defaultPhase = LifecyclePhase.COMPILE, threadSafe = true)
public class XenMakeMojo extends AbstractMakeMojo {

    /** The make targets; on the command line comma-separated. */
    @Parameter(property = "xen.targets", defaultValue = "build")
    private List<String> targets;

    @Override
    protected void run() throws BuildException, IOException {
        MakeCommand make = make(sourceDirectory.toPath(), targets, XenMakeVariables.of(sourceDirectory.toPath(),
                crossBuild()));
        Command command = make.toCommand();
        Path tree = sourceDirectory.toPath();
        runUnlessUpToDate("make", tree, List.of(tree), command.display(), () -> {
            getLog().info("Building Xen in " + sourceDirectory + ": make " + String.join(" ", targets) + " (-j"
                    + make.jobs() + ")");
            runner().run(command);
        });
    }
}
