package io.github.dom0build.core.dist;

import io.github.dom0build.core.BuildException;
import io.github.dom0build.core.arch.Architecture;
import io.github.dom0build.core.archive.TreeEntry;
import io.github.dom0build.core.bootloader.HypervisorLinks;
import io.github.dom0build.core.fetch.extract.ArchiveExtractor;
import io.github.dom0build.core.fetch.extract.ExtractionLimits;
import io.github.dom0build.core.guard.DeletionRule;
import io.github.dom0build.core.install.InstallPlan;
import io.github.dom0build.core.install.RootInstaller;
import io.github.dom0build.core.install.TargetRoot;
import io.github.dom0build.core.io.FileTrees;
import io.github.dom0build.core.log.BuildLog;
import io.github.dom0build.core.metadata.DistMetadata;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;

/**
 * One dom0 from its parts: the kernel and Xen archives unpacked into one staged root (through the same
 * all-or-nothing installer as the install goals, so two parts that put different files at the same
 * path are caught, and like xen:install without the unversioned hypervisor links), then that root archived with a combined metadata file naming every part.
 */
public final class Dom0Bundle {
    /** One part: its archive, its metadata, and a label such as "kernel". */
    public record Part(String label, Path archive, DistMetadata metadata) {
    }

    private final BuildLog log;

    public Dom0Bundle(BuildLog log) {
        this.log = log;
    }

    /**
     * Recreates {@code root} (if {@code rule} lets it delete what is there) and installs every part into
     * it.
     */
    public void assemble(List<Part> parts, Path root, DeletionRule rule) throws BuildException {
        PartArchitectures.requireOne(parts);
        TargetRoot target = new TargetRoot(root.toAbsolutePath().normalize(), false);
        try {
            rule.recreate(target.path(), "bundleRoot");
            for (Part p : parts) {
                Path tmp = FileTrees.siblingTempPath(target.path(), "unpack");
                try {
                    new ArchiveExtractor(ExtractionLimits.DEFAULT, log).extractRootFileSystem(p.archive(), tmp);
                    log.info("Adding " + p.label() + " (" + p.archive().getFileName() + ") to " + target.path());
                    RootInstaller installer = new RootInstaller(log);
                    Predicate<TreeEntry> include = e -> !HypervisorLinks.isUnversionedLink(e);
                    // The root starts empty, so anything a part would replace came from an earlier part.
                    List<String> clashes = installer.plan(tmp, target, include).changes().stream()
                            .filter(c -> c.action() == InstallPlan.Action.REPLACE).map(c -> c.entry().path()).toList();
                    if (!clashes.isEmpty()) {
                        throw new BuildException("The " + p.label() + " part puts different files where an earlier part"
                                + " already put some:\n    " + String.join("\n    ", clashes),
                                "check that each part is what its classifier says; two parts must not ship the same"
                                        + " path");
                    }
                    installer.install(tmp, target, "dom0-" + p.label(), false, include);
                } finally {
                    FileTrees.deleteRecursively(tmp);
                }
            }
        } catch (IOException e) {
            throw new BuildException("Cannot assemble the dom0 root " + root + ": " + e.getMessage(),
                    "check that target/ is writable", e);
        }
    }

    /** Archives the assembled root with metadata that embeds each part's own. */
    public DistPackager.Packaged pack(Path root, List<Part> parts, String version, DistRecipe recipe)
            throws BuildException {
        List<DistMetadata.Component> components = parts.stream()
                .map(p -> new DistMetadata.Component(p.label(), p.metadata())).toList();
        DistMetadata md = new DistMetadata(DistMetadata.SCHEMA_VERSION.toString(), DistMetadata.DOM0, version,
                recipe.coordinates(), null, null, PartArchitectures.requireOne(parts).map(Architecture::id).orElse(null),
                null, null, null, null, null, components, null, null, null,
                null, null, null);
        return new DistPackager(log).pack(root, recipe.archive(), recipe.metadata(), recipe.timestamp(), md);
    }

    /** Convenience for callers that only have the timestamp and coordinates. */
    public static DistRecipe recipe(Path archive, Path metadata, Instant timestamp, String coordinates) {
        return new DistRecipe(archive, metadata, timestamp, coordinates, java.util.Map.of(), java.util.Map.of());
    }
}
