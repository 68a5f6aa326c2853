package io.github.dom0build.maven;

import io.github.dom0build.core.BuildException;
import io.github.dom0build.core.configure.XenstoredChoice;
import io.github.dom0build.core.install.TargetRoot;
import io.github.dom0build.core.systemd.UnitEnabler;
import io.github.dom0build.core.systemd.XenstoredSelection;
import java.util.List;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Enables the Xen units the build installed, the recipe's {@code systemctl enable} step, and writes
 * {@code XENSTORED=} into xencommons so the chosen daemon starts (the recipe's way of flipping between
 * oxenstored and cxenstored). On a staged root (the default) with {@code systemctl --root}, offline;
 * on the live system ({@code root=/} with {@code allowLiveSystem}, as root) after a daemon-reload.
 * Not bound to a phase by the packagings, so a plain {@code mvn install} never changes the host.
 */
@Mojo(name = "systemd-enable", threadSafe = true)
public class XenSystemdEnableMojo extends AbstractRootMojo {
    /**
     * The units to enable. Empty means the Xen units this build installed among xenstored.socket,
     * xenstored.service, xenconsoled.service, xen-init-dom0.service, xen-qemu-dom0-disk-backend.service
     * and proc-xen.mount; add xendomains.service or xen-watchdog.service by naming the whole list.
     */
    @Parameter(property = "xen.units")
    private List<String> units;

    /**
     * The xenstore daemon to start, oxenstored or cxenstored, when it is not the one Xen was configured
     * with (both are installed when the tree had OCaml): the recipe's flip between the two. Empty means the
     * root's own choice (XENSTORED in xencommons, else configure's default in launch-xenstore). The same
     * property as configure's, so {@code -Dxen.xenstored=cxenstored} builds and starts the same daemon.
     */
    @Parameter(property = "xen.xenstored")
    private String xenstored;

    /** Write XENSTORED into xencommons, naming the daemon explicitly. */
    @Parameter(property = "xen.setXenstored", defaultValue = "true")
    private boolean setXenstored;

    @Override
    protected void run() throws BuildException {
        TargetRoot r = targetRoot("enable the Xen units");
        UnitEnabler enabler = new UnitEnabler(runner(), buildLog());
        UnitEnabler.Plan plan = enabler.plan(r, units); // every check before the first change
        if (setXenstored) {
            new XenstoredSelection(buildLog()).select(r, xenstored == null || xenstored.isBlank() ? null
                    : XenstoredChoice.parse(xenstored), dryRun);
        }
        UnitEnabler.Result res = enabler.enable(r, plan, dryRun);
        getLog().info((dryRun ? "Would enable: " : "Enabled: ") + String.join(", ", res.enabled()));
    }
}
