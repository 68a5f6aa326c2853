package io.github.dom0build.core.dist;

import com.google.gson.JsonObject;
import io.github.dom0build.core.BuildException;
import io.github.dom0build.core.arch.Architecture;
import io.github.dom0build.core.archive.ArtifactMetadata;
import io.github.dom0build.core.configure.ConfiguredTree;
import io.github.dom0build.core.guard.DeletionRule;
import io.github.dom0build.core.log.BuildLog;
import io.github.dom0build.core.process.ProcessRunner;
import io.github.dom0build.core.repro.ToolPackages;
import io.github.dom0build.core.repro.ToolVersions;
import io.github.dom0build.core.stamp.StampStore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Xen's dist: {@code make dist} into a stage under target/, then archive and metadata. */
public final class XenDist {
    private final ProcessRunner runner;
    private final BuildLog log;
    private final DeletionRule rule;

    public XenDist(ProcessRunner runner, BuildLog log, DeletionRule rule) {
        this.runner = runner;
        this.log = log;
        this.rule = rule;
    }

    public DistPackager.Packaged build(Path source, Path distDir, List<String> targets, XenStager.Make make,
            DistRecipe recipe) throws BuildException {
        XenStager.Staged staged = new XenStager(runner, log, rule).stage(source, distDir, targets, make);
        ArtifactMetadata md = new ArtifactMetadata("xen", staged.version());
        md.put("project", recipe.coordinates());
        md.put("xenVersion", staged.version());
        md.put("sources", SourceRecord.of(source));
        JsonObject config = config(source);
        md.put("config", config);
        Architecture arch = staged.arch() != null ? staged.arch()
                : Architecture.ofXenTargetArch(recipe.makeVariables().get("XEN_TARGET_ARCH"));
        md.put("arch", (arch != null ? arch : Architecture.host()).id());
        if (staged.multibootImage() != null) {
            md.put(arch == Architecture.ARM64 ? "bootImage" : "multibootImage",
                    staged.stage().relativize(staged.multibootImage()).toString());
        }
        String cross = recipe.makeVariables().getOrDefault("CROSS_COMPILE", "");
        List<String> tools = new ArrayList<>(List.of(cross + "gcc", cross + "ld", "make"));
        if (config.has("xenstored") && String.valueOf(config.get("xenstored")).contains("oxenstored")) {
            tools.add("ocamlopt"); // oxenstored is OCaml: its compiler is part of the toolchain
        }
        md.put("tools", ToolVersions.probe(runner, tools));
        md.put("toolPackages", ToolPackages.probe(runner, tools));
        md.put("makeVariables", recipe.makeVariables());
        md.put("environment", recipe.environment());
        return new DistPackager(log).pack(staged.stage(), recipe.archive(), recipe.metadata(), recipe.timestamp(), md);
    }

    private static JsonObject config(Path source) throws BuildException {
        JsonObject c = new JsonObject();
        try {
            StampStore stamps = StampStore.in(source);
            stamps.read("configure").ifPresent(s -> c.add("configure", s.get("arguments")));
            if (ConfiguredTree.isConfigured(source)) {
                ConfiguredTree t = ConfiguredTree.read(source);
                c.addProperty("xenstored", t.xenstoredPath().orElse(null));
                c.addProperty("systemd", t.systemd());
                c.addProperty("sysconfigDir", t.configLeafDir().orElse(null));
            }
            stamps.read("xen-defconfig").ifPresent(s -> {
                c.addProperty("hypervisorConfigDigest", s.get("configDigest").getAsString());
                c.add("hypervisorAudit", s.get("audit"));
            });
        } catch (IOException e) {
            throw new BuildException("Cannot read the configure records in " + source + ": " + e.getMessage(),
                    "run xen:configure again", e);
        }
        return c;
    }
}
