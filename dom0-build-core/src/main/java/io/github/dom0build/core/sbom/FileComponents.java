package io.github.dom0build.core.sbom;

import io.github.dom0build.core.metadata.DistMetadata;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cyclonedx.model.Component;

/**
 * The files of the archive, one file component each, named by their path in the archive: regular
 * files with their sha256 (what a reader checks an unpacked dom0 against) and mode, links with their
 * target.
 */
final class FileComponents {
    private FileComponents() {
    }

    static List<Component> of(DistMetadata metadata) {
        List<Component> out = new ArrayList<>();
        for (DistMetadata.FileEntry f : files(metadata)) {
            String path = f.path();
            Component c = SbomComponents.of(Component.Type.FILE, "file:" + path, path, null);
            if (f.link() != null) {
                c.addProperty(SbomComponents.property("file:linkTarget", f.link()));
            } else {
                SbomComponents.sha256(c, f.sha256());
                c.addProperty(SbomComponents.property("file:mode", f.mode()));
            }
            out.add(c);
        }
        return out;
    }

    /** Path to sha256 of every regular file the metadata lists. */
    static Map<String, String> hashes(DistMetadata metadata) {
        Map<String, String> m = new LinkedHashMap<>();
        for (DistMetadata.FileEntry f : files(metadata)) {
            if (f.sha256() != null) {
                m.put(f.path(), f.sha256());
            }
        }
        return m;
    }

    private static List<DistMetadata.FileEntry> files(DistMetadata metadata) {
        return metadata.files() == null ? List.of() : metadata.files();
    }
}
