package io.github.dom0build.maven;

import io.github.dom0build.core.BuildException;
import io.github.dom0build.core.deps.BuildRequirements;
import io.github.dom0build.core.deps.Requirement;
import java.util.List;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;

/**
 * Checks that this machine has what every Xen build needs (compiler, make, flex, bison, python3 and its
 * headers, iasl, uuid, yajl, zlib, lzma, ncurses, 32-bit libc for hvmloader, pixman, glib), and when
 * something is missing prints the one command that installs it all on this distribution (apt-get, dnf,
 * zypper). What a configuration adds (ocaml and ocaml-findlib for oxenstored, the systemd headers for
 * systemd before Xen 4.19) the configure goal checks, before it runs configure.
 */
@Mojo(name = "deps", defaultPhase = LifecyclePhase.VALIDATE, threadSafe = true)
public class XenDepsMojo extends AbstractDepsMojo {
    @Override
    protected String buildName() {
        return "Xen build";
    }

    @Override
    protected List<Requirement> requirements() throws BuildException {
        return BuildRequirements.xen();
    }
}
