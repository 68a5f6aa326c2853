package io.github.dom0build.core.distroconfig;

import io.github.dom0build.core.BuildException;
import io.github.dom0build.core.io.FileTrees;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * The configuration of the kernel a machine runs, where the recipe takes it from: the
 * {@code /boot/config-<release>} its distribution installs, or else {@code /proc/config.gz}
 * (CONFIG_IKCONFIG_PROC), unpacked.
 */
public final class RunningKernelConfig {
    private RunningKernelConfig() {
    }

    /** This machine's kernel release, as {@code uname -r} prints it. */
    public static String release() {
        return System.getProperty("os.version");
    }

    /** Where a distribution installs the config of {@code release} below {@code root}. */
    public static Path bootConfig(Path root, String release) {
        return root.resolve("boot").resolve("config-" + release);
    }

    /**
     * The config file of {@code release} below {@code root} ({@code /} on the build machine); a
     * {@code proc/config.gz} is unpacked into {@code scratch}.
     */
    public static Path locate(Path root, String release, Path scratch) throws BuildException {
        Path boot = bootConfig(root, release);
        if (Files.isRegularFile(boot)) {
            return boot;
        }
        Path proc = root.resolve("proc/config.gz");
        if (Files.isRegularFile(proc)) {
            Path out = scratch.resolve("config-" + release);
            try (InputStream in = new GZIPInputStream(Files.newInputStream(proc))) {
                Files.createDirectories(scratch);
                FileTrees.writeAtomically(out, in.readAllBytes());
                return out;
            } catch (IOException e) {
                throw new BuildException("Cannot unpack " + proc + " into " + out + ": " + e.getMessage(),
                        "check that " + scratch + " is writable", e);
            }
        }
        throw new BuildException("configFile is 'running', but the running kernel " + release + " has no config"
                + " here: neither " + boot + " nor " + proc + " exists.", "build on a machine whose distribution"
                        + " installs /boot/config-<release> (Debian, Ubuntu, Fedora do), load the configs module"
                        + " (modprobe configs) for /proc/config.gz, or set configFile to a path, URL or artifact");
    }
}
