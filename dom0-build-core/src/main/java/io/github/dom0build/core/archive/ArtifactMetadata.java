package io.github.dom0build.core.archive;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.github.dom0build.core.BuildException;
import io.github.dom0build.core.io.FileTrees;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The record that travels with a dom0 artifact (one JSON file beside the archive): what was built
 * from what and how, in the spirit of tuxmake's build metadata. Keys are written in a fixed order and
 * hold nothing that varies between two builds of the same inputs (no durations, no host names), so the
 * metadata is as reproducible as the archive it describes.
 */
public final class ArtifactMetadata {
    public static final int FORMAT = 1;
    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().serializeNulls()
            .create();

    private final JsonObject root = new JsonObject();

    public ArtifactMetadata(String kind, String version) {
        root.addProperty("format", FORMAT);
        root.addProperty("kind", kind);
        root.addProperty("version", version);
    }

    public ArtifactMetadata put(String key, JsonElement value) {
        root.add(key, value);
        return this;
    }

    public ArtifactMetadata put(String key, String value) {
        root.addProperty(key, value);
        return this;
    }

    public ArtifactMetadata put(String key, Map<String, String> values) {
        JsonObject o = new JsonObject();
        values.forEach(o::addProperty);
        root.add(key, o);
        return this;
    }

    /** The archive's own digest and every file in it with its digest, mode and size. */
    public ArtifactMetadata contents(String archiveName, String archiveSha256, List<TreeEntry> entries) {
        JsonObject archive = new JsonObject();
        archive.addProperty("file", archiveName);
        archive.addProperty("sha256", archiveSha256);
        root.add("archive", archive);
        JsonArray files = new JsonArray();
        for (TreeEntry e : entries) {
            if (e.kind() == TreeEntry.Kind.DIRECTORY) {
                continue;
            }
            JsonObject f = new JsonObject();
            f.addProperty("path", e.path());
            if (e.kind() == TreeEntry.Kind.SYMLINK) {
                f.addProperty("link", e.linkTarget());
            } else {
                f.addProperty("sha256", e.sha256());
                f.addProperty("size", e.size());
                f.addProperty("mode", String.format("%04o", e.mode()));
            }
            files.add(f);
        }
        root.add("files", files);
        return this;
    }

    public JsonObject json() {
        return root;
    }

    public void write(Path file) throws BuildException {
        try {
            FileTrees.writeAtomically(file, (GSON.toJson(root) + "\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new BuildException("Cannot write " + file + ": " + e.getMessage(), "check that it is writable", e);
        }
    }

    public static JsonObject read(Path file) throws BuildException {
        try {
            return GSON.fromJson(java.nio.file.Files.readString(file, StandardCharsets.UTF_8), JsonObject.class);
        } catch (IOException | com.google.gson.JsonParseException e) {
            throw new BuildException("Cannot read the metadata " + file + ": " + e.getMessage(),
                    "rebuild the artifact; the file is missing or damaged", e);
        }
    }
}
