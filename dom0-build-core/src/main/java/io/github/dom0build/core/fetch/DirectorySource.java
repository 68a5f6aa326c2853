package io.github.dom0build.core.fetch;

import com.google.gson.JsonObject;
import java.nio.file.Path;

/** A local directory, used in place (the source directory becomes a link to it) or copied. */
public record DirectorySource(Path path, boolean copy) implements SourceSpec {
    @Override
    public JsonObject identity() {
        JsonObject o = new JsonObject();
        o.addProperty("type", copy ? "directory-copy" : "directory");
        o.addProperty("path", path.toString());
        return o;
    }

    @Override
    public String describe() {
        return (copy ? "copy of directory " : "directory ") + path;
    }
}
