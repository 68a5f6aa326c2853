package io.github.dom0build.core.sbom;

import com.google.gson.JsonObject;
import java.util.ArrayList;
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
    static Component artifact(JsonObject metadata, String classifier) {
        String kind = Json.string(metadata, "kind");
        String[] gav = coordinates(Json.string(metadata, "project"));
        Component c;
        if (gav == null) {
            c = SbomComponents.of(type(kind), classifier + ":artifact", kind != null ? kind : classifier,
                    Json.string(metadata, "version"));
        } else {
            c = SbomComponents.of(type(kind), null, gav[1], gav[2]);
            c.setGroup(gav[0]);
            c.setPurl(Purls.maven(gav[0], gav[1], gav[2], classifier, "tar.gz"));
            c.setBomRef(c.getPurl());
        }
        c.setDescription(description(kind, Json.string(metadata, "version")));
        SbomComponents.sha256(c, Json.string(Json.object(metadata, "archive"), "sha256"));
        if (kind != null) {
            c.addProperty(SbomComponents.property("kind", kind));
        }
        for (String key : new String[] {"version", "kernelRelease", "xenVersion", "arch", "multibootImage", "bootImage"}) {
            if (Json.string(metadata, key) != null) {
                c.addProperty(SbomComponents.property(key, Json.string(metadata, key)));
            }
        }
        if (Json.string(Json.object(metadata, "archive"), "file") != null) {
            c.addProperty(SbomComponents.property("archive", Json.string(Json.object(metadata, "archive"), "file")));
        }
        // How make ran and the reproducibility environment: what a rebuild must set to get the same bytes.
        Json.object(metadata, "makeVariables").entrySet().forEach(e -> c.addProperty(SbomComponents.property(
                "make:" + e.getKey(), e.getValue().getAsString())));
        Json.object(metadata, "environment").entrySet().forEach(e -> c.addProperty(SbomComponents.property(
                "env:" + e.getKey(), e.getValue().getAsString())));
        return c;
    }

    /** Source, patches, toolchain and configuration, with bom-refs under {@code prefix}. */
    static List<Component> inputs(JsonObject metadata, String prefix) {
        String kind = Json.string(metadata, "kind");
        if ("dom0".equals(kind)) {
            return List.of(); // a bundle's inputs are its parts
        }
        // Only what the metadata records: a hand-written or foreign record may lack any of it.
        JsonObject sources = Json.object(metadata, "sources");
        List<Component> out = new ArrayList<>();
        if (sources.has("source")) {
            String upstream = kind == null ? prefix : "linux-kernel".equals(kind) ? "linux" : kind;
            out.add(SourceComponents.source(prefix + ":source", sources, upstream, Json.string(metadata, "version")));
        }
        out.addAll(SourceComponents.patches(prefix, sources));
        out.addAll(ToolchainComponents.of(prefix, Json.object(metadata, "tools"), Json.object(metadata,
                "toolPackages")));
        if (metadata.has("config")) {
            Map<String, String> files = FileComponents.hashes(metadata);
            out.add(ConfigComponent.of(prefix, metadata, files));
        }
        return out;
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
