package io.github.dom0build.core.install;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.dom0build.core.io.FileTrees;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The undo list of an install in progress, in {@code <root>/var/lib/dom0-build/}: directories it
 * created and, per file, the new file's temporary name and the old file's backup. It is written
 * before the first rename and removed after the last, so a run killed in between is rolled back by
 * the next one instead of leaving a half-installed /boot. grub-update's settings
 * ({@code GrubSettings}) journal their edit of grub's files the same way, so {@link RootInstaller#recover}
 * rolls either back.
 */
public final class InstallJournal {
    /** One file: where it goes, its staged temporary, and the backup of what it replaces (or null). */
    public record Item(Path target, Path temporary, Path backup) {
    }

    private final Path file;
    private final List<Path> createdDirectories = new ArrayList<>();
    private final List<Item> items = new ArrayList<>();

    public InstallJournal(Path file) {
        this.file = file;
    }

    public static Path fileFor(TargetRoot root, String name) throws IOException {
        return root.resolve("var/lib/dom0-build/" + name + ".install-journal.json");
    }

    public void createdDirectory(Path dir) {
        createdDirectories.add(dir);
    }

    public void item(Item item) {
        items.add(item);
    }

    List<Item> items() {
        return items;
    }

    public void save() throws IOException {
        JsonObject o = new JsonObject();
        JsonArray dirs = new JsonArray();
        createdDirectories.forEach(d -> dirs.add(d.toString()));
        o.add("createdDirectories", dirs);
        JsonArray files = new JsonArray();
        for (Item i : items) {
            JsonObject f = new JsonObject();
            f.addProperty("target", i.target().toString());
            f.addProperty("temporary", i.temporary().toString());
            f.addProperty("backup", i.backup() == null ? null : i.backup().toString());
            files.add(f);
        }
        o.add("files", files);
        FileTrees.writeAtomically(file, o.toString().getBytes(StandardCharsets.UTF_8));
    }

    static InstallJournal load(Path file) throws IOException {
        JsonObject o = JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8)).getAsJsonObject();
        InstallJournal j = new InstallJournal(file);
        o.getAsJsonArray("createdDirectories").forEach(d -> j.createdDirectory(Path.of(d.getAsString())));
        o.getAsJsonArray("files").forEach(e -> {
            JsonObject f = e.getAsJsonObject();
            j.item(new Item(Path.of(f.get("target").getAsString()), Path.of(f.get("temporary").getAsString()),
                    f.get("backup").isJsonNull() ? null : Path.of(f.get("backup").getAsString())));
        });
        return j;
    }

    /**
     * Puts everything back: new files and temporaries removed, backups renamed back, created directories
     * removed (deepest first). Safe to run twice.
     */
    public void rollBack() throws IOException {
        for (Item i : items) {
            Files.deleteIfExists(i.temporary());
            if (i.backup() != null && Files.exists(i.backup(), java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                Files.move(i.backup(), i.target(), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            } else if (i.backup() == null) {
                Files.deleteIfExists(i.target());
            }
        }
        // The journal goes before the directories: it lives in one of them.
        Files.deleteIfExists(file);
        List<Path> dirs = new ArrayList<>(createdDirectories);
        dirs.sort((a, b) -> Integer.compare(b.getNameCount(), a.getNameCount()));
        for (Path d : dirs) {
            try {
                Files.deleteIfExists(d);
            } catch (java.nio.file.DirectoryNotEmptyException e) {
                // something else put a file there meanwhile; leave the directory
            }
        }
    }

    /**
     * Ends the install: the journal goes first, then the backups. Deleting a backup first would let a run
     * killed (or failing) in between be "rolled back" half-way, with that backup gone for good. A backup
     * that cannot be removed is left behind and returned, so the caller can say so.
     */
    public List<Path> commit() throws IOException {
        Files.deleteIfExists(file);
        List<Path> leftovers = new ArrayList<>();
        for (Item i : items) {
            if (i.backup() != null) {
                try {
                    Files.deleteIfExists(i.backup());
                } catch (IOException e) {
                    leftovers.add(i.backup());
                }
            }
        }
        return leftovers;
    }
}
