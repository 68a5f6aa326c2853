package io.github.dom0build.maven;

import io.github.dom0build.core.BuildException;
import io.github.dom0build.core.deps.BuildRequirements;
import io.github.dom0build.core.deps.Requirement;
import io.github.dom0build.core.distroconfig.ConfigFileSpec;
import io.github.dom0build.core.distroconfig.DebugInfo;
import io.github.dom0build.core.distroconfig.RunningKernelConfig;
import io.github.dom0build.core.kconfig.KernelConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Checks that this machine has what a kernel build needs (compiler, make, flex, bison, bc, perl, the
 * libelf and OpenSSL headers, and pahole when a distribution config keeps BTF), and when something is missing prints the one command that installs it
 * all on this distribution (apt-get, dnf, zypper).
 */
@Mojo(name = "deps", defaultPhase = LifecyclePhase.VALIDATE, threadSafe = true)
public class KernelDepsMojo extends AbstractDepsMojo {
    /**
     * As in the defconfig goal: a base config on this machine ({@code running} or a path) is read for
     * what it adds, such as pahole for BTF when debugInfo is keep. URLs and artifacts are read by defconfig,
     * which makes the same check.
     */
    @Parameter(property = "kernel.configFile")
    private String configFile;

    /** As in the defconfig goal: with {@code none} or {@code reduced}, the base's BTF needs nothing. */
    @Parameter(property = "kernel.debugInfo", defaultValue = "none")
    private String debugInfo;

    @Override
    protected String buildName() {
        return "kernel build";
    }

    @Override
    protected List<Requirement> requirements() throws BuildException {
        List<Requirement> r = new ArrayList<>(BuildRequirements.kernel(arch));
        if (configFile == null || configFile.isBlank() || DebugInfo.parse(debugInfo) != DebugInfo.KEEP) {
            return r;
        }
        Path file = switch (ConfigFileSpec.kindOf(configFile)) {
            case RUNNING -> RunningKernelConfig.bootConfig(Path.of("/"), RunningKernelConfig.release());
            case FILE -> project.getBasedir().toPath().resolve(configFile.strip());
            default -> null;
        };
        if (file != null && Files.isRegularFile(file)) {
            try {
                r.addAll(BuildRequirements.kernelConfig(KernelConfig.read(file)));
            } catch (IOException e) {
                throw new BuildException("Cannot read configFile " + file + ": " + e.getMessage(), "check its permissions",
                        e);
            }
        }
        return r;
    }
}
