package io.github.dom0build.core.stamp;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.dom0build.core.BuildException;
import io.github.dom0build.core.metadata.JsonDocuments;
import io.github.dom0build.core.metadata.SchemaVersion;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The records a step leaves in the tree it worked on ({@code .dom0-build/<name>.json}), so that a
 * rerun can tell what is already done. Each stamp is written atomically, and written last: a tree
 * whose stamp is missing is never taken for a finished one.
 *
 * <p>Every stamp starts with {@code "schemaVersion"}. A stamp without one has the same form (plugins
 * before the versioned formats wrote it) and is read; a stamp of another major is refused with an
 * IOException that names it and what to do, which each step reports with its own context: guessing at
 * what a newer plugin recorded (which patches a tree carries) could do harm.
 */
public final class StampStore {
    /** Directory name inside a source or build tree; git checkouts get it in {@code .git/info/exclude}. */
    public static final String DIR_NAME = ".dom0-build";
    /** The version of the stamps this code writes. */
    public static final SchemaVersion SCHEMA_VERSION = new SchemaVersion(1, 0);

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

    /**
     * The stamp as a record, or empty when it is missing or unreadable (an unreadable stamp counts as
     * none); an IOException when it is of another major version.
     */
    public <T> Optional<T> read(String name, Class<T> type) throws IOException {
        Optional<JsonNode> tree = tree(name);
        if (tree.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(JsonDocuments.value(tree.get(), type));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Writes {@code stamp} (a record) with this code's schemaVersion first. */
    public void write(String name, Object stamp) throws IOException {
        JsonDocuments.write(path(name), JsonDocuments.versioned(SCHEMA_VERSION, stamp));
    }

    private Optional<JsonNode> tree(String name) throws IOException {
        Path file = path(name);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        JsonNode tree;
        try {
            tree = JsonDocuments.tree(Files.readString(file, StandardCharsets.UTF_8), file.toString());
        } catch (IOException e) {
            return Optional.empty();
        }
        String version = JsonDocuments.schemaVersion(tree);
        if (version != null) {
            try {
                SCHEMA_VERSION.requireReadable(file, "record", version);
            } catch (BuildException e) {
                throw new IOException(e.problem() + " Fix: " + e.fix() + ", or start from a fresh tree", e);
            }
        }
        return Optional.of(tree);
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
}
