package io.github.dom0build.maven;

import io.github.dom0build.core.BuildException;
import io.github.dom0build.core.archive.TreeEntry;
import io.github.dom0build.core.bootloader.HypervisorLinks;
import io.github.dom0build.core.dist.XenDist;
import io.github.dom0build.core.install.RootInstaller;
import io.github.dom0build.core.install.TargetRoot;
import io.github.dom0build.core.machine.PostInstall;
import java.nio.file.Path;
import java.util.Set;
import java.util.function.Predicate;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Installs what Xen's dist staged ({@code ${project.build.directory}/xen-dist/install}; the recipe's
 * {@code make install}) into a root, then runs what the
 * recipe runs after it: {@code ldconfig} and, on a live system that runs systemd, {@code systemctl
 * daemon-reload}. The root is a staged directory under target/ by default; the live system only with
 * {@code root=/} and {@code allowLiveSystem}, and only as root. All or nothing, every change logged;
 * {@code dryRun} only lists them. The unversioned hypervisor links ({@code boot/xen.gz},
 * {@code xen-4.gz}, {@code xen-4.17.gz}) are left out unless {@code bootSymlinks} is set: grub's
 * 20_linux_xen would give each of them its own submenu. With {@code artifact}, a Xen archive or a dom0
 * bundle CI published is installed instead, resolved by its coordinates and checked file by file against
 * its metadata (a bundle without the root's own grub.cfg, grub defaults and records); then no project is
 * needed.
 */
@Mojo(name = "install", defaultPhase = LifecyclePhase.INSTALL, threadSafe = true, requiresProject = false)
public class XenInstallMojo extends AbstractInstallMojo {
    /** Also install the unversioned {@code boot/xen*.gz} links. */
    @Parameter(property = "xen.bootSymlinks", defaultValue = "false")
    private boolean bootSymlinks;

    @Override
    protected void run() throws BuildException {
        TargetRoot r = targetRoot("install Xen");
        Predicate<TreeEntry> include = bootSymlinks ? e -> true : e -> !HypervisorLinks.isUnversionedLink(e);
        Path stage = XenDist.stageOf(XenDist.distDirectoryIn(Path.of(project.getBuild().getDirectory())));
        try (InstallSource source = installSource(stage, project.getArtifactId() + "-xen")) {
            new RootInstaller(buildLog()).install(source.tree(), r, source.name(), dryRun,
                    include.and(source.include()));
        }
        if (dryRun) {
            return;
        }
        PostInstall post = new PostInstall(runner(), buildLog());
        post.ldconfig(r);
        post.daemonReload(r);
    }

    @Override
    protected String defaultClassifier() {
        return "xen";
    }

    /** A Xen archive, or a dom0 bundle (what xen:bundle attaches), whose root holds Xen and the kernel. */
    @Override
    protected Set<String> installableKinds() {
        return Set.of("xen", "dom0");
    }
}
