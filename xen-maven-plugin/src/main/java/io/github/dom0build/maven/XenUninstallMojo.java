package io.github.dom0build.maven;

import io.github.dom0build.core.BuildException;
import io.github.dom0build.core.bootloader.GrubSettings;
import io.github.dom0build.core.install.TargetRoot;
import io.github.dom0build.core.machine.PostInstall;
import io.github.dom0build.core.process.ProcessRunner;
import io.github.dom0build.core.systemd.UnitEnabler;
import java.util.List;
import org.apache.maven.plugins.annotations.Mojo;

/**
 * Takes an installed Xen back out of a root, from the manifest xen:install left there: the units it
 * installed that are enabled are disabled first (no {@code .wants} link is left behind), then every
 * file the install put there goes if it is still what was installed (one changed since, such as an
 * edited xencommons, is kept with a warning), grub's settings that grub-update changed (xenDefault, the
 * command lines) are put back, then {@code ldconfig}, {@code systemctl daemon-reload} on a live system
 * that runs systemd, and on the live system or a machine root grub is updated with the distribution's
 * command and checked to have no Xen entry for the removed hypervisor. Not bound to a phase; runs without
 * a project too.
 */
@Mojo(name = "uninstall", threadSafe = true, requiresProject = false)
public class XenUninstallMojo extends AbstractUninstallMojo {
    @Override
    protected String what() {
        return "Xen";
    }

    @Override
    protected void before(TargetRoot root, List<String> paths, ProcessRunner runner) throws BuildException {
        List<String> disabled = new UnitEnabler(runner, buildLog()).disableEnabled(root, paths, dryRun);
        if (!disabled.isEmpty()) {
            getLog().info((dryRun ? "Would disable: " : "Disabled: ") + String.join(", ", disabled));
        }
    }

    @Override
    protected void after(TargetRoot root, List<String> paths, ProcessRunner runner) throws BuildException {
        // The grub settings grub-update made for this Xen (xenDefault, the command lines) go with it.
        new GrubSettings(runner, buildLog()).restore(root, dryRun).forEach(l -> getLog().info(l));
        if (dryRun) {
            return;
        }
        PostInstall post = new PostInstall(runner, buildLog());
        post.ldconfig(root);
        post.daemonReload(root);
    }

    @Override
    protected List<String> bootFiles(List<String> paths) {
        return paths.stream().filter(p -> p.matches("/boot/xen[^/]*\\.gz")).map(p -> p.substring(6)).toList();
    }
}
