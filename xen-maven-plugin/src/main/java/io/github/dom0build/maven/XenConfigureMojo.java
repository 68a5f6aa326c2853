package io.github.dom0build.maven;

import io.github.dom0build.core.BuildException;
import io.github.dom0build.core.configure.ConfigureCache;
import io.github.dom0build.core.configure.XenConfigureOptions;
import io.github.dom0build.core.configure.XenConfigurer;
import io.github.dom0build.core.configure.XenstoredChoice;
import io.github.dom0build.core.deps.Distribution;
import java.io.File;
import java.util.List;
import java.util.Optional;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Runs Xen's {@code ./configure} the way the reference recipe does, {@code --with-xenstored=oxenstored
 * --enable-systemd}, and by default so that the whole build never reaches the network (no stubdom, the
 * system's qemu and SeaBIOS). Afterwards it reads back what configure recorded ({@code config/Tools.mk},
 * {@code config/Paths.mk}, {@code launch-xenstore}) and fails if a choice did not take, naming the
 * packages to install. A rerun with unchanged arguments does not configure again.
 */
@Mojo(name = "configure", defaultPhase = LifecyclePhase.PROCESS_SOURCES, threadSafe = true)
public class XenConfigureMojo extends AbstractBuildMojo {
    /**
     * The xenstore daemon: {@code oxenstored} (OCaml; needs ocaml and ocaml-findlib) or
     * {@code cxenstored} (C, called {@code xenstored} by configure). A cross build ({@code arch=arm64} on an
     * x86 machine) needs cxenstored: no distribution packages an OCaml cross compiler.
     */
    @Parameter(property = "xen.xenstored", defaultValue = "oxenstored")
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
     * Keep the build off the network: {@code --disable-stubdom} plus the system's qemu and SeaBIOS, and
     * (in the make goal) {@code GIT=false WGET=false} so that any remaining download fails at once.
     */
    @Parameter(property = "xen.offline", defaultValue = "true")
    private boolean offline;

    /** Build the documentation (needs pandoc and more); off by default. */
    @Parameter(property = "xen.docs", defaultValue = "false")
    private boolean docs;

    /** With offline: the qemu the toolstack starts as device model ({@code --with-system-qemu}). */
    @Parameter(property = "xen.systemQemu", defaultValue = "/usr/bin/qemu-system-i386")
    private String systemQemu;

    /** With offline: the SeaBIOS image for HVM guests ({@code --with-system-seabios}). */
    @Parameter(property = "xen.systemSeabios", defaultValue = "/usr/share/seabios/bios.bin")
    private String systemSeabios;

    /**
     * More configure arguments, one per item, e.g. {@code --enable-debug}; on the command line
     * comma-separated.
     */
    @Parameter(property = "xen.configureArguments")
    private List<String> configureArguments;

    /**
     * Keep autoconf's cache file ({@code --cache-file}) between builds, so that configuring a fresh
     * tree (after {@code mvn clean}, or a new checkout) reuses the answers of an earlier run: Xen 4.17's
     * configure takes about 6 s, 2.4 s with them. An entry is only used under the same configure
     * scripts, arguments, environment (PATH and the variables configure reads), machine, installed
     * packages (the dpkg, rpm, apk or pacman database) and the same directories on PATH and under
     * {@code /usr/local}; a configure that fails with cached answers is run again without them. Set to
     * {@code false} to configure from scratch every time.
     */
    @Parameter(property = "xen.configureCache", defaultValue = "true")
    private boolean configureCache;

    /** Where the configure cache keeps its entries (one small file each), shared by every project. */
    @Parameter(property = "xen.configureCacheDirectory", defaultValue = "${user.home}/.cache/dom0-build/configure",
            required = true)
    private File configureCacheDirectory;

    /** Skips this goal. */
    @Parameter(property = "xen.configure.skip", defaultValue = "false")
    private boolean skip;

    @Override
    protected boolean skipGoal() {
        return skip;
    }

    @Override
    protected void run() throws BuildException {
        String leaf = sysconfigDir;
        if (leaf == null || leaf.isBlank()) {
            Distribution d = Distribution.detect();
            leaf = d.family() == Distribution.Family.DEBIAN || d.family() == Distribution.Family.UNKNOWN
                    ? "default" : "sysconfig";
            getLog().info("xencommons goes to /etc/" + leaf + " (" + d.prettyName() + "; set sysconfigDir to choose)");
        }
        XenConfigureOptions options = new XenConfigureOptions(XenstoredChoice.parse(xenstored), systemd, prefix, leaf,
                offline, docs, systemQemu, systemSeabios, configureArguments, crossBuild());
        Optional<ConfigureCache> cache = configureCache ? Optional.of(ConfigureCache.in(
                configureCacheDirectory.toPath())) : Optional.empty();
        XenConfigurer.Result r = new XenConfigurer(runner(), buildLog()).configure(sourceDirectory.toPath(), options,
                buildEnvironment(), timeoutDuration(), cache);
        getLog().info("Configured: xenstored " + r.configured().xenstoredPath().orElse("?") + ", systemd "
                + (r.configured().systemd() ? "on" : "off") + ", xencommons in /etc/"
                + r.configured().configLeafDir().orElse("?"));
    }
}
