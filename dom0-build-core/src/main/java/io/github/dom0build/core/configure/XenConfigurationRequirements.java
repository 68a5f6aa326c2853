package io.github.dom0build.core.configure;

import io.github.dom0build.core.BuildException;
import io.github.dom0build.core.deps.BuildRequirements;
import io.github.dom0build.core.deps.DependencyChecker;
import io.github.dom0build.core.deps.Distribution;
import io.github.dom0build.core.log.BuildLog;
import io.github.dom0build.core.xen.XenVersion;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What the chosen configuration needs on this machine, checked before configure runs: the daemon's
 * sources in the tree, then OCaml for oxenstored and the systemd headers where the release needs them.
 * The configure goal owns these choices, so it checks them; the deps goal checks what every Xen build
 * needs, as the kernel's deps goal leaves a configuration's needs to defconfig.
 */
public final class XenConfigurationRequirements {
    private XenConfigurationRequirements() {
    }

    public static void check(Path tree, XenConfigureOptions options, DependencyChecker checker, Distribution distro,
            BuildLog log) throws BuildException {
        Optional<XenVersion> version = XenVersion.of(tree);
        version.ifPresent(v -> log.info("Xen " + v + " in " + tree + (options.systemd() && !v.systemdNeedsLibsystemd()
                ? ": --enable-systemd needs no libsystemd since " + XenVersion.NO_LIBSYSTEMD : "")));
        XenConfigurer.requireDaemonSources(tree, options);
        if (options.cross() != null) {
            options.cross().requireXenstored(options.xenstored()); // before asking for the target's libraries
        }
        checker.require("Xen build with this configuration", BuildRequirements.xenConfiguration(
                options.xenstored() == XenstoredChoice.OXENSTORED, options.systemd(), version.orElse(null),
                options.cross()), distro);
    }
}
