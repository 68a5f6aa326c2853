package io.github.dom0build.core.stamp;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import io.github.dom0build.core.io.FileTrees;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The records a step leaves in the tree it worked on ({@code .dom0-build/<name>.json}), so that a
 * rerun can tell what is already done. Each stamp is written atomically, and written last: a tree
 * whose stamp is missing is never taken for a finished one.
 */
public final class StampStore {
    /** Directory name inside a source or build tree; git checkouts get it in {@code .git/info/exclude}. */
    public static final String DIR_NAME = ".dom0-build";

    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().serializeNulls().create();

    private final Path dir;

    private StampStore(Path dir) {
        this.dir = dir;
    }

    public static StampStore in(Path tree) {
        return new StampStore(tree.resolve(DIR_NAME));
    }

    public Path directory() {
        return dir;
    }

    public Path path(String name) {
        return dir.resolve(name + ".json");
    }

    /** The stamp, or empty when it is missing or unreadable (an unreadable stamp counts as none). */
    public Optional<JsonObject> read(String name) throws IOException {
        Path file = path(name);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            JsonElement e = GSON.fromJson(Files.readString(file, StandardCharsets.UTF_8), JsonElement.class);
            return e != null && e.isJsonObject() ? Optional.of(e.getAsJsonObject()) : Optional.empty();
        } catch (JsonParseException e) {
            return Optional.empty();
        }
    }

    public void write(String name, JsonObject stamp) throws IOException {
        FileTrees.writeAtomically(path(name), (GSON.toJson(stamp) + "\n").getBytes(StandardCharsets.UTF_8));
    }

    public void delete(String name) throws IOException {
        Files.deleteIfExists(path(name));
    }

    public static String toJson(JsonElement e) {
        return GSON.toJson(e);
    }
}
