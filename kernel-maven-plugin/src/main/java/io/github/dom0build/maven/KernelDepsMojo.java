package io.github.dom0build.maven;

import io.github.dom0build.core.deps.BuildRequirements;
import io.github.dom0build.core.deps.Requirement;
import java.util.List;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;

/**
 * Checks that this machine has what every kernel build needs (compiler, make, flex, bison, bc, perl, the
 * libelf and OpenSSL headers), and when something is missing prints the one command that installs it all
 * on this distribution (apt-get, dnf, zypper). What a configuration adds (pahole when a distribution
 * config keeps BTF) the defconfig goal checks, as soon as the configuration is made.
 */
@Mojo(name = "deps", defaultPhase = LifecyclePhase.VALIDATE, threadSafe = true)
public class KernelDepsMojo extends AbstractDepsMojo {
    @Override
    protected String buildName() {
        return "kernel build";
    }

    @Override
    protected List<Requirement> requirements() {
        return BuildRequirements.kernel();
    }
}
