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
import java.util.LinkedHashMap;
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
    /** The staged release, where it went, and its modules as modules.order lists them (empty without). */
    public record Staged(String release, Path stage, List<String> modules) {
        public String moduleDirectory() {
            return "lib/modules/" + release;
        }
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
        return stage(tree, stage, make, false);
    }

    /** @param stripModules install the modules without debug symbols ({@code INSTALL_MOD_STRIP=1}) */
    public Staged stage(KernelTree tree, Path stage, Make make, boolean stripModules) throws BuildException {
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
            rule.recreate(stage, "<build><directory>/kernel-stage");
            Path boot = Files.createDirectories(stage.resolve("boot"));
            Files.copy(image, boot.resolve("vmlinuz-" + release), StandardCopyOption.REPLACE_EXISTING);
            Files.copy(systemMap, boot.resolve("System.map-" + release), StandardCopyOption.REPLACE_EXISTING);
            Files.copy(tree.dotConfig(), boot.resolve("config-" + release), StandardCopyOption.REPLACE_EXISTING);
            List<String> modules = List.of();
            if (Files.readAllLines(tree.dotConfig(), StandardCharsets.UTF_8).contains("CONFIG_MODULES=y")) {
                Map<String, String> vars = new LinkedHashMap<>();
                vars.put("INSTALL_MOD_PATH", stage.toAbsolutePath().toString());
                if (stripModules) {
                    vars.put("INSTALL_MOD_STRIP", "1");
                }
                runner.run(make.command(List.of("modules_install"), vars).toCommand());
                Path moduleDir = stage.resolve("lib/modules").resolve(release);
                dropBuildLinks(moduleDir);
                modules = installedModules(moduleDir);
                if (!modules.isEmpty() && !Files.isRegularFile(moduleDir.resolve("modules.dep"))) {
                    throw new BuildException("make modules_install left no " + moduleDir.resolve("modules.dep")
                            + ": depmod did not run (the kernel skips it when depmod is not installed), so modprobe"
                            + " and the initramfs tools on the machine would find no module.",
                            "install kmod (apt-get install kmod; dnf/zypper install kmod), which provides depmod");
                }
            }
            if (!Files.readAllLines(tree.dotConfig(), StandardCharsets.UTF_8).contains("CONFIG_XEN_DOM0=y")) {
                log.warn("config-" + release + " lacks CONFIG_XEN_DOM0=y: grub's 20_linux_xen will not offer this"
                        + " kernel with Xen (keep the built-in xen-dom0 fragment on in kernel:defconfig)");
            }
            log.info("Staged kernel " + release + " in " + stage + (modules.isEmpty() ? ""
                    : " with " + modules.size() + " modules" + (stripModules ? " (stripped)" : "")));
            return new Staged(release, stage, modules);
        } catch (IOException e) {
            throw new BuildException("Cannot stage the kernel into " + stage + ": " + e.getMessage(),
                    "check that the target directory is writable and the disk has room", e);
        }
    }

    private static List<String> installedModules(Path moduleDir) throws IOException {
        Path order = moduleDir.resolve("modules.order");
        if (!Files.isRegularFile(order)) {
            return List.of();
        }
        return Files.readAllLines(order, StandardCharsets.UTF_8).stream().map(String::strip).filter(l -> !l.isEmpty())
                .toList();
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
