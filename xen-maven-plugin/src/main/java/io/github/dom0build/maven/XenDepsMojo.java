package io.github.dom0build.maven;

import io.github.dom0build.core.BuildException;
import io.github.dom0build.core.configure.XenstoredChoice;
import io.github.dom0build.core.deps.BuildRequirements;
import io.github.dom0build.core.deps.Requirement;
import java.util.List;
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

    @Override
    protected String buildName() {
        return "Xen build";
    }

    @Override
    protected List<Requirement> requirements() throws BuildException {
        return BuildRequirements.xen(XenstoredChoice.parse(xenstored) == XenstoredChoice.OXENSTORED, systemd);
    }
}
