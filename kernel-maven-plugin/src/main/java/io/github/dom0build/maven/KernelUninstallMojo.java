package io.github.dom0build.maven;

import io.github.dom0build.core.BuildException;
import io.github.dom0build.core.install.TargetRoot;
import io.github.dom0build.core.machine.KernelReleases;
import io.github.dom0build.core.machine.MachineHooks;
import io.github.dom0build.core.process.ProcessRunner;
import java.util.List;
import org.apache.maven.plugins.annotations.Mojo;

/**
 * Takes an installed kernel back out of a root, from the manifest kernel:install left there: the
 * initramfs goes first, removed by the tool install recorded beside the manifest (for an install without
 * that record, the machine's own), then every file the install put there goes if it is still what was
 * installed (one changed since is kept, with a warning), then, on the live system or a machine root, grub
 * is updated with the distribution's command and checked to boot it no more. Not bound to a phase; runs
 * without a project too.
 */
@Mojo(name = "uninstall", threadSafe = true, requiresProject = false)
public class KernelUninstallMojo extends AbstractUninstallMojo {
    @Override
    protected String what() {
        return "the kernel";
    }

    /** The initramfs goes before the kernel; grub follows in the base class. */
    @Override
    protected void before(TargetRoot root, List<String> paths, ProcessRunner runner) throws BuildException {
        new MachineHooks(runner, buildLog()).kernelRemoved(root, KernelReleases.listed(paths), installation,
                dryRun);
    }

    @Override
    protected List<String> bootFiles(List<String> paths) {
        return KernelReleases.listed(paths).stream().map(v -> "vmlinuz-" + v).toList();
    }
}
