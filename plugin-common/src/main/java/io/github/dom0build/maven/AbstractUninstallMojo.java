package io.github.dom0build.maven;

import io.github.dom0build.core.BuildException;
import io.github.dom0build.core.bootloader.GrubUpdater;
import io.github.dom0build.core.install.InstallManifest;
import io.github.dom0build.core.install.RootUninstaller;
import io.github.dom0build.core.install.TargetRoot;
import io.github.dom0build.core.process.ProcessRunner;
import java.util.List;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * kernel:uninstall and xen:uninstall: the install's manifest read, the machine's hooks before, the files
 * taken out, the hooks after, and on the live system or a machine root grub regenerated and checked to
 * boot nothing that was removed.
 */
public abstract class AbstractUninstallMojo extends AbstractRootMojo {
    /**
     * The installation to take out: its manifest is {@code var/lib/dom0-build/<installation>.manifest}.
     * install names it {@code <artifactId>-kernel} or {@code <artifactId>-xen} (with {@code artifact}:
     * {@code <artifactId>-<classifier>}).
     */
    @Parameter(property = GoalPrefix.NAME + ".installation", defaultValue = "${project.artifactId}-" + GoalPrefix.NAME,
            required = true)
    protected String installation;

    /** On the live system or a machine root, update grub afterwards with the distribution's command. */
    @Parameter(property = GoalPrefix.NAME + ".grubUpdate", defaultValue = "true")
    protected boolean grubUpdate;

    /** What is uninstalled, for messages: "the kernel", "Xen". */
    protected abstract String what();

    /** The machine's hooks before the files go, given the paths the manifest lists. */
    protected abstract void before(TargetRoot root, List<String> paths, ProcessRunner runner) throws BuildException;

    /** The machine's hooks after the files went; none unless the goal has some. */
    protected void after(TargetRoot root, List<String> paths, ProcessRunner runner) throws BuildException {
    }

    /** Of the manifest's paths, the file names in /boot grub must no longer boot. */
    protected abstract List<String> bootFiles(List<String> paths);

    @Override
    protected final void run() throws BuildException {
        TargetRoot r = targetRoot("uninstall " + what());
        RootUninstaller uninstaller = new RootUninstaller(buildLog());
        List<String> paths = uninstaller.manifest(r, installation).stream().filter(l -> !l.directory())
                .map(InstallManifest.Line::path).toList();
        ProcessRunner runner = runner();
        before(r, paths, runner);
        uninstaller.uninstall(r, installation, dryRun);
        after(r, paths, runner);
        if (grubUpdate && r.hasMachineTools()) {
            new GrubUpdater(runner, buildLog()).regenerateWithout(r, GrubUpdater.GrubCommand.forMachine(r),
                    bootFiles(paths), dryRun);
        }
    }
}
