package io.github.dom0build.core.dist;

import io.github.dom0build.core.BuildException;
import io.github.dom0build.core.arch.Architecture;
import io.github.dom0build.core.arch.ImageArchitecture;
import io.github.dom0build.core.guard.DeletionRule;
import io.github.dom0build.core.log.BuildLog;
import io.github.dom0build.core.make.MakeCommand;
import io.github.dom0build.core.process.ProcessRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;

/**
 * Stages Xen with its own {@code make dist} ({@code DISTDIR} under target/): the hypervisor images in
 * {@code boot/}, the tools, the systemd units and xencommons, all in {@code <distdir>/install}. It also
 * keeps the boot image {@code xen/xen}, which QEMU's {@code -kernel} needs (it refuses {@code xen.gz}), as
 * {@code usr/lib/xen/boot/xen-<version>.multiboot} (x86) or {@code xen-<version>.Image} (arm64): outside
 * {@code /boot}, where grub's 20_linux_xen would turn it into one more hypervisor entry.
 */
public final class XenStager {
    /**
     * The staged version, the stage, the boot image in it, and the architecture read from that image's
     * header (null when it is neither x86 nor arm64, as with test fixtures).
     */
    public record Staged(String version, Path stage, Path multibootImage, Architecture arch) {
    }

    /** How the goal runs make (its jobs, environment and variables) in a directory of the tree. */
    public interface Make {
        MakeCommand command(Path dir, List<String> targets, Map<String, String> extraVariables) throws BuildException;
    }

    private final ProcessRunner runner;
    private final BuildLog log;
    private final DeletionRule rule;

    public XenStager(ProcessRunner runner, BuildLog log, DeletionRule rule) {
        this.runner = runner;
        this.log = log;
        this.rule = rule;
    }

    public Staged stage(Path source, Path distDir, List<String> targets, Make make) throws BuildException {
        String version = runner.capture(make.command(source.resolve("xen"), List.of("xenversion"), Map.of()).silent()
                .toCommand()).strip();
        if (!version.matches("[0-9][0-9A-Za-z.+_-]*")) {
            throw new BuildException("make -C xen xenversion printed '" + version + "' instead of a version.",
                    "check that " + source + " is a Xen tree");
        }
        try {
            // A stage is never updated in place: files left from an earlier build would end up in the archive.
            rule.recreate(distDir, "<build><directory>/xen-dist");
            runner.run(make.command(source, targets, Map.of("DISTDIR", distDir.toAbsolutePath().toString()))
                    .toCommand());
            Path stage = XenDist.stageOf(distDir);
            if (!Files.isDirectory(stage.resolve("boot"))) {
                throw new BuildException("make " + String.join(" ", targets) + " left no hypervisor in " + stage
                        + "/boot.", "check that the targets include the hypervisor (dist or dist-xen)");
            }
            Path multiboot = source.resolve("xen/xen");
            Path kept = null;
            Architecture arch = null;
            if (Files.isRegularFile(multiboot)) {
                arch = ImageArchitecture.of(multiboot).orElse(null);
                kept = stage.resolve("usr/lib/xen/boot/" + (arch == null ? Architecture.X86_64 : arch)
                        .xenBootImageName(version));
                Files.createDirectories(kept.getParent());
                Files.copy(multiboot, kept, StandardCopyOption.REPLACE_EXISTING);
            } else {
                log.warn(multiboot + " is missing: the archive will have no image that QEMU's -kernel can boot");
            }
            log.info("Staged Xen " + version + " in " + stage);
            return new Staged(version, stage, kept, arch);
        } catch (IOException e) {
            throw new BuildException("Cannot stage Xen into " + distDir + ": " + e.getMessage(),
                    "check that the target directory is writable and the disk has room", e);
        }
    }
}
