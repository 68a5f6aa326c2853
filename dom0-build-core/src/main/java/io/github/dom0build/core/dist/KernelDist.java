package io.github.dom0build.core.dist;

import io.github.dom0build.core.BuildException;
import io.github.dom0build.core.guard.DeletionRule;
import io.github.dom0build.core.kconfig.KconfigStamp;
import io.github.dom0build.core.kernel.KernelTree;
import io.github.dom0build.core.log.BuildLog;
import io.github.dom0build.core.metadata.BuildConfig;
import io.github.dom0build.core.metadata.DistMetadata;
import io.github.dom0build.core.process.ProcessRunner;
import io.github.dom0build.core.repro.ToolPackages;
import io.github.dom0build.core.repro.ToolVersions;
import io.github.dom0build.core.stamp.StampStore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The kernel's dist: stage, then archive and metadata. */
public final class KernelDist {
    private final ProcessRunner runner;
    private final BuildLog log;
    private final DeletionRule rule;

    /**
     * Where dist stages the kernel and install finds it: one place under the build directory, so that the
     * two goals cannot disagree (the build directory itself is the POM's {@code <build><directory>}).
     */
    public static Path stageIn(Path buildDirectory) {
        return buildDirectory.resolve("kernel-stage");
    }

    public KernelDist(ProcessRunner runner, BuildLog log, DeletionRule rule) {
        this.runner = runner;
        this.log = log;
        this.rule = rule;
    }

    public DistPackager.Packaged build(KernelTree tree, Path stage, KernelStager.Make make, DistRecipe recipe)
            throws BuildException {
        return build(tree, stage, make, recipe, false);
    }

    public DistPackager.Packaged build(KernelTree tree, Path stage, KernelStager.Make make, DistRecipe recipe,
            boolean stripModules) throws BuildException {
        KernelStager.Staged staged = new KernelStager(runner, log, rule).stage(tree, stage, make, stripModules);
        DistMetadata.Modules modules = staged.modules().isEmpty() ? null : new DistMetadata.Modules(
                staged.moduleDirectory(), staged.modules().size(), stripModules, List.copyOf(staged.modules()));
        String cross = tree.crossCompile() == null ? "" : tree.crossCompile().strip();
        List<String> tools = List.of(cross + "gcc", cross + "ld", "make");
        DistMetadata md = new DistMetadata(DistMetadata.SCHEMA_VERSION.toString(), DistMetadata.KERNEL,
                staged.release(), recipe.coordinates(), staged.release(), null, tree.arch().arch(),
                SourceRecord.of(tree.source()), config(tree, staged.release()), modules, null, null, null,
                ToolVersions.probe(runner, tools), ToolPackages.probe(runner, tools), recipe.makeVariables(),
                recipe.environment(), null, null);
        return new DistPackager(log).pack(staged.stage(), recipe.archive(), recipe.metadata(), recipe.timestamp(), md);
    }

    private static BuildConfig config(KernelTree tree, String release) throws BuildException {
        try {
            Optional<KconfigStamp> stamp = StampStore.in(tree.build()).read("defconfig", KconfigStamp.class);
            if (stamp.isEmpty()) {
                return BuildConfig.kernel("boot/config-" + release, null, null, null);
            }
            BuildConfig.KconfigInputs in = stamp.get().identity();
            Map<String, String> make = null;
            if (in.make() != null) {
                make = new LinkedHashMap<>(in.make());
                make.remove("O"); // where this machine built it, not what
            }
            return BuildConfig.kernel("boot/config-" + release, stamp.get().configDigest(), stamp.get().audit(),
                    new BuildConfig.KconfigInputs(in.base(), in.request(), make, in.sources(), in.baseAdjustment()));
        } catch (IOException | RuntimeException e) {
            throw new BuildException("Cannot read the defconfig record in " + tree.build() + ": " + e.getMessage(),
                    "run kernel:defconfig again", e);
        }
    }
}
