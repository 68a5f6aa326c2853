package io.github.dom0build.core.sbom;

import io.github.dom0build.core.metadata.DistMetadata;
import io.github.dom0build.core.metadata.Sources;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cyclonedx.model.Component;

/**
 * What one dist's metadata says, as components: the artifact itself (Maven coordinates, archive hash)
 * and what went into it: the upstream source, the patches, the toolchain and the configuration. The
 * same pieces make a part's own SBOM and the part's entry in a bundle's SBOM, so the two agree.
 */
final class PartComponents {
    private PartComponents() {
    }

    /**
     * The artifact: {@code classifier} names its archive ({@code kernel}, {@code xen}, {@code dom0}). A
     * metadata file without Maven coordinates (written by hand or by another tool) gives a component
     * named by its kind, without a purl.
     */
    static Component artifact(DistMetadata metadata, String classifier) {
        String kind = metadata.kind();
        String[] gav = coordinates(metadata.project());
        Component c;
        if (gav == null) {
            c = SbomComponents.of(type(kind), classifier + ":artifact", kind != null ? kind : classifier,
                    metadata.version());
        } else {
            c = SbomComponents.of(type(kind), null, gav[1], gav[2]);
            c.setGroup(gav[0]);
            c.setPurl(Purls.maven(gav[0], gav[1], gav[2], classifier, "tar.gz"));
            c.setBomRef(c.getPurl());
        }
        c.setDescription(description(kind, metadata.version()));
        DistMetadata.Archive archive = metadata.archive();
        SbomComponents.sha256(c, archive == null ? null : archive.sha256());
        if (kind != null) {
            c.addProperty(SbomComponents.property("kind", kind));
        }
        Map<String, String> named = new LinkedHashMap<>();
        named.put("version", metadata.version());
        named.put("kernelRelease", metadata.kernelRelease());
        named.put("xenVersion", metadata.xenVersion());
        named.put("arch", metadata.arch());
        named.put("multibootImage", metadata.multibootImage());
        named.put("bootImage", metadata.bootImage());
        named.put("archive", archive == null ? null : archive.file());
        named.forEach((key, value) -> {
            if (value != null) {
                c.addProperty(SbomComponents.property(key, value));
            }
        });
        // How make ran and the reproducibility environment: what a rebuild must set to get the same bytes.
        orEmpty(metadata.makeVariables()).forEach((k, v) -> c.addProperty(SbomComponents.property("make:" + k, v)));
        orEmpty(metadata.environment()).forEach((k, v) -> c.addProperty(SbomComponents.property("env:" + k, v)));
        return c;
    }

    /** Source, patches, toolchain and configuration, with bom-refs under {@code prefix}. */
    static List<Component> inputs(DistMetadata metadata, String prefix) {
        String kind = metadata.kind();
        if ("dom0".equals(kind)) {
            return List.of(); // a bundle's inputs are its parts
        }
        // Only what the metadata records: a hand-written or foreign record may lack any of it.
        Sources sources = metadata.sources();
        List<Component> out = new ArrayList<>();
        if (sources != null && sources.source() != null) {
            String upstream = kind == null ? prefix : "linux-kernel".equals(kind) ? "linux" : kind;
            out.add(SourceComponents.source(prefix + ":source", sources.source(), upstream, metadata.version()));
        }
        if (sources != null && sources.patches() != null) {
            out.addAll(SourceComponents.patches(prefix, sources.patches()));
        }
        out.addAll(ToolchainComponents.of(prefix, orEmpty(metadata.tools()), orEmpty(metadata.toolPackages())));
        if (metadata.config() != null) {
            Map<String, String> files = FileComponents.hashes(metadata);
            out.add(ConfigComponent.of(prefix, metadata, files));
        }
        return out;
    }

    static <K, V> Map<K, V> orEmpty(Map<K, V> map) {
        return map == null ? Map.of() : map;
    }

    /** {@code groupId:artifactId:packaging:version} (MavenProject's id) as group, artifact, version; or null. */
    static String[] coordinates(String project) {
        String[] p = project == null ? new String[0] : project.split(":");
        if (p.length == 4) {
            return new String[] {p[0], p[1], p[3]};
        }
        if (p.length == 3) {
            return new String[] {p[0], p[1], p[2]};
        }
        return null;
    }

    private static Component.Type type(String kind) {
        // CycloneDX names a hypervisor a platform; the kernel and a whole dom0 are operating systems.
        return "xen".equals(kind) ? Component.Type.PLATFORM : Component.Type.OPERATING_SYSTEM;
    }

    private static String description(String kind, String version) {
        return switch (kind == null ? "" : kind) {
            case "linux-kernel" -> "Linux kernel " + version + " configured as a Xen dom0";
            case "xen" -> "Xen " + version + " hypervisor and tools";
            case "dom0" -> "Xen dom0: kernel, hypervisor and tools in one root";
            default -> kind == null ? "dom0 part" : kind + " " + version;
        };
    }
}
