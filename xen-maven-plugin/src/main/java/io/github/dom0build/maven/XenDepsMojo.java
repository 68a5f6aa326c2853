package io.github.dom0build.maven;

import io.github.dom0build.core.BuildException;
import io.github.dom0build.core.arch.CrossBuild;
import io.github.dom0build.core.configure.XenstoredChoice;
import io.github.dom0build.core.deps.BuildRequirements;
import io.github.dom0build.core.deps.Requirement;
import io.github.dom0build.core.xen.XenVersion;
import java.io.File;
import java.util.List;
import java.util.Optional;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Checks that this machine has what the configured Xen build needs (compiler, make, flex, bison,
 * python3 and its headers, iasl, uuid, yajl, zlib, lzma, ncurses, 32-bit libc for hvmloader, pixman,
 * glib; ocaml and ocaml-findlib for oxenstored; the systemd headers for systemd), and when something
 * is missing prints the one command that installs it all on this distribution (apt-get, dnf, zypper).
 */
@Mojo(name = "deps", defaultPhase = LifecyclePhase.VALIDATE, threadSafe = true)
public class XenDepsMojo extends AbstractDepsMojo {
    /** As in the configure goal: oxenstored adds the OCaml requirements. */
    @Parameter(property = "xen.xenstored", defaultValue = "oxenstored")
    private String xenstored;

    /** As in the configure goal: systemd adds the systemd headers. */
    @Parameter(property = "xen.systemd", defaultValue = "true")
    private boolean systemd;

    /**
     * The Xen tree, when fetch already ran: its version decides what the build needs (libsystemd only
     * before 4.19); without a tree, the oldest supported version's needs are checked.
     */
    @Parameter(property = "xen.sourceDirectory", defaultValue = "${project.build.directory}/xen", required = true)
    private File sourceDirectory;

    @Override
    protected String buildName() {
        return "Xen build";
    }

    @Override
    protected List<Requirement> requirements() throws BuildException {
        Optional<XenVersion> version = XenVersion.of(sourceDirectory.toPath());
        version.ifPresent(v -> getLog().info("Xen " + v + " in " + sourceDirectory + (systemd && !v.systemdNeedsLibsystemd()
                ? ": --enable-systemd needs no libsystemd since " + XenVersion.NO_LIBSYSTEMD : "")));
        return BuildRequirements.xen(XenstoredChoice.parse(xenstored) == XenstoredChoice.OXENSTORED, systemd,
                version.orElse(null), CrossBuild.of(arch));
    }
}
