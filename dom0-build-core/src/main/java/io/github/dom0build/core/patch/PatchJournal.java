package io.github.dom0build.core.patch;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.dom0build.core.BuildException;
import io.github.dom0build.core.io.FileTrees;
import io.github.dom0build.core.metadata.JsonDocuments;
import io.github.dom0build.core.stamp.StampStore;
import java.io.IOException;
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
        return read(directory(tree)).files().size();
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
        List<Entry> files = new ArrayList<>();
        TreeSet<String> createdDirs = new TreeSet<>(
                Comparator.comparingInt((String d) -> -d.split("/").length).thenComparing(d -> d));
        int n = 0;
        for (String path : paths) {
            Path file = tree.resolve(path);
            if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                String backup = String.format("%06d", ++n);
                Files.copy(file, backups.resolve(backup), LinkOption.NOFOLLOW_LINKS);
                Durable.sync(backups.resolve(backup));
                String permissions = null;
                Boolean executable = null;
                try {
                    permissions = PosixFilePermissions.toString(Files.getPosixFilePermissions(file,
                            LinkOption.NOFOLLOW_LINKS));
                } catch (UnsupportedOperationException e) {
                    executable = Files.isExecutable(file);
                }
                files.add(new Entry(path, true, "backup/" + backup, permissions, executable));
            } else {
                files.add(new Entry(path, false, null, null, null));
                for (Path dir = file.getParent(); !dir.equals(tree) && !Files.exists(dir, LinkOption.NOFOLLOW_LINKS);
                        dir = dir.getParent()) {
                    createdDirs.add(tree.relativize(dir).toString().replace('\\', '/'));
                }
            }
        }
        Git g = null;
        if (git != null) {
            String index = null;
            if (gitIndex != null && Files.isRegularFile(gitIndex)) {
                Files.copy(gitIndex, tmp.resolve(GIT_INDEX));
                Durable.sync(tmp.resolve(GIT_INDEX));
                index = GIT_INDEX;
            }
            g = new Git(git.ref(), git.detached(), git.head(), index);
        }
        Files.write(tmp.resolve(FILE), JsonDocuments.bytes(JsonDocuments.versioned(StampStore.SCHEMA_VERSION,
                new Journal(files, List.copyOf(createdDirs), g))));
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
        Journal journal = read(dir);
        List<Entry> entries = journal.files();
        // what the run created goes first, so that a file it replaced by a directory can come back
        for (Entry entry : entries) {
            Path file = inside(tree, entry.path());
            if (!entry.existed() && Files.exists(file, LinkOption.NOFOLLOW_LINKS)
                    && !Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS)) {
                Files.delete(file);
            }
        }
        for (String d : journal.createdDirs()) {
            Path created = inside(tree, d);
            if (Files.isDirectory(created, LinkOption.NOFOLLOW_LINKS) && FileTrees.isMissingOrEmpty(created)) {
                Files.delete(created);
            }
        }
        for (Entry entry : entries) {
            if (!entry.existed()) {
                continue;
            }
            Path file = inside(tree, entry.path());
            if (Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS)) {
                FileTrees.deleteRecursively(file);
            }
            FileTrees.writeAtomically(file, Files.readAllBytes(dir.resolve(entry.backup())));
            if (entry.permissions() != null) {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(entry.permissions()));
            } else if (entry.executable() != null) {
                file.toFile().setExecutable(entry.executable());
            }
        }
        if (journal.git() != null) {
            Git g = journal.git();
            GitWorkTree.restore(tree, new GitState(g.ref(), g.detached(), g.head()),
                    g.index() != null ? dir.resolve(g.index()) : null);
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

    /**
     * The journal; damaged, incomplete or of another major version, it is an IOException (the caller says
     * to start from fresh sources). One without schemaVersion (plugins before the versioned formats, with
     * {@code "version": 1}) has this form and is read.
     */
    private static Journal read(Path dir) throws IOException {
        Path file = dir.resolve(FILE);
        Journal j;
        try {
            JsonNode tree = JsonDocuments.tree(file);
            String version = JsonDocuments.schemaVersion(tree);
            if (version != null) {
                StampStore.SCHEMA_VERSION.requireReadable(file, "patch journal", version);
            }
            j = JsonDocuments.value(tree, Journal.class);
        } catch (BuildException e) {
            throw new IOException(e.problem() + " Fix: " + e.fix(), e);
        } catch (IOException e) {
            throw new IOException("unreadable journal " + file + ": " + e.getMessage(), e);
        }
        if (j.files() == null || j.createdDirs() == null || j.files().stream().anyMatch(e -> e == null
                || e.path() == null || (e.existed() && e.backup() == null))) {
            throw new IOException("incomplete journal " + file);
        }
        return j;
    }

    /** {@code journal.json}: the files as they were, the directories the run may create, git's HEAD and index. */
    @JsonIgnoreProperties({"version"}) // the unversioned journals' own format number
    record Journal(List<Entry> files, List<String> createdDirs, Git git) {
    }

    /** One path: whether it existed, and then its backup and permissions (or executable bit). */
    record Entry(String path, boolean existed, String backup, String permissions, Boolean executable) {
    }

    /** HEAD before the run ({@code head} null on an unborn branch) and the saved index file. */
    record Git(String ref, boolean detached, String head, String index) {
    }

    private static Path inside(Path tree, String path) throws IOException {
        Path p = tree.resolve(path).normalize();
        if (!p.startsWith(tree) || p.equals(tree)) {
            throw new IOException("the journal names " + path + ", which is not inside " + tree);
        }
        return p;
    }
}
