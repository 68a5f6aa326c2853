package io.github.dom0build.maven;

import io.github.dom0build.core.BuildException;
import io.github.dom0build.core.install.RootInstaller;
import io.github.dom0build.core.install.TargetRoot;
import java.io.File;
import java.util.Set;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Installs the staged kernel (what dist staged: {@code boot/vmlinuz-<release>}, {@code System.map},
 * {@code config} and {@code lib/modules/<release>}) into a root: by default a staged root under target/
 * so tests and CI never touch the host; the live system only with {@code root=/} and
 * {@code allowLiveSystem}, and then only as root. All or nothing, with every change logged;
 * {@code dryRun} only lists them. This installs system files; the Maven artifact goes to the repository
 * through maven-install-plugin as usual. With {@code artifact}, a kernel archive CI published is installed
 * instead, resolved by its coordinates and checked file by file against its metadata; then no project is
 * needed.
 */
@Mojo(name = "install", defaultPhase = LifecyclePhase.INSTALL, threadSafe = true, requiresProject = false)
public class KernelInstallMojo extends AbstractInstallMojo {
    /** The stage that dist prepared. */
    @Parameter(property = "kernel.stageDirectory", defaultValue = "${project.build.directory}/kernel-stage",
            required = true)
    private File stageDirectory;

    /** Skips this goal. */
    @Parameter(property = "kernel.install.skip", defaultValue = "false")
    private boolean skip;

    @Override
    protected boolean skipGoal() {
        return skip;
    }

    @Override
    protected void run() throws BuildException {
        TargetRoot r = targetRoot("install the kernel");
        try (InstallSource source = installSource(stageDirectory.toPath(), project.getArtifactId() + "-kernel")) {
            new RootInstaller(buildLog()).install(source.tree(), r, source.name(), dryRun, source.include());
        }
    }

    @Override
    protected String defaultClassifier() {
        return "kernel";
    }

    @Override
    protected Set<String> installableKinds() {
        return Set.of("linux-kernel");
    }
}
