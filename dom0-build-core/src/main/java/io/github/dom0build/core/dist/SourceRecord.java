package io.github.dom0build.core.dist;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.github.dom0build.core.BuildException;
import io.github.dom0build.core.stamp.StampStore;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Where a tree came from, as fetch and patch recorded it: the source identity (URL, ref and commit,
 * or URL and sha256) and the patches applied, each with its sha256. This is the part of the metadata
 * that answers "which sources exactly?".
 */
public final class SourceRecord {
    private SourceRecord() {
    }

    public static JsonObject of(Path tree) throws BuildException {
        try {
            StampStore stamps = StampStore.in(tree);
            JsonObject o = new JsonObject();
            o.add("source", stamps.read("fetch").orElse(new JsonObject()));
            JsonArray patches = stamps.read("patches").filter(p -> p.has("patches"))
                    .map(p -> p.getAsJsonArray("patches")).orElse(new JsonArray());
            o.add("patches", patches);
            return o;
        } catch (IOException e) {
            throw new BuildException("Cannot read the fetch and patch records of " + tree + ": " + e.getMessage(),
                    "run the fetch goal again", e);
        }
    }
}
