package io.github.dom0build.core.boottest;

import io.github.dom0build.core.BuildException;
import io.github.dom0build.core.arch.Architecture;
import io.github.dom0build.core.arch.ImageArchitecture;
import io.github.dom0build.core.io.FileTrees;
import io.github.dom0build.core.log.BuildLog;
import io.github.dom0build.core.process.Command;
import io.github.dom0build.core.process.CommandFailedException;
import io.github.dom0build.core.process.ProcessRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * busybox-static for an architecture this machine cannot run, for a cross-built dom0's initramfs: the
 * distribution's package for that architecture, fetched with {@code apt-get download busybox-static:arm64}
 * (which needs {@code dpkg --add-architecture arm64}, as the multiarch {@code -dev:arm64} libraries of the
 * cross-built tools do) and unpacked with {@code dpkg-deb -x}, never installed. Kept in a cache shared by
 * every project, so the package is fetched once per machine.
 */
final class ForeignBusybox {
    private final ProcessRunner runner;
    private final BuildLog log;

    ForeignBusybox(ProcessRunner runner, BuildLog log) {
        this.runner = runner;
        this.log = log;
    }

    /** {@code given} when it is for {@code arch}; otherwise the cached (or fetched) package's busybox. */
    Path forArch(Path given, Architecture arch, Path cache) throws BuildException {
        try {
            if (Files.isRegularFile(given) && ImageArchitecture.of(given).orElse(null) == arch) {
                return given;
            }
            Path busybox = cache.resolve(arch.debianArch()).resolve("bin/busybox");
            if (Files.isRegularFile(busybox)) {
                return busybox;
            }
            Files.createDirectories(cache);
            Path work = Files.createTempDirectory(cache, "fetch-");
            try {
                String pkg = "busybox-static:" + arch.debianArch();
                log.info("Fetching " + pkg + " for the " + arch + " initramfs (" + given + " is not " + arch + ")");
                try {
                    runner.run(Command.of("apt-get", "download", pkg).workDir(work).quiet().build());
                } catch (CommandFailedException e) {
                    throw new BuildException("apt-get download " + pkg + " failed: " + e.problem(), "let apt know the"
                            + " architecture: dpkg --add-architecture " + arch.debianArch() + " && apt-get update (as"
                            + " .ci/install-deps does), or set busybox to a static " + arch + " busybox", e);
                }
                Path deb;
                try (Stream<Path> s = Files.list(work)) {
                    deb = s.filter(p -> p.getFileName().toString().endsWith(".deb")).findFirst().orElseThrow(
                            () -> new IOException("apt-get download left no .deb in " + work));
                }
                Path unpacked = work.resolve("root");
                runner.run(Command.of("dpkg-deb", "-x", deb.toString(), unpacked.toString()).quiet().build());
                Path bin = unpacked.resolve("bin/busybox");
                Optional<Architecture> got = Files.isRegularFile(bin) ? ImageArchitecture.of(bin) : Optional.empty();
                if (got.orElse(null) != arch) {
                    throw new BuildException(deb.getFileName() + " has no " + arch + " bin/busybox.",
                            "set busybox to a static " + arch + " busybox");
                }
                Path dir = busybox.getParent();
                Files.createDirectories(dir);
                Path tmp = dir.resolve("busybox.tmp");
                Files.copy(bin, tmp, StandardCopyOption.REPLACE_EXISTING);
                Files.move(tmp, busybox, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                return busybox;
            } finally {
                FileTrees.deleteRecursively(work);
            }
        } catch (IOException e) {
            throw new BuildException("Cannot get a " + arch + " busybox into " + cache + ": " + e.getMessage(),
                    "check that the cache directory is writable", e);
        }
    }

    /** {@code ~/.cache/dom0-build/packages}, beside the download and userland caches. */
    static Path defaultCache() {
        return Path.of(System.getProperty("user.home"), ".cache", "dom0-build", "packages");
    }
}
