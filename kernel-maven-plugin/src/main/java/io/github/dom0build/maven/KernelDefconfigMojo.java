package io.github.dom0build.maven;

import io.github.dom0build.core.BuildException;
import io.github.dom0build.core.kconfig.ConfigBase;
import io.github.dom0build.core.kconfig.ConfigRequest;
import io.github.dom0build.core.kconfig.KconfigConfigurator;
import io.github.dom0build.core.kernel.KernelTree;
import java.io.File;
import java.util.List;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Configures the kernel as a Xen dom0 and proves it: a base (a make target such as
 * {@code x86_64_defconfig} or {@code tinyconfig}, or a config file such as a distribution's
 * {@code /boot/config-<release>}), then the built-in xen-dom0 fragment, the user's fragment files and
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

    /** The base as a config file, e.g. {@code /boot/config-6.1.0-13-amd64}; replaces defconfig. */
    @Parameter(property = "kernel.configFile")
    private File configFile;

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

    /** Skips this goal. */
    @Parameter(property = "kernel.defconfig.skip", defaultValue = "false")
    private boolean skip;

    @Override
    protected boolean skipGoal() {
        return skip;
    }

    @Override
    protected void run() throws BuildException {
        KernelTree tree = kernelTree();
        tree.requireSource();
        ConfigBase base = ConfigBase.of(configFile != null ? null : defconfig,
                configFile == null ? null : configFile.toPath());
        ConfigRequest request = ConfigRequests.of(dom0Fragment, builtInFragments == null ? List.of() : builtInFragments,
                tree.arch().srcArch(), fragments, options);
        KernelKconfigTarget target = new KernelKconfigTarget(tree, (dir, t, vars) -> kernelMake(tree, t, vars));
        new KconfigConfigurator(runner(), buildLog()).configure(target, base, request, failOnConfigMismatch,
                "defconfig");
    }
}
