package io.github.dom0build.maven;

import io.github.dom0build.core.BuildException;
import io.github.dom0build.core.deps.BuildRequirements;
import io.github.dom0build.core.deps.DependencyChecker;
import io.github.dom0build.core.deps.Distribution;
import io.github.dom0build.core.deps.Requirement;
import io.github.dom0build.core.distroconfig.BaseConfigSteps;
import io.github.dom0build.core.distroconfig.ConfigFileSpec;
import io.github.dom0build.core.distroconfig.DebugInfo;
import io.github.dom0build.core.distroconfig.Fixup;
import io.github.dom0build.core.kconfig.ConfigBase;
import io.github.dom0build.core.kconfig.ConfigRequest;
import io.github.dom0build.core.kconfig.KconfigConfigurator;
import io.github.dom0build.core.kconfig.KernelConfig;
import io.github.dom0build.core.kconfig.MakeKconfigTarget;
import io.github.dom0build.core.kernel.KernelTree;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.eclipse.aether.RepositorySystem;

/**
 * Configures the kernel as a Xen dom0 and proves it: a base (a make target such as
 * {@code x86_64_defconfig} or {@code tinyconfig}, or a config file such as a distribution's
 * {@code /boot/config-<release>}: {@code running}, a path, a URL or Maven coordinates), upstream's merge
 * targets, the trimming to a machine's modules, the fixups a distribution's config needs to build from
 * upstream sources (each logged), then the built-in xen-dom0 fragment, the user's fragment files and
 * inline options, then {@code make olddefconfig}, then the audit: every requested option must hold its
 * requested value in the final {@code .config}. Kconfig silently drops options whose dependencies are
 * off; this goal fails instead (or warns, with {@code failOnConfigMismatch=false}) and lists each such
 * option with its requested and final value and the {@code depends on} that is not met. A rerun with
 * the same inputs does nothing.
 */
@Mojo(name = "defconfig", defaultPhase = LifecyclePhase.PROCESS_SOURCES, threadSafe = true)
public class KernelDefconfigMojo extends AbstractKernelMojo {
    /**
     * The base as a make target: {@code defconfig}, {@code x86_64_defconfig}, {@code tinyconfig}, or a
     * tree's own target such as the {@code xendom0config} a patch may add. Ignored when configFile is set.
     */
    @Parameter(property = "kernel.defconfig", defaultValue = "defconfig")
    private String defconfig;

    /**
     * The base as a config file, which replaces defconfig; the recipe's {@code cp /boot/config-... .config}.
     * One of: {@code running} (this machine's {@code /boot/config-$(uname -r)}, else
     * {@code /proc/config.gz}); a path such as {@code src/kernel/config-6.1.0-50-amd64}; an
     * {@code https://} URL, which needs configFileSha256 and is kept in the download cache; or Maven
     * coordinates {@code groupId:artifactId:version[:extension[:classifier]]} (extension {@code config} by
     * default), resolved from the POM's repositories. A distribution's config gets the fixups of
     * keepDistributionSettings, moduleSigningKey and debugInfo.
     */
    @Parameter(property = "kernel.configFile")
    private String configFile;

    /**
     * The sha256 of configFile: required for a URL, checked when given for the other kinds. Under a build
     * cache it is what pins {@code running} or a SNAPSHOT artifact, which warn without it.
     */
    @Parameter(property = "kernel.configFileSha256")
    private String configFileSha256;

    /**
     * Upstream's config fragments by make target, merged into the base in order before the built-in
     * fragments: {@code xen.config}, {@code kvm_guest.config} ({@code make help} lists a tree's). They are
     * applied with the tree's own {@code merge_config.sh}; only what this goal requests is audited.
     */
    @Parameter(property = "kernel.mergeTargets")
    private List<String> mergeTargets;

    /**
     * An {@code lsmod} output file saved on the target machine: the base keeps only the modules it lists
     * ({@code make LSMOD=FILE localmodconfig}), which turns a distribution's thousands of modules into the
     * few that machine loads. Applied after mergeTargets.
     */
    @Parameter(property = "kernel.localModules")
    private File localModules;

    /**
     * Sign the modules with this key: a PEM file holding the private key and its X.509 certificate, as
     * {@code certs/signing_key.pem} would. Without it, module signing in the base is turned off: the
     * distribution's key is not on this machine, and the kernel's ephemeral key would make the modules
     * differ on every build.
     */
    @Parameter(property = "kernel.moduleSigningKey")
    private File moduleSigningKey;

    /**
     * Distribution settings to leave as the base has them instead of fixing them: {@code trusted-keys}
     * and {@code revocation-keys} (SYSTEM_TRUSTED_KEYS / SYSTEM_REVOCATION_KEYS naming certificate files
     * the tree lacks are emptied), {@code module-signing} (turned off unless moduleSigningKey is set),
     * {@code build-salt} (BUILD_SALT emptied). Every fixup is logged.
     */
    @Parameter(property = "kernel.keepDistributionSettings")
    private List<String> keepDistributionSettings;

    /**
     * Debug information: {@code none} turns DEBUG_INFO (and with it BTF, which needs pahole) off;
     * {@code reduced} sets DEBUG_INFO_REDUCED; {@code keep} leaves the base's. Distribution configs build
     * full DWARF, which makes the build several times slower and the archive many times larger.
     */
    @Parameter(property = "kernel.debugInfo", defaultValue = "none")
    private String debugInfo;

    /** The download cache for a configFile URL, shared with the fetch goal. */
    @Parameter(property = GoalPrefix.NAME + ".cacheDirectory",
            defaultValue = "${user.home}/.cache/dom0-build/downloads", required = true)
    private File cacheDirectory;

    @Component
    private RepositorySystem repositorySystem;


    /**
     * Apply the built-in xen-dom0 fragment (XEN, XEN_PV, XEN_DOM0, the backends, HVC_XEN, XENFS,
     * XEN_SYS_HYPERVISOR, XEN_DEV_EVTCHN, XEN_PRIVCMD, XEN_GNTDEV, ..., all built in); see the site's
     * defconfig page for what each option is for.
     */
    @Parameter(property = "kernel.dom0Fragment", defaultValue = "true")
    private boolean dom0Fragment;

    /**
     * More built-in fragments by name, applied after xen-dom0: {@code systemd} (what systemd needs from
     * the kernel to run as init: cgroups, inotify, signalfd, timerfd, epoll, fhandle, devtmpfs, tmpfs,
     * seccomp, ...; from systemd's README). Each is audited like every fragment.
     */
    @Parameter(property = "kernel.builtInFragments")
    private List<String> builtInFragments;

    /** Config fragment files (.config syntax), applied in order after the built-in fragments. */
    @Parameter(property = "kernel.fragments")
    private List<File> fragments;

    /**
     * Single options, applied last: {@code CONFIG_UNIX=y}, {@code CONFIG_LOCALVERSION="-dom0"},
     * {@code # CONFIG_DEBUG_INFO is not set}.
     */
    @Parameter(property = "kernel.options")
    private List<String> options;

    /** Fail when a requested option does not hold in the final .config (otherwise warn). */
    @Parameter(property = "kernel.failOnConfigMismatch", defaultValue = "true")
    private boolean failOnConfigMismatch;

    @Override
    protected void run() throws BuildException {
        KernelTree tree = kernelTree();
        tree.requireSource();
        boolean hasFile = configFile != null && !configFile.isBlank();
        ConfigBase base = ConfigBase.of(hasFile ? null : defconfig, hasFile ? baseFile(tree) : null);
        ConfigRequest request = ConfigRequests.of(dom0Fragment, builtInFragments == null ? List.of() : builtInFragments,
                tree.arch().srcArch(), fragments, options);
        BaseConfigSteps steps = new BaseConfigSteps(mergeTargets == null ? List.of() : mergeTargets,
                localModules == null ? null : localModules.toPath(),
                moduleSigningKey == null ? null : moduleSigningKey.toPath(), Fixup.parse(keepDistributionSettings),
                DebugInfo.parse(debugInfo), runner(), buildLog());
        MakeKconfigTarget target = MakeKconfigTarget.kernel(tree, (dir, t, vars) -> kernelMake(tree, t, vars));
        KconfigConfigurator configurator = new KconfigConfigurator(runner(), buildLog());
        if (!upToDateCheck) {
            configurator.forget(target, "defconfig");
        }
        KernelConfig config = configurator.configure(target, base, steps, request, failOnConfigMismatch, "defconfig")
                .config();
        List<Requirement> needs = new ArrayList<>(BuildRequirements.kernelCross(arch));
        needs.addAll(BuildRequirements.kernelConfig(config));
        new DependencyChecker(runner(), buildLog()).require("kernel build with this configuration", needs,
                Distribution.detect());
    }

    private Path baseFile(KernelTree tree) throws BuildException {
        return new ConfigFiles(session, project, repositorySystem, buildLog()).resolve(
                ConfigFileSpec.parse(configFile, configFileSha256), tree.build().resolve(".dom0-build"),
                cacheDirectory.toPath(), proxies());
    }
}
