package io.github.dom0build.core.sbom;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
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

    static List<Component> of(JsonObject metadata) {
        List<Component> out = new ArrayList<>();
        for (JsonElement e : Json.array(metadata, "files")) {
            JsonObject f = e.getAsJsonObject();
            String path = Json.string(f, "path");
            Component c = SbomComponents.of(Component.Type.FILE, "file:" + path, path, null);
            if (f.has("link")) {
                c.addProperty(SbomComponents.property("file:linkTarget", Json.string(f, "link")));
            } else {
                SbomComponents.sha256(c, Json.string(f, "sha256"));
                c.addProperty(SbomComponents.property("file:mode", Json.string(f, "mode")));
            }
            out.add(c);
        }
        return out;
    }

    /** Path to sha256 of every regular file the metadata lists. */
    static Map<String, String> hashes(JsonObject metadata) {
        Map<String, String> m = new LinkedHashMap<>();
        for (JsonElement e : Json.array(metadata, "files")) {
            JsonObject f = e.getAsJsonObject();
            if (Json.string(f, "sha256") != null) {
                m.put(Json.string(f, "path"), Json.string(f, "sha256"));
            }
        }
        return m;
    }
}
