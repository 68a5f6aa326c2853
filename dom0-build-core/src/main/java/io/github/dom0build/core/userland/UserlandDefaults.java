package io.github.dom0build.core.userland;

import io.github.dom0build.core.BuildException;
import io.github.dom0build.core.fetch.apt.DebSrcSources;
import io.github.dom0build.core.process.Command;
import io.github.dom0build.core.process.CommandFailedException;
import io.github.dom0build.core.process.ProcessRunner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * Fills a userland request from the build machine where the user left a setting out: the suite is the
 * machine's own release ({@code VERSION_CODENAME} in /etc/os-release), the architecture dpkg's, and
 * the apt sources the machine's deb entries (with the suite names swapped when another suite is asked
 * for), so the userland comes from the mirror the machine already trusts.
 */
public final class UserlandDefaults {
    /**
     * systemd as init with udev, kmod (systemd's kmod-static-nodes.service runs {@code kmod} as soon as the
     * kernel has modules), and the shared libraries Xen's tools load that minbase lacks.
     */
    public static final List<String> PACKAGES = List.of("systemd", "systemd-sysv", "libyajl2", "libpixman-1-0",
            "libaio1", "libglib2.0-0", "libzstd1", "liblzma5", "libncursesw6", "libuuid1", "zlib1g", "udev", "kmod");

    private final ProcessRunner runner;
    private final Path etc;

    public UserlandDefaults(ProcessRunner runner) {
        this(runner, Path.of("/etc"));
    }

    UserlandDefaults(ProcessRunner runner, Path etc) {
        this.runner = runner;
        this.etc = etc;
    }

    /**
     * @param suite {@code null} for the machine's own
     * @param mirror {@code null} for the machine's apt sources; a URL; or a file of apt sources
     */
    public UserlandRequest request(String suite, List<String> packages, String mirror, String mmdebstrap,
            Instant timestamp, Path cacheDirectory, boolean offline) throws BuildException {
        String host = hostCodename();
        String s = suite != null && !suite.isBlank() ? suite.strip() : host;
        if (s == null) {
            throw new BuildException("This machine is not Debian or Ubuntu (no VERSION_CODENAME in " + etc.resolve(
                    "os-release") + "), so there is no default suite for the boot test's userland.",
                    "set userlandSuite and userlandMirror, or give a ready userland (userland: a directory or a root"
                            + " file system tarball), or use init=busybox");
        }
        return new UserlandRequest(s, architecture(), packages, sources(mirror, s, host), mmdebstrap, timestamp,
                cacheDirectory, offline);
    }

    String hostCodename() throws BuildException {
        Path osRelease = etc.resolve("os-release");
        try {
            if (!Files.isRegularFile(osRelease)) {
                return null;
            }
            for (String line : Files.readAllLines(osRelease, StandardCharsets.UTF_8)) {
                if (line.startsWith("VERSION_CODENAME=")) {
                    String v = line.substring(17).strip().replace("\"", "");
                    return v.isEmpty() ? null : v;
                }
            }
            return null;
        } catch (IOException e) {
            throw new BuildException("Cannot read " + osRelease + ": " + e.getMessage(), "check its permissions", e);
        }
    }

    private String architecture() throws BuildException {
        try {
            return runner.capture(Command.of("dpkg", "--print-architecture").quiet().build()).strip();
        } catch (CommandFailedException e) {
            throw new BuildException("dpkg is not installed, so the boot test cannot make a Debian userland here.",
                    "give a ready userland (a directory or a root file system tarball) with the userland parameter,"
                            + " or use init=busybox", e);
        }
    }

    String sources(String mirror, String suite, String host) throws BuildException {
        try {
            if (mirror == null || mirror.isBlank()) {
                String derived = DebSrcSources.deriveBinary(etc.resolve("apt"));
                if (derived.isBlank()) {
                    throw new BuildException("No deb entries in " + etc.resolve("apt") + "/sources.list(.d) to take the"
                            + " boot test's userland from.", "set userlandMirror to a Debian mirror URL or a file of apt"
                                    + " sources");
                }
                return host == null || host.equals(suite) ? derived : renameSuites(derived, host, suite);
            }
            String m = mirror.strip();
            if (m.contains("://")) {
                return "Types: deb\nURIs: " + m + "\nSuites: " + suite + "\nComponents: main\n";
            }
            Path file = Path.of(m);
            if (!Files.isRegularFile(file)) {
                throw new BuildException("userlandMirror " + m + " is neither a URL nor a file of apt sources.",
                        "give a mirror URL such as http://mirror.example.org/debian, or the path of a .sources file");
            }
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new BuildException("Cannot read the apt sources for the userland: " + e.getMessage(),
                    "check userlandMirror and /etc/apt", e);
        }
    }

    /** {@code bookworm}, {@code bookworm-updates}, {@code bookworm-security} become the asked suite's. */
    static String renameSuites(String sources, String from, String to) {
        StringBuilder out = new StringBuilder();
        for (String line : sources.split("\n", -1)) {
            if (line.startsWith("Suites:")) {
                StringBuilder suites = new StringBuilder("Suites:");
                for (String s : line.substring(7).strip().split("\\s+")) {
                    suites.append(' ').append(s.equals(from) || s.startsWith(from + "-") ? to + s.substring(from.length())
                            : s);
                }
                out.append(suites);
            } else {
                out.append(line);
            }
            out.append('\n');
        }
        return out.substring(0, out.length() - 1);
    }
}
