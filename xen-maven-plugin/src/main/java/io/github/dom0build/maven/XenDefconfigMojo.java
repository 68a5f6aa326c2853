package io.github.dom0build.maven;

import io.github.dom0build.core.BuildException;
import io.github.dom0build.core.distroconfig.ConfigFileSpec;
import io.github.dom0build.core.kconfig.ConfigBase;
import io.github.dom0build.core.kconfig.ConfigRequest;
import io.github.dom0build.core.kconfig.KconfigConfigurator;
import io.github.dom0build.core.kconfig.MakeKconfigTarget;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.eclipse.aether.RepositorySystem;

/**
 * Configures the Xen hypervisor's own Kconfig ({@code xen/.config}) with the same engine as the kernel:
 * a base ({@code make -C xen defconfig} or a config file), fragments and inline options, then
 * {@code olddefconfig}, then the audit that fails when a requested option did not hold, with the reason.
 * With nothing requested (no fragments, options or configFile, the default target) the goal does
 * nothing and the hypervisor builds with its own defaults, which is why the xen packaging can bind it.
 */
@Mojo(name = "defconfig", defaultPhase = LifecyclePhase.PROCESS_SOURCES, threadSafe = true)
public class XenDefconfigMojo extends AbstractMakeMojo {
    private static final String STAMP = "xen-defconfig";

    /** The base as a target of {@code xen/Makefile}: {@code defconfig} or a {@code *_defconfig}. */
    @Parameter(property = "xen.defconfig", defaultValue = "defconfig")
    private String defconfig;

    /**
     * The base as a config file, which replaces defconfig: a path such as {@code src/xen/xen.config}, an
     * {@code https://} URL, which needs configFileSha256 and is kept in the download cache, or Maven
     * coordinates {@code groupId:artifactId:version[:extension[:classifier]]} (extension {@code config} by
     * default), resolved from the POM's repositories: what kernel:defconfig takes, but {@code running}.
     */
    @Parameter(property = "xen.configFile")
    private String configFile;

    /**
     * The sha256 of configFile: required for a URL, checked when given for the other kinds. Under a build
     * cache it is what pins {@code running} or a SNAPSHOT artifact, which warn without it.
     */
    @Parameter(property = "xen.configFileSha256")
    private String configFileSha256;

    /** The download cache for a configFile URL, shared with the fetch goal. */
    @Parameter(property = GoalPrefix.NAME + ".cacheDirectory",
            defaultValue = "${user.home}/.cache/dom0-build/downloads", required = true)
    private File cacheDirectory;

    @Component
    private RepositorySystem repositorySystem;

    /** Config fragment files (.config syntax), applied in order, e.g. one with {@code CONFIG_XSM=y}. */
    @Parameter(property = "xen.fragments")
    private List<File> fragments;

    /** Single options, applied last: {@code CONFIG_DEBUG=y}, {@code # CONFIG_HVM is not set}. */
    @Parameter(property = "xen.options")
    private List<String> options;

    /** Fail when a requested option does not hold in the final xen/.config (otherwise warn). */
    @Parameter(property = "xen.failOnConfigMismatch", defaultValue = "true")
    private boolean failOnConfigMismatch;

    /** The hypervisor's architecture directory ({@code xen/arch/<srcArch>}); empty: {@code arch}'s ({@code x86}, {@code arm}). */
    @Parameter(property = "xen.srcArch")
    private String srcArch;

    @Override
    protected void run() throws BuildException {
        Path source = sourceDirectory.toPath();
        Path xen = source.resolve("xen");
        if (!java.nio.file.Files.isRegularFile(xen.resolve("Kconfig"))) {
            throw new BuildException(source + " has no xen/Kconfig: it is not a Xen source tree.",
                    "check sourceDirectory, and that the fetch goal ran first");
        }
        boolean hasFile = configFile != null && !configFile.isBlank();
        if (!hasFile && "defconfig".equals(defconfig) && (fragments == null || fragments.isEmpty())
                && (options == null || options.isEmpty())) {
            getLog().info("No hypervisor options requested (fragments, options, configFile): Xen builds with its"
                    + " own defaults");
            return;
        }
        String arch = srcArch == null || srcArch.isBlank() ? crossBuild().target().xenSrcArch() : srcArch.strip();
        ConfigBase base = ConfigBase.of(hasFile ? null : defconfig, hasFile ? baseFile() : null);
        ConfigRequest request = ConfigRequests.of(false, arch, fragments, options);
        MakeKconfigTarget target = MakeKconfigTarget.hypervisor(source, arch,
                (dir, targets, vars) -> make(dir, targets, crossBuild().xenMakeVariables()));
        KconfigConfigurator configurator = new KconfigConfigurator(runner(), buildLog());
        if (!upToDateCheck) {
            configurator.forget(target, STAMP);
        }
        configurator.configure(target, base, request, failOnConfigMismatch, STAMP);
    }

    private Path baseFile() throws BuildException {
        return new ConfigFiles(session, project, repositorySystem, buildLog()).resolve(
                ConfigFileSpec.parseHypervisor(configFile, configFileSha256), Path.of(project.getBuild().getDirectory()),
                cacheDirectory.toPath(), proxies());
    }
}
