package io.github.dom0build.core.sbom;

import io.github.dom0build.core.metadata.DistMetadata;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.cyclonedx.model.Bom;
import org.cyclonedx.model.Component;
import org.cyclonedx.model.Dependency;
import org.cyclonedx.model.LifecycleChoice;
import org.cyclonedx.model.Lifecycles;
import org.cyclonedx.model.Metadata;
import org.cyclonedx.model.metadata.ToolInformation;

/**
 * The CycloneDX SBOM of a dist, made from its metadata JSON alone (so an SBOM can be made again, or
 * checked, from what the repository holds): the artifact as the BOM's subject, its source, patches,
 * toolchain and configuration, the files of the archive, and a dependency graph from the artifact to
 * what went into it. A bundle's SBOM nests each part with the part's own inputs, as the part's SBOM
 * lists them. The timestamp is the build's outputTimestamp, never the clock.
 */
public final class DistSbom {
    /** The plugin that writes the SBOM, named in its metadata.tools. */
    public record Generator(String group, String name, String version) {
    }

    private DistSbom() {
    }

    /** {@code classifier}: the archive's, as attached ({@code kernel}, {@code xen}, {@code dom0}). */
    public static Bom of(DistMetadata metadata, String classifier, Instant timestamp, Generator generator) {
        Component subject = PartComponents.artifact(metadata, classifier);
        Bom bom = new Bom();
        bom.setVersion(1);
        bom.setMetadata(metadata(subject, timestamp, generator));
        List<Component> components = new ArrayList<>();
        List<Dependency> dependencies = new ArrayList<>();
        Dependency root = new Dependency(subject.getBomRef());
        dependencies.add(root);
        if (metadata.isBundle()) {
            for (DistMetadata.Component part : metadata.components() == null ? List.<DistMetadata.Component>of()
                    : metadata.components()) {
                String label = part.label();
                DistMetadata md = part.metadata();
                Component c = PartComponents.artifact(md, label);
                List<Component> inputs = PartComponents.inputs(md, label);
                c.setComponents(inputs);
                components.add(c);
                root.addDependency(new Dependency(c.getBomRef()));
                dependencies.add(dependsOn(c.getBomRef(), inputs));
            }
        } else {
            List<Component> inputs = PartComponents.inputs(metadata, classifier);
            components.addAll(inputs);
            inputs.forEach(i -> root.addDependency(new Dependency(i.getBomRef())));
        }
        components.addAll(FileComponents.of(metadata));
        bom.setComponents(components);
        bom.setDependencies(dependencies);
        return bom;
    }

    /** Every component of the BOM, nested ones included: what the log reports. */
    public static int componentCount(Bom bom) {
        return count(bom.getComponents());
    }

    private static int count(List<Component> components) {
        return components == null ? 0 : components.stream().mapToInt(c -> 1 + count(c.getComponents())).sum();
    }

    private static Metadata metadata(Component subject, Instant timestamp, Generator generator) {
        Metadata m = new Metadata();
        m.setTimestamp(Date.from(timestamp));
        LifecycleChoice build = new LifecycleChoice();
        build.setPhase(LifecycleChoice.Phase.BUILD);
        Lifecycles lifecycles = new Lifecycles();
        lifecycles.setLifecycleChoice(List.of(build));
        m.setLifecycles(lifecycles);
        Component tool = SbomComponents.of(Component.Type.APPLICATION, null, generator.name(), generator.version());
        tool.setGroup(generator.group());
        ToolInformation tools = new ToolInformation();
        tools.setComponents(List.of(tool));
        m.setToolChoice(tools);
        m.setComponent(subject);
        return m;
    }

    private static Dependency dependsOn(String ref, List<Component> inputs) {
        Dependency d = new Dependency(ref);
        inputs.forEach(i -> d.addDependency(new Dependency(i.getBomRef())));
        return d;
    }
}
