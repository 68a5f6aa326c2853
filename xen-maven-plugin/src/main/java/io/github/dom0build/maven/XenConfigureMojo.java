package io.github.dom0build.maven;

import io.github.dom0build.core.BuildException;
import io.github.dom0build.core.configure.XenConfigurationRequirements;
import io.github.dom0build.core.configure.XenConfigureOptions;
import io.github.dom0build.core.configure.XenConfigurer;
import io.github.dom0build.core.configure.XenDownloads;
import io.github.dom0build.core.configure.XencommonsDirectory;
import io.github.dom0build.core.configure.XenstoredChoice;
import io.github.dom0build.core.deps.DependencyChecker;
import io.github.dom0build.core.deps.Distribution;
import java.util.List;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Runs Xen's {@code ./configure} the way the reference recipe does, {@code --with-xenstored=oxenstored
 * --enable-systemd}, and by default so that the whole build never reaches the network (no stubdom, the
 * system's qemu and SeaBIOS). Before, it checks what the chosen configuration needs on this machine (OCaml
 * for oxenstored, the systemd headers before Xen 4.19), naming the packages. Afterwards it reads back what configure recorded ({@code config/Tools.mk},
 * {@code config/Paths.mk}, {@code launch-xenstore}) and fails if a choice did not take, naming the
 * packages to install. A rerun with unchanged arguments does not configure again; a configure that runs
 * starts from scratch (no autoconf cache file is kept between builds).
 */
@Mojo(name = "configure", defaultPhase = LifecyclePhase.PROCESS_SOURCES, threadSafe = true)
public class XenConfigureMojo extends AbstractMakeMojo {
    /**
     * The xenstore daemon: {@code oxenstored} (OCaml; needs ocaml and ocaml-findlib) or
     * {@code cxenstored} (C, called {@code xenstored} by configure). A cross build ({@code arch=arm64} on an
     * x86 machine) needs cxenstored: no distribution packages an OCaml cross compiler. Empty means
     * oxenstored, the recipe's. It is also the daemon the root starts: configure writes it into
     * launch-xenstore, and systemd-enable writes it into xencommons (its {@code xencommonsXenstored}
     * flips a root that has both).
     */
    @Parameter(property = "xen.xenstored")
    private String xenstored;

    /** Build and install the systemd units ({@code --enable-systemd}); needs the systemd headers. */
    @Parameter(property = "xen.systemd", defaultValue = "true")
    private boolean systemd;

    /** Installation prefix ({@code --prefix}). */
    @Parameter(property = "xen.prefix", defaultValue = "/usr")
    private String prefix;

    /**
     * Where xencommons goes: {@code default} ({@code /etc/default/xencommons}, Debian and Ubuntu) or
     * {@code sysconfig} ({@code /etc/sysconfig/xencommons}, Fedora, openSUSE, RHEL). Left empty, it
     * follows the running distribution, instead of configure's guess from whether the build host has
     * {@code /etc/sysconfig}.
     */
    @Parameter(property = "xen.sysconfigDir")
    private String sysconfigDir;

    /**
     * Let Xen's own build download what it builds from source (stubdom's mini-os and libraries, qemu-xen,
     * SeaBIOS). Off by default: configure gets {@code --disable-stubdom} plus the system's qemu and
     * SeaBIOS, and make and dist, which follow what configure recorded, get {@code GIT=false WGET=false}
     * so that any remaining download fails at once. Independent of Maven's {@code -o}.
     */
    @Parameter(property = "xen.allowDownloads", defaultValue = "false")
    private boolean allowDownloads;

    /** Build the documentation (needs pandoc and more); off by default. */
    @Parameter(property = "xen.docs", defaultValue = "false")
    private boolean docs;

    /** Without allowDownloads: the qemu the toolstack starts as device model ({@code --with-system-qemu}). */
    @Parameter(property = "xen.systemQemu", defaultValue = "/usr/bin/qemu-system-i386")
    private String systemQemu;

    /** Without allowDownloads: the SeaBIOS image for HVM guests ({@code --with-system-seabios}). */
    @Parameter(property = "xen.systemSeabios", defaultValue = "/usr/share/seabios/bios.bin")
    private String systemSeabios;

    /**
     * More configure arguments, one per item, e.g. {@code --enable-debug}; on the command line
     * comma-separated.
     */
    @Parameter(property = "xen.configureArguments")
    private List<String> configureArguments;

    @Override
    protected void run() throws BuildException {
        Distribution distro = Distribution.detect();
        XenConfigureOptions options = new XenConfigureOptions(XenstoredChoice.parseOrRecipes(xenstored), systemd, prefix,
                XencommonsDirectory.choose(sysconfigDir, distro, buildLog()), !allowDownloads, docs, systemQemu,
                systemSeabios, configureArguments, crossBuild());
        if (!upToDateCheck) {
            XenConfigurer.forget(sourceDirectory.toPath());
        }
        XenConfigurationRequirements.check(sourceDirectory.toPath(), options, new DependencyChecker(runner(), buildLog()),
                distro, buildLog());
        XenConfigurer.Result r = new XenConfigurer(runner(), buildLog()).configure(sourceDirectory.toPath(), options,
                buildEnvironment(), timeoutDuration());
        XenDownloads.record(sourceDirectory.toPath(), allowDownloads);
        getLog().info("Configured: xenstored " + r.configured().xenstoredPath().orElse("?") + ", systemd "
                + (r.configured().systemd() ? "on" : "off") + ", xencommons in /etc/"
                + r.configured().configLeafDir().orElse("?"));
    }
}
