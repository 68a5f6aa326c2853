package io.github.dom0build.core.userland;

import io.github.dom0build.core.BuildException;
import io.github.dom0build.core.process.Command;
import io.github.dom0build.core.process.CommandFailedException;
import io.github.dom0build.core.process.ProcessRunner;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs mmdebstrap, the Debian tool made for minimal roots: minbase plus the requested packages, from
 * the given apt sources file, into a tarball. Documentation is left out with dpkg path excludes, and
 * {@code SOURCE_DATE_EPOCH} makes the tarball's times the build's. As root it works directly; other
 * users need unprivileged user namespaces, which mmdebstrap's unshare mode uses.
 */
final class Mmdebstrap {
    private static final Duration TIMEOUT = Duration.ofMinutes(30);

    private final ProcessRunner runner;

    Mmdebstrap(ProcessRunner runner) {
        this.runner = runner;
    }

    String version(UserlandRequest r) throws BuildException {
        try {
            return runner.capture(Command.of(r.mmdebstrap(), "--version").quiet().build()).strip();
        } catch (CommandFailedException e) {
            throw notInstalled(r, e);
        }
    }

    /**
     * @param proxyEnvironment settings.xml's proxies as apt's environment variables ({@link
     *        io.github.dom0build.core.net.AptProxySettings#environment}): never an {@code --aptopt}, which
     *        mmdebstrap keeps in the root's apt.conf.d, credentials and all
     */
    void build(UserlandRequest r, Path sourcesFile, Path tarball, Map<String, String> proxyEnvironment)
            throws BuildException {
        build(r, UserlandRequest.VARIANT, sourcesFile, tarball, proxyEnvironment);
    }

    /** {@link #build} with another variant: {@code extract} lets a test use a repository of one package. */
    void build(UserlandRequest r, String variant, Path sourcesFile, Path tarball, Map<String, String> proxyEnvironment)
            throws BuildException {
        List<String> argv = new ArrayList<>(List.of(r.mmdebstrap(), "--variant=" + variant,
                "--architectures=" + r.architecture(), "--format=tar"));
        if (!r.packages().isEmpty()) {
            argv.add("--include=" + String.join(",", r.packages()));
        }
        for (String o : UserlandRequest.DPKG_OPTIONS) {
            argv.add("--dpkgopt=" + o);
        }
        argv.addAll(List.of(r.suite(), tarball.toString(), sourcesFile.toString()));
        try {
            runner.run(Command.of(argv).env(proxyEnvironment)
                    .env("SOURCE_DATE_EPOCH", Long.toString(r.timestamp().getEpochSecond()))
                    .env("LC_ALL", "C").timeout(TIMEOUT).logPrefix("[mmdebstrap] ").build());
        } catch (CommandFailedException e) {
            if (e.exitCode() == -1 && e.getCause() instanceof IOException) {
                throw notInstalled(r, e);
            }
            throw new BuildException("mmdebstrap could not make " + r.describe() + ": " + e.problem(),
                    "read the [mmdebstrap] lines above; as a user other than root, mmdebstrap needs unprivileged user"
                            + " namespaces (sysctl kernel.unprivileged_userns_clone=1); or give a ready userland"
                            + " with the userland parameter", e);
        }
    }

    private static BuildException notInstalled(UserlandRequest r, CommandFailedException e) {
        return new BuildException(r.mmdebstrap() + " is not installed: the boot test makes its userland with it.",
                "run: sudo apt-get install mmdebstrap; or give a ready userland (a directory or a root file system"
                        + " tarball) with the userland parameter, or use init=busybox",
                e);
    }
}
