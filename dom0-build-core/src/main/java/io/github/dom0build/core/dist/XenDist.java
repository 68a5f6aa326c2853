package io.github.dom0build.core.dist;

import io.github.dom0build.core.BuildException;
import io.github.dom0build.core.arch.Architecture;
import io.github.dom0build.core.configure.ConfiguredTree;
import io.github.dom0build.core.configure.XenConfigurer;
import io.github.dom0build.core.guard.DeletionRule;
import io.github.dom0build.core.kconfig.KconfigStamp;
import io.github.dom0build.core.log.BuildLog;
import io.github.dom0build.core.metadata.BuildConfig;
import io.github.dom0build.core.metadata.DistMetadata;
import io.github.dom0build.core.process.ProcessRunner;
import io.github.dom0build.core.repro.ToolPackages;
import io.github.dom0build.core.repro.ToolVersions;
import io.github.dom0build.core.stamp.StampStore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Xen's dist: {@code make dist} into a stage under target/, then archive and metadata. */
public final class XenDist {
    private final ProcessRunner runner;
    private final BuildLog log;
    private final DeletionRule rule;

    /**
     * Xen's {@code DISTDIR}: one place under the build directory, so that dist and install cannot disagree
     * (the build directory itself is the POM's {@code <build><directory>}).
     */
    public static Path distDirectoryIn(Path buildDirectory) {
        return buildDirectory.resolve("xen-dist");
    }

    /** What {@code make dist} staged in {@code distDirectory}, and install installs. */
    public static Path stageOf(Path distDirectory) {
        return distDirectory.resolve("install");
    }

    public XenDist(ProcessRunner runner, BuildLog log, DeletionRule rule) {
        this.runner = runner;
        this.log = log;
        this.rule = rule;
    }

    public DistPackager.Packaged build(Path source, Path distDir, List<String> targets, XenStager.Make make,
            DistRecipe recipe) throws BuildException {
        XenStager.Staged staged = new XenStager(runner, log, rule).stage(source, distDir, targets, make);
        BuildConfig config = config(source);
        Architecture found = staged.arch() != null ? staged.arch()
                : Architecture.ofXenTargetArch(recipe.makeVariables().get("XEN_TARGET_ARCH"));
        Architecture arch = found != null ? found : Architecture.host();
        String cross = recipe.makeVariables().getOrDefault("CROSS_COMPILE", "");
        List<String> tools = new ArrayList<>(List.of(cross + "gcc", cross + "ld", "make"));
        if (config.xenstored() != null && config.xenstored().contains("oxenstored")) {
            tools.add("ocamlopt"); // oxenstored is OCaml: its compiler is part of the toolchain
        }
        // QEMU boots x86's 32-bit multiboot image, Arm's Image: each under its own name
        String image = staged.multibootImage() == null ? null
                : staged.stage().relativize(staged.multibootImage()).toString();
        boolean arm = arch == Architecture.ARM64;
        DistMetadata md = new DistMetadata(DistMetadata.SCHEMA_VERSION.toString(), DistMetadata.XEN,
                staged.version(), recipe.coordinates(), null, staged.version(), arch.id(), SourceRecord.of(source),
                config, null, arm ? null : image, arm ? image : null, null, ToolVersions.probe(runner, tools), ToolPackages.probe(runner, tools),
                recipe.makeVariables(), recipe.environment(), null, null);
        return new DistPackager(log).pack(staged.stage(), recipe.archive(), recipe.metadata(), recipe.timestamp(), md);
    }

    private static BuildConfig config(Path source) throws BuildException {
        try {
            StampStore stamps = StampStore.in(source);
            List<String> configure = stamps.read(XenConfigurer.STAMP, XenConfigurer.Stamp.class)
                    .map(XenConfigurer.Stamp::arguments).orElse(null);
            String xenstored = null;
            Boolean systemd = null;
            String sysconfigDir = null;
            if (ConfiguredTree.isConfigured(source)) {
                ConfiguredTree t = ConfiguredTree.read(source);
                xenstored = t.xenstoredPath().orElse(null);
                systemd = t.systemd();
                sysconfigDir = t.configLeafDir().orElse(null);
            }
            Optional<KconfigStamp> hypervisor = stamps.read("xen-defconfig", KconfigStamp.class);
            return new BuildConfig(null, null, null, null, configure, xenstored, systemd, sysconfigDir,
                    hypervisor.map(KconfigStamp::configDigest).orElse(null),
                    hypervisor.map(KconfigStamp::audit).orElse(null));
        } catch (IOException | RuntimeException e) {
            throw new BuildException("Cannot read the configure records in " + source + ": " + e.getMessage(),
                    "run xen:configure again", e);
        }
    }
}
