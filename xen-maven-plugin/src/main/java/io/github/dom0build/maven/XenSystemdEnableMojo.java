package io.github.dom0build.maven;

import io.github.dom0build.core.BuildException;
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
     * What xencommons says to start ({@code XENSTORED=}), the recipe's flip between oxenstored and
     * cxenstored: {@code configured} (the default) names the daemon the root starts already (XENSTORED in
     * xencommons, else configure's default in launch-xenstore), {@code oxenstored} or {@code cxenstored}
     * starts that one instead (both are installed when the tree had OCaml), {@code unchanged} leaves
     * xencommons as installed. Example: {@code -Dxen.xencommonsXenstored=cxenstored}. configure's
     * {@code xenstored} decides what is built; given with {@code -D} and differing from what this root
     * starts, it fails here instead of being ignored.
     */
    @Parameter(property = "xen.xencommonsXenstored", defaultValue = XenstoredSelection.CONFIGURED)
    private String xencommonsXenstored;

    @Override
    protected void run() throws BuildException {
        TargetRoot r = targetRoot("enable the Xen units");
        UnitEnabler enabler = new UnitEnabler(runner(), buildLog());
        UnitEnabler.Plan plan = enabler.plan(r, units); // every check before the first change
        new XenstoredSelection(buildLog()).apply(r, xencommonsXenstored,
                session == null ? null : session.getUserProperties().getProperty("xen.xenstored"), dryRun);
        UnitEnabler.Result res = enabler.enable(r, plan, dryRun);
        getLog().info((dryRun ? "Would enable: " : "Enabled: ") + String.join(", ", res.enabled()));
    }
}
