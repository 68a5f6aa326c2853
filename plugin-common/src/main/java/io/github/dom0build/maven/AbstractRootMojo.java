package io.github.dom0build.maven;

import io.github.dom0build.core.BuildException;
import io.github.dom0build.core.install.TargetRoot;
import java.io.File;
import java.util.List;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * The goals that change a root file system (install, uninstall, systemd-enable, grub-update). By default
 * that is a staged root under target/, so tests and CI never touch the host; the live system only when
 * {@code root} is {@code /} and {@code allowLiveSystem} is set, and then only as root; a machine's root
 * mounted at a directory with {@code chroot}, its own tools then running inside it.
 */
public abstract class AbstractRootMojo extends AbstractDom0Mojo {
    /**
     * The root to change: a staged directory (default), or {@code /} for this machine, which also needs
     * {@code allowLiveSystem}.
     */
    @Parameter(property = GoalPrefix.NAME + ".root", defaultValue = "${project.build.directory}/root", required = true)
    protected File root;

    /**
     * The explicit permission to change the running system when {@code root} is {@code /}. Without it
     * such a run is refused and nothing changes.
     */
    @Parameter(property = GoalPrefix.NAME + ".allowLiveSystem", defaultValue = "false")
    protected boolean allowLiveSystem;

    /**
     * {@code root} is a machine's root file system mounted at that directory (a disk image being prepared,
     * a disk mounted for repair), not a staged directory: the machine's own tools (update-initramfs or
     * dracut, ldconfig, update-grub) run inside it through chroot, with proc, sys, dev and run mounted in
     * a private mount namespace, as a distribution's installer runs them. They are the root's programs,
     * run as root on this machine: use it for roots you trust. Needs root; {@code root} must not be
     * {@code /}.
     */
    @Parameter(property = GoalPrefix.NAME + ".chroot", defaultValue = "false")
    protected boolean chroot;

    /**
     * List every change the goal would make, and make none. A dry run may look at the live system
     * without allowLiveSystem and without root.
     */
    @Parameter(property = GoalPrefix.NAME + ".dryRun", defaultValue = "false")
    protected boolean dryRun;

    /** The root; a dry run changes nothing, so it locks nothing. */
    @Override
    protected List<File> changedDirectories() {
        return dryRun ? List.of() : List.of(root);
    }

    protected final TargetRoot targetRoot(String what) throws BuildException {
        TargetRoot r = chroot ? TargetRoot.machine(root.toPath(), dryRun, what)
                : TargetRoot.resolve(root.toPath(), allowLiveSystem, dryRun, what, GoalPrefix.NAME + ".allowLiveSystem");
        getLog().info((dryRun ? "Dry run against " : "Changing ") + r.describe());
        return r;
    }
}
