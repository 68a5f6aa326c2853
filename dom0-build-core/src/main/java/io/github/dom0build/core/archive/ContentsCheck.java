package io.github.dom0build.core.archive;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.github.dom0build.core.BuildException;
import io.github.dom0build.core.text.Printable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An unpacked archive compared with the file list of its metadata ({@link ArtifactMetadata#contents}):
 * every file must be listed with the same sha256 and mode, every link with the same target, and every
 * listed path must be there. Directories are not listed (an empty one in the stage is still archived),
 * so they are not compared.
 */
public final class ContentsCheck {
    private ContentsCheck() {
    }

    /** What differs, one line per path (empty: the tree is what the metadata lists). */
    public static List<String> differences(Path tree, JsonObject metadata) throws BuildException {
        Map<String, JsonObject> listed = new LinkedHashMap<>();
        JsonElement files = metadata.get("files");
        if (files == null || !files.isJsonArray()) {
            return List.of("the metadata has no list of files");
        }
        for (JsonElement e : files.getAsJsonArray()) {
            JsonObject f = e.getAsJsonObject();
            listed.put(f.get("path").getAsString(), f);
        }
        List<String> differences = new ArrayList<>();
        for (TreeEntry e : TreeScanner.scan(tree)) {
            if (e.kind() == TreeEntry.Kind.DIRECTORY) {
                continue;
            }
            String path = Printable.escape(e.path());
            JsonObject f = listed.remove(e.path());
            if (f == null) {
                differences.add(path + ": in the archive, not in its metadata");
            } else if (e.kind() == TreeEntry.Kind.SYMLINK) {
                String link = f.has("link") ? f.get("link").getAsString() : null;
                if (!e.linkTarget().equals(link)) {
                    differences.add(path + ": a link to " + Printable.escape(e.linkTarget()) + " in the archive, "
                            + (link == null ? "a file" : "a link to " + Printable.escape(link)) + " in the metadata");
                }
            } else if (!f.has("sha256")) {
                differences.add(path + ": a file in the archive, a link in the metadata");
            } else if (!e.sha256().equals(f.get("sha256").getAsString())) {
                differences.add(path + ": sha256 " + e.sha256() + " in the archive, " + f.get("sha256").getAsString()
                        + " in the metadata");
            } else if (f.has("mode") && !String.format("%04o", e.mode()).equals(f.get("mode").getAsString())) {
                differences.add(path + ": mode " + String.format("%04o", e.mode()) + " in the archive, "
                        + f.get("mode").getAsString() + " in the metadata");
            }
        }
        for (String missing : listed.keySet()) {
            differences.add(Printable.escape(missing) + ": in the metadata, missing from the archive");
        }
        return differences;
    }
}
