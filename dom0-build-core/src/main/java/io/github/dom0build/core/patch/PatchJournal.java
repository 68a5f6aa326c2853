package io.github.dom0build.core.patch;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import io.github.dom0build.core.io.FileTrees;
import io.github.dom0build.core.stamp.StampStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The undo record of phase 2 ({@code .dom0-build/patch-journal/}): a backup of every file about to be
 * written or deleted, the files and directories about to be created, and in git trees the index and the
 * commit HEAD pointed to. It is assembled in a temporary directory, fsync'd, and renamed into place
 * before the first write; it is removed, again by a rename first, once the stamp is written. So a journal
 * on disk always means: a run stopped half way, and rolling back restores the tree as it was.
 */
final class PatchJournal {
    static final String DIR_NAME = "patch-journal";
    private static final String FILE = "journal.json";
    private static final String GIT_INDEX = "git-index";

    /** Where HEAD pointed: the branch (or HEAD itself when detached) and the commit. */
    record GitState(String ref, boolean detached, String head) {
    }

    private PatchJournal() {
    }

    static Path directory(Path tree) {
        return StampStore.in(tree).directory().resolve(DIR_NAME);
    }

    static boolean exists(Path tree) {
        return Files.isDirectory(directory(tree), LinkOption.NOFOLLOW_LINKS);
    }

    /** How many files the journal would restore. */
    static int size(Path tree) throws IOException {
        return read(directory(tree)).getAsJsonArray("files").size();
    }

    /**
     * Records the current state of {@code paths} (tree paths) and, when {@code git} is given, of HEAD and
     * the index, durably, before anything of it changes.
     */
    static void write(Path tree, Collection<String> paths, GitState git, Path gitIndex) throws IOException {
        Path store = StampStore.in(tree).directory();
        Files.createDirectories(store);
        removeLeftovers(tree);
        Path tmp = store.resolve(DIR_NAME + ".tmp-" + UUID.randomUUID());
        Path backups = Files.createDirectories(tmp.resolve("backup"));
        JsonArray files = new JsonArray();
        TreeSet<String> createdDirs = new TreeSet<>(
                Comparator.comparingInt((String d) -> -d.split("/").length).thenComparing(d -> d));
        int n = 0;
        for (String path : paths) {
            Path file = tree.resolve(path);
            JsonObject entry = new JsonObject();
            entry.addProperty("path", path);
            if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                String backup = String.format("%06d", ++n);
                Files.copy(file, backups.resolve(backup), LinkOption.NOFOLLOW_LINKS);
                Durable.sync(backups.resolve(backup));
                entry.addProperty("existed", true);
                entry.addProperty("backup", "backup/" + backup);
                try {
                    entry.addProperty("permissions", PosixFilePermissions.toString(
                            Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS)));
                } catch (UnsupportedOperationException e) {
                    entry.addProperty("executable", Files.isExecutable(file));
                }
            } else {
                entry.addProperty("existed", false);
                for (Path dir = file.getParent(); !dir.equals(tree) && !Files.exists(dir, LinkOption.NOFOLLOW_LINKS);
                        dir = dir.getParent()) {
                    createdDirs.add(tree.relativize(dir).toString().replace('\\', '/'));
                }
            }
            files.add(entry);
        }
        JsonObject journal = new JsonObject();
        journal.addProperty("version", 1);
        journal.add("files", files);
        JsonArray dirs = new JsonArray();
        createdDirs.forEach(dirs::add);
        journal.add("createdDirs", dirs);
        if (git != null) {
            JsonObject g = new JsonObject();
            g.addProperty("ref", git.ref());
            g.addProperty("detached", git.detached());
            g.addProperty("head", git.head());
            if (gitIndex != null && Files.isRegularFile(gitIndex)) {
                Files.copy(gitIndex, tmp.resolve(GIT_INDEX));
                Durable.sync(tmp.resolve(GIT_INDEX));
                g.addProperty("index", GIT_INDEX);
            }
            journal.add("git", g);
        }
        Files.writeString(tmp.resolve(FILE), StampStore.toJson(journal) + "\n", StandardCharsets.UTF_8);
        Durable.sync(tmp.resolve(FILE));
        Durable.syncDirectory(backups);
        Durable.syncDirectory(tmp);
        FileTrees.atomicRename(tmp, directory(tree));
        Durable.syncDirectory(store);
    }

    /**
     * Puts back everything the journal recorded and removes it. Safe to repeat: a crash during a roll-back
     * leaves the journal for the next one.
     */
    static void rollBack(Path tree) throws IOException {
        Path dir = directory(tree);
        JsonObject journal = read(dir);
        List<JsonObject> entries = new ArrayList<>();
        journal.getAsJsonArray("files").forEach(e -> entries.add(e.getAsJsonObject()));
        // what the run created goes first, so that a file it replaced by a directory can come back
        for (JsonObject entry : entries) {
            Path file = inside(tree, entry.get("path").getAsString());
            if (!entry.get("existed").getAsBoolean() && Files.exists(file, LinkOption.NOFOLLOW_LINKS)
                    && !Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS)) {
                Files.delete(file);
            }
        }
        for (JsonElement e : journal.getAsJsonArray("createdDirs")) {
            Path created = inside(tree, e.getAsString());
            if (Files.isDirectory(created, LinkOption.NOFOLLOW_LINKS) && FileTrees.isMissingOrEmpty(created)) {
                Files.delete(created);
            }
        }
        for (JsonObject entry : entries) {
            if (!entry.get("existed").getAsBoolean()) {
                continue;
            }
            Path file = inside(tree, entry.get("path").getAsString());
            if (Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS)) {
                FileTrees.deleteRecursively(file);
            }
            FileTrees.writeAtomically(file, Files.readAllBytes(dir.resolve(entry.get("backup").getAsString())));
            if (entry.has("permissions")) {
                Files.setPosixFilePermissions(file,
                        PosixFilePermissions.fromString(entry.get("permissions").getAsString()));
            } else if (entry.has("executable")) {
                file.toFile().setExecutable(entry.get("executable").getAsBoolean());
            }
        }
        if (journal.has("git")) {
            JsonObject g = journal.getAsJsonObject("git");
            GitState state = new GitState(g.get("ref").getAsString(), g.get("detached").getAsBoolean(),
                    g.has("head") && !g.get("head").isJsonNull() ? g.get("head").getAsString() : null);
            GitWorkTree.restore(tree, state, g.has("index") ? dir.resolve(g.get("index").getAsString()) : null);
        }
        discard(tree);
    }

    /** Removes the journal once the run is complete (renamed away first, so it is never seen half deleted). */
    static void discard(Path tree) throws IOException {
        Path dir = directory(tree);
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Path store = dir.getParent();
        Path gone = store.resolve(DIR_NAME + ".done-" + UUID.randomUUID());
        FileTrees.atomicRename(dir, gone);
        Durable.syncDirectory(store);
        FileTrees.deleteRecursively(gone);
    }

    /** Half-written or half-deleted journals: neither means anything was written to the tree. */
    static void removeLeftovers(Path tree) throws IOException {
        Path store = StampStore.in(tree).directory();
        if (!Files.isDirectory(store)) {
            return;
        }
        List<Path> leftovers = new ArrayList<>();
        try (Stream<Path> s = Files.list(store)) {
            s.filter(p -> p.getFileName().toString().startsWith(DIR_NAME + ".")).forEach(leftovers::add);
        }
        for (Path p : leftovers) {
            FileTrees.deleteRecursively(p);
        }
    }

    private static JsonObject read(Path dir) throws IOException {
        try {
            JsonObject j = JsonParser.parseString(Files.readString(dir.resolve(FILE), StandardCharsets.UTF_8))
                    .getAsJsonObject();
            if (!j.has("files") || !j.has("createdDirs")) {
                throw new IOException("incomplete journal " + dir.resolve(FILE));
            }
            return j;
        } catch (JsonParseException | IllegalStateException e) {
            throw new IOException("unreadable journal " + dir.resolve(FILE) + ": " + e.getMessage(), e);
        }
    }

    private static Path inside(Path tree, String path) throws IOException {
        Path p = tree.resolve(path).normalize();
        if (!p.startsWith(tree) || p.equals(tree)) {
            throw new IOException("the journal names " + path + ", which is not inside " + tree);
        }
        return p;
    }
}
