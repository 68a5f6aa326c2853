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

    /**
     * A digest of the named stamps as they are now ("none" for a missing one): what a later step
     * records so it can tell when an earlier one (fetch, patch) changed the tree under it.
     */
    public String digestOf(String... names) throws IOException {
        java.security.MessageDigest md = io.github.dom0build.core.io.Sha256.newDigest();
        for (String name : names) {
            Path p = path(name);
            md.update((name + "=").getBytes(StandardCharsets.UTF_8));
            md.update(Files.isRegularFile(p) ? Files.readAllBytes(p) : "none".getBytes(StandardCharsets.UTF_8));
            md.update((byte) 0);
        }
        return io.github.dom0build.core.io.Sha256.hex(md);
    }

    /**
     * Adds {@code /.dom0-build/} to a repository's {@code info/exclude}, so the records never show up in
     * {@code git status} as a local change. {@code gitDir} is the repository's (common) git directory.
     */
    public static void excludeFromGit(Path gitDir) throws IOException {
        String line = "/" + DIR_NAME + "/";
        Path exclude = gitDir.resolve("info").resolve("exclude");
        Files.createDirectories(exclude.getParent());
        String current = Files.exists(exclude) ? Files.readString(exclude, StandardCharsets.UTF_8) : "";
        if (current.lines().noneMatch(line::equals)) {
            String add = (current.isEmpty() || current.endsWith("\n") ? "" : "\n") + line + "\n";
            Files.writeString(exclude, add, StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.APPEND);
        }
    }

    public static String toJson(JsonElement e) {
        return GSON.toJson(e);
    }
}
