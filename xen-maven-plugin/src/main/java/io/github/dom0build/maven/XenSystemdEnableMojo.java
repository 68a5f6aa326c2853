package io.github.dom0build.maven;

import io.github.dom0build.core.BuildException;
import io.github.dom0build.core.configure.XenstoredChoice;
import io.github.dom0build.core.install.InstallManifest;
import io.github.dom0build.core.install.TargetRoot;
import io.github.dom0build.core.process.ProcessRunner;
import io.github.dom0build.core.systemd.UnitEnabler;
import io.github.dom0build.core.systemd.Xencommons;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
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

    /** The xenstore daemon to start: oxenstored or cxenstored (same property as the configure goal). */
    @Parameter(property = "xen.xenstored", defaultValue = "oxenstored")
    private String xenstored;

    /** Write XENSTORED into xencommons. */
    @Parameter(property = "xen.setXenstored", defaultValue = "true")
    private boolean setXenstored;

    /** The systemctl to run. */
    @Parameter(property = "xen.systemctl", defaultValue = "systemctl")
    private String systemctl;

    /** Skips this goal. */
    @Parameter(property = "xen.systemd-enable.skip", defaultValue = "false")
    private boolean skip;

    @Override
    protected boolean skipGoal() {
        return skip;
    }

    @Override
    protected void run() throws BuildException {
        TargetRoot r = targetRoot("enable the Xen units");
        UnitEnabler enabler = new UnitEnabler(new ProcessRunner(buildLog()), buildLog());
        UnitEnabler.Plan plan = enabler.plan(r, units); // every check before the first change
        if (setXenstored) {
            writeXenstored(r);
        }
        UnitEnabler.Result res = enabler.enable(r, plan, systemctl, dryRun);
        getLog().info((dryRun ? "Would enable: " : "Enabled: ") + String.join(", ", res.enabled()));
    }

    private static Path inRoot(TargetRoot r, String relative) throws BuildException {
        try {
            return r.resolveFollowing(relative);
        } catch (java.io.IOException e) {
            throw new BuildException("Cannot look for " + relative + " in " + r.describe() + ": " + e.getMessage(),
                    "replace that symbolic link in the root by a directory", e);
        }
    }

    private void writeXenstored(TargetRoot r) throws BuildException {
        XenstoredChoice choice = XenstoredChoice.parse(xenstored);
        Optional<Path> file = Xencommons.locate(r);
        if (file.isEmpty()) {
            throw new BuildException("No xencommons in " + r.describe() + " (etc/default or etc/sysconfig).",
                    "install Xen into this root first (xen:install), or set setXenstored=false");
        }
        String daemon = null;
        for (String sbin : List.of("usr/sbin", "usr/local/sbin", "sbin")) {
            if (Files.isRegularFile(inRoot(r, sbin + "/" + choice.configureValue()))) {
                daemon = "/" + sbin + "/" + choice.configureValue();
                break;
            }
        }
        if (daemon == null) {
            throw new BuildException(choice.configureValue() + " is not installed in " + r.describe() + ".",
                    choice == XenstoredChoice.OXENSTORED
                            ? "build Xen with xenstored=oxenstored (it needs ocaml and ocaml-findlib), or choose cxenstored"
                            : "check the Xen installation in this root");
        }
        if (dryRun) {
            getLog().info("Dry run: would set XENSTORED=" + daemon + " in " + file.get());
        } else if (Xencommons.setXenstored(file.get(), daemon)) {
            getLog().info("Set XENSTORED=" + daemon + " in " + file.get());
            try {
                // dom0-build's own edit: an uninstall takes this xencommons out like the installed one
                InstallManifest.recordEdit(r, "/" + r.path().relativize(file.get()));
            } catch (IOException e) {
                throw new BuildException("Cannot record the change of " + file.get() + " in the install manifests: "
                        + e.getMessage(), "check var/lib/dom0-build in " + r.describe(), e);
            }
        } else {
            getLog().info(file.get() + " already has XENSTORED=" + daemon);
        }
    }
}
