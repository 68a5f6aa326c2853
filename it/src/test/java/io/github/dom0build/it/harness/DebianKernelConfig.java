package io.github.dom0build.it.harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Debian's own configuration of one of its kernels, fetched at test time from the package registry the
 * machine's apt knows: the {@code linux-headers-<abi>-<flavour>} package ships the exact {@code .config}
 * that {@code /boot/config-<abi>-<flavour>} has on an installed system, in 1.7 MB instead of the
 * image's 70.
 */
public final class DebianKernelConfig {
    private static final Pattern DEPENDS = Pattern.compile("(?m)^Depends:.*?(linux-headers-[0-9][^ ,]*)");

    private static final Duration TIMEOUT = Duration.ofMinutes(5);

    private DebianKernelConfig() {
    }

    /** The config of Debian's {@code flavour} kernel at source version {@code version}, unpacked under {@code work}. */
    public static Path fetch(String version, String flavour, Path work) throws IOException, InterruptedException {
        Files.createDirectories(work);
        String show = Commands.run(work, TIMEOUT, "apt-cache", "show", "linux-headers-" + flavour + "=" + version);
        Matcher m = DEPENDS.matcher(show);
        if (!m.find()) {
            throw new IOException("apt-cache show linux-headers-" + flavour + "=" + version + " names no headers"
                    + " package:\n" + show);
        }
        String pkg = m.group(1);
        Commands.run(work, TIMEOUT, "apt-get", "download", "-o", "APT::Sandbox::User=root", pkg + "=" + version);
        Path deb;
        try (Stream<Path> s = Files.list(work)) {
            deb = s.filter(p -> p.getFileName().toString().startsWith(pkg + "_")).findFirst()
                    .orElseThrow(() -> new IOException("apt-get download left no " + pkg + " in " + work));
        }
        Path x = work.resolve("x");
        Commands.run(work, TIMEOUT, "dpkg-deb", "-x", deb.toString(), x.toString());
        Path config = x.resolve("usr/src/" + pkg + "/.config");
        if (!Files.isRegularFile(config)) {
            throw new IOException(pkg + " has no usr/src/" + pkg + "/.config");
        }
        Path named = work.resolve("config-" + pkg.substring("linux-headers-".length()));
        Files.copy(config, named);
        return named;
    }
}
