package io.github.dom0build.core.install;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.dom0build.core.BuildException;
import io.github.dom0build.core.metadata.JsonDocuments;
import io.github.dom0build.core.metadata.SchemaVersion;
import java.io.IOException;
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
    static final SchemaVersion SCHEMA_VERSION = new SchemaVersion(1, 0);
    static final String DOCUMENT = "install journal";

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
        JsonDocuments.write(file, new Document(SCHEMA_VERSION.toString(),
                createdDirectories.stream().map(Path::toString).toList(),
                items.stream().map(i -> new Document.Entry(i.target().toString(), i.temporary().toString(),
                        i.backup() == null ? null : i.backup().toString())).toList()));
    }

    /**
     * The journal a run left. A damaged one is an IOException; one of another major version is refused,
     * since rolling back from a misread journal would do more harm than leaving it. A journal without a
     * version has this form too (plugins before the versioned formats wrote it), and is read.
     */
    static InstallJournal load(Path file) throws IOException, BuildException {
        JsonNode tree = JsonDocuments.tree(file);
        String version = JsonDocuments.schemaVersion(tree);
        if (version != null) {
            SCHEMA_VERSION.requireReadable(file, DOCUMENT, version);
        }
        Document d = JsonDocuments.value(tree, Document.class);
        if (d.createdDirectories() == null || d.files() == null) {
            throw new IOException(file + " lacks createdDirectories or files");
        }
        InstallJournal j = new InstallJournal(file);
        d.createdDirectories().forEach(dir -> j.createdDirectory(Path.of(dir)));
        for (Document.Entry e : d.files()) {
            if (e.target() == null || e.temporary() == null) {
                throw new IOException(file + " has an entry without target or temporary");
            }
            j.item(new Item(Path.of(e.target()), Path.of(e.temporary()), e.backup() == null ? null
                    : Path.of(e.backup())));
        }
        return j;
    }

    /** The journal's file form. */
    record Document(String schemaVersion, List<String> createdDirectories, List<Entry> files) {
        /** {@code backup} is null where the install created the file. */
        @JsonInclude(JsonInclude.Include.ALWAYS)
        record Entry(String target, String temporary, String backup) {
        }
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
