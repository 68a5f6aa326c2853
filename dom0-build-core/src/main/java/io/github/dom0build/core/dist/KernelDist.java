package io.github.dom0build.core.dist;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.github.dom0build.core.BuildException;
import io.github.dom0build.core.archive.ArtifactMetadata;
import io.github.dom0build.core.guard.DeletionRule;
import io.github.dom0build.core.kernel.KernelTree;
import io.github.dom0build.core.log.BuildLog;
import io.github.dom0build.core.process.ProcessRunner;
import io.github.dom0build.core.repro.ToolPackages;
import io.github.dom0build.core.repro.ToolVersions;
import io.github.dom0build.core.stamp.StampStore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** The kernel's dist: stage, then archive and metadata. */
public final class KernelDist {
    private final ProcessRunner runner;
    private final BuildLog log;
    private final DeletionRule rule;

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
        ArtifactMetadata md = new ArtifactMetadata("linux-kernel", staged.release());
        md.put("project", recipe.coordinates());
        md.put("kernelRelease", staged.release());
        md.put("arch", tree.arch().arch());
        md.put("sources", SourceRecord.of(tree.source()));
        md.put("config", config(tree, staged.release()));
        if (!staged.modules().isEmpty()) {
            JsonObject modules = new JsonObject();
            modules.addProperty("directory", staged.moduleDirectory());
            modules.addProperty("count", staged.modules().size());
            modules.addProperty("stripped", stripModules);
            JsonArray order = new JsonArray();
            staged.modules().forEach(order::add);
            modules.add("order", order);
            md.put("modules", modules);
        }
        String cross = tree.crossCompile() == null ? "" : tree.crossCompile().strip();
        List<String> tools = List.of(cross + "gcc", cross + "ld", "make");
        md.put("tools", ToolVersions.probe(runner, tools));
        md.put("toolPackages", ToolPackages.probe(runner, tools));
        md.put("makeVariables", recipe.makeVariables());
        md.put("environment", recipe.environment());
        return new DistPackager(log).pack(staged.stage(), recipe.archive(), recipe.metadata(), recipe.timestamp(), md);
    }

    private static JsonObject config(KernelTree tree, String release) throws BuildException {
        JsonObject c = new JsonObject();
        c.addProperty("file", "boot/config-" + release);
        try {
            StampStore.in(tree.build()).read("defconfig").ifPresent(s -> {
                c.addProperty("digest", s.get("configDigest").getAsString());
                c.add("audit", s.get("audit"));
                JsonObject inputs = s.getAsJsonObject("identity").deepCopy();
                if (inputs.has("make")) {
                    inputs.getAsJsonObject("make").remove("O"); // where this machine built it, not what
                }
                c.add("inputs", inputs);
            });
        } catch (IOException e) {
            throw new BuildException("Cannot read the defconfig record in " + tree.build() + ": " + e.getMessage(),
                    "run kernel:defconfig again", e);
        }
        return c;
    }
}
