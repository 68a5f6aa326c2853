package io.github.dom0build.core.dist;

import io.github.dom0build.core.BuildException;
import io.github.dom0build.core.guard.DeletionRule;
import io.github.dom0build.core.kernel.KernelTree;
import io.github.dom0build.core.log.BuildLog;
import io.github.dom0build.core.make.MakeCommand;
import io.github.dom0build.core.process.ProcessRunner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;

/**
 * Stages a built kernel the way Debian's installkernel lays it out, so the stage looks the same on
 * every build host: {@code boot/vmlinuz-<release>}, {@code boot/System.map-<release>} and
 * {@code boot/config-<release>}, the last being what grub's 20_linux_xen reads to decide whether a
 * kernel gets Xen entries ({@code CONFIG_XEN_DOM0=y}). {@code make install} is not used for this: it
 * hands over to whatever installkernel the build host has (which decides the layout, may not copy the
 * config, and on /boot runs the host's hooks). Modules go in with {@code make modules_install}.
 */
public final class KernelStager {
    /** The staged release and where it went. */
    public record Staged(String release, Path stage, boolean modules) {
    }

    private final ProcessRunner runner;
    private final BuildLog log;
    private final DeletionRule rule;

    public KernelStager(ProcessRunner runner, BuildLog log, DeletionRule rule) {
        this.runner = runner;
        this.log = log;
        this.rule = rule;
    }

    /** How the goal runs make in the kernel tree (its jobs, environment, variables and O=, ARCH). */
    public interface Make {
        MakeCommand command(List<String> targets, Map<String, String> extraVariables) throws BuildException;
    }

    public Staged stage(KernelTree tree, Path stage, Make make) throws BuildException {
        Path image = tree.build().resolve(tree.arch().imagePath());
        Path systemMap = tree.build().resolve("System.map");
        for (Path p : List.of(image, systemMap, tree.dotConfig())) {
            if (!Files.isRegularFile(p)) {
                throw new BuildException("The kernel is not built: " + p + " is missing.",
                        "run the make goal first (kernel:make)");
            }
        }
        String release = runner.capture(make.command(List.of("kernelrelease"), Map.of()).silent().toCommand()).strip();
        if (release.isEmpty() || release.contains("\n")) {
            throw new BuildException("make kernelrelease printed '" + release + "' instead of a release.",
                    "check the build output above");
        }
        try {
            rule.recreate(stage, "stageDirectory");
            Path boot = Files.createDirectories(stage.resolve("boot"));
            Files.copy(image, boot.resolve("vmlinuz-" + release), StandardCopyOption.REPLACE_EXISTING);
            Files.copy(systemMap, boot.resolve("System.map-" + release), StandardCopyOption.REPLACE_EXISTING);
            Files.copy(tree.dotConfig(), boot.resolve("config-" + release), StandardCopyOption.REPLACE_EXISTING);
            boolean modules = Files.readAllLines(tree.dotConfig(), StandardCharsets.UTF_8).contains("CONFIG_MODULES=y");
            if (modules) {
                runner.run(make.command(List.of("modules_install"),
                        Map.of("INSTALL_MOD_PATH", stage.toAbsolutePath().toString())).toCommand());
                dropBuildLinks(stage.resolve("lib/modules").resolve(release));
            }
            if (!Files.readAllLines(tree.dotConfig(), StandardCharsets.UTF_8).contains("CONFIG_XEN_DOM0=y")) {
                log.warn("config-" + release + " lacks CONFIG_XEN_DOM0=y: grub's 20_linux_xen will not offer this"
                        + " kernel with Xen (keep the built-in xen-dom0 fragment on in kernel:defconfig)");
            }
            log.info("Staged kernel " + release + " in " + stage + (modules ? " (with modules)" : ""));
            return new Staged(release, stage, modules);
        } catch (IOException e) {
            throw new BuildException("Cannot stage the kernel into " + stage + ": " + e.getMessage(),
                    "check that the target directory is writable and the disk has room", e);
        }
    }

    // modules_install links build/ and source/ to this machine's trees: absolute paths that differ per
    // build and point nowhere on the target.
    private void dropBuildLinks(Path moduleDir) throws IOException {
        for (String name : List.of("build", "source")) {
            Path link = moduleDir.resolve(name);
            if (Files.isSymbolicLink(link) && Files.readSymbolicLink(link).isAbsolute()) {
                Files.delete(link);
                log.debug("Dropped " + link + " (points into this build machine's trees)");
            }
        }
    }
}
