package io.github.dom0build.core.install;

import io.github.dom0build.core.BuildException;
import io.github.dom0build.core.archive.TreeEntry;
import io.github.dom0build.core.archive.TreeScanner;
import io.github.dom0build.core.guard.InsidePaths;
import io.github.dom0build.core.io.Sha256;
import io.github.dom0build.core.log.BuildLog;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * Installs a staged tree into a root, all or nothing. First a plan (what is created, what is replaced,
 * what already matches), checked for conflicts before anything changes; then every new file is copied
 * next to its destination under a temporary name; then, with an undo journal on disk, each is renamed
 * into place (the old file kept as a backup until the end). A failure, or a run killed half-way and
 * found by the next one, puts the root back as it was. Every change is logged; a dry run only logs.
 */
public final class RootInstaller {
    private static final String NEW = ".dom0-build-new";
    private static final String OLD = ".dom0-build-old";

    private final BuildLog log;

    public RootInstaller(BuildLog log) {
        this.log = log;
    }

    /** Rolls back an install that an earlier, killed run left half-done. True if there was one. */
    public boolean recover(TargetRoot root, String name) throws BuildException {
        Path journal = journalFile(root, name);
        removeHalfWrittenJournals(journal);
        if (!Files.isRegularFile(journal)) {
            return false;
        }
        try {
            log.warn("An earlier install of " + name + " into " + root.describe() + " was interrupted; rolling it back");
            InstallJournal.load(journal).rollBack();
            return true;
        } catch (BuildException e) {
            throw e; // a journal of another version: its own message says what to do
        } catch (IOException | RuntimeException e) {
            throw new BuildException("Cannot roll back the interrupted install recorded in " + journal + ": " + e,
                    "restore the files it lists by hand, then delete it", e);
        }
    }

    private static Path journalFile(TargetRoot root, String name) throws BuildException {
        try {
            return InstallJournal.fileFor(root, name);
        } catch (IOException e) {
            throw new BuildException("Cannot find where the install records go in " + root.describe() + ": "
                    + e.getMessage(), "replace that symbolic link in the root by a directory, or install into"
                            + " another root", e);
        }
    }

    // A run killed while saving its journal left the journal's temporary file, and had changed nothing else.
    private void removeHalfWrittenJournals(Path journal) throws BuildException {
        Path dir = journal.getParent();
        if (!Files.isDirectory(dir)) {
            return;
        }
        String prefix = "." + journal.getFileName() + ".tmp-";
        try (java.util.stream.Stream<Path> s = Files.list(dir)) {
            for (Path p : s.filter(f -> f.getFileName().toString().startsWith(prefix)).toList()) {
                log.warn("Removing " + p + ", the half-written journal of an interrupted install");
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new BuildException("Cannot clean up " + dir + ": " + e.getMessage(), "check its permissions", e);
        }
    }

    public InstallPlan plan(Path stage, TargetRoot root) throws BuildException {
        return plan(stage, root, e -> true);
    }

    /** The plan for the entries {@code include} accepts. */
    public InstallPlan plan(Path stage, TargetRoot root, Predicate<TreeEntry> include) throws BuildException {
        List<InstallPlan.Change> changes = new ArrayList<>();
        int unchanged = 0;
        List<String> conflicts = new ArrayList<>();
        java.util.Set<Path> created = new java.util.HashSet<>();
        try {
            for (TreeEntry e : TreeScanner.scan(stage)) {
                if (!include.test(e)) {
                    continue;
                }
                Path target;
                Path followed;
                try {
                    target = root.resolve(e.path());
                    followed = root.resolveFollowing(e.path());
                } catch (InsidePaths.LinkLoopException loop) {
                    conflicts.add(loop.getMessage());
                    continue;
                }
                boolean exists = Files.exists(target, LinkOption.NOFOLLOW_LINKS);
                Path parent = target.getParent();
                if (!parent.equals(root.path()) && !Files.isDirectory(parent, LinkOption.NOFOLLOW_LINKS)
                        && !created.contains(parent)) {
                    conflicts.add("/" + e.path() + " would go to " + target + ", but " + parent + " is not a directory"
                            + " in this root (symbolic links in it are read as the system booted from it reads them)");
                    continue;
                }
                switch (e.kind()) {
                    case DIRECTORY -> {
                        if (Files.isDirectory(followed, LinkOption.NOFOLLOW_LINKS)) {
                            unchanged++;
                        } else if (Files.exists(followed, LinkOption.NOFOLLOW_LINKS)) {
                            conflicts.add(target + " is a file, but the install puts a directory there");
                        } else if (!followed.equals(target)) {
                            conflicts.add(target + " is a symbolic link to " + Files.readSymbolicLink(target)
                                    + ", which in this root leads to " + followed + ": no directory there");
                        } else {
                            created.add(target);
                            changes.add(new InstallPlan.Change(e, InstallPlan.Action.CREATE_DIRECTORY));
                        }
                    }
                    case FILE, SYMLINK -> {
                        if (!exists) {
                            changes.add(new InstallPlan.Change(e, InstallPlan.Action.CREATE));
                        } else if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
                            conflicts.add(target + " is a directory, but the install puts a file there");
                        } else if (same(e, target)) {
                            unchanged++;
                        } else {
                            changes.add(new InstallPlan.Change(e, InstallPlan.Action.REPLACE));
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new BuildException("Cannot compare the stage with " + root.describe() + ": " + e.getMessage(),
                    "check that the root is readable", e);
        }
        if (!conflicts.isEmpty()) {
            throw new BuildException("Installing into " + root.describe() + " would clash with what is there:\n    "
                    + String.join("\n    ", conflicts) + "\n  Nothing was changed.",
                    "move those paths out of the way, or install into another root");
        }
        return new InstallPlan(changes, unchanged);
    }

    /** Installs {@code stage} into {@code root}; {@code name} names the journal and the manifest. */
    public InstallPlan install(Path stage, TargetRoot root, String name, boolean dryRun) throws BuildException {
        return install(stage, root, name, dryRun, e -> true);
    }

    /** Installs the entries of {@code stage} that {@code include} accepts. */
    public InstallPlan install(Path stage, TargetRoot root, String name, boolean dryRun, Predicate<TreeEntry> include)
            throws BuildException {
        if (!Files.isDirectory(stage)) {
            throw new BuildException("Nothing to install: " + stage + " does not exist.",
                    "run the dist goal first (mvn package)");
        }
        if (!dryRun) {
            recover(root, name);
            if (!root.live()) {
                try {
                    Files.createDirectories(root.path());
                } catch (IOException e) {
                    throw new BuildException("Cannot create the staged root " + root.path() + ": " + e.getMessage(),
                            "check that its parent is writable", e);
                }
            }
        }
        InstallPlan plan = plan(stage, root, include);
        String verbPrefix = dryRun ? "would " : "";
        for (InstallPlan.Change c : plan.changes()) {
            log.info("  " + verbPrefix + c.action().verb() + " " + (root.live() ? "/" : "") + c.entry().path());
        }
        log.info((dryRun ? "Dry run: " : "") + plan.changes().size() + " change(s)" + (dryRun ? " would be made" : "")
                + " in " + root.describe() + ", " + plan.unchanged() + " path(s) already up to date");
        if (dryRun || plan.isEmpty()) {
            return plan;
        }
        InstallJournal journal = new InstallJournal(journalFile(root, name));
        try {
            // Everything the install will create is in the journal before the first of it exists, so a
            // run killed at any point (even while copying) is rolled back by the next one.
            List<String> createdDirectories = new ArrayList<>();
            Path manifestFile = createRecordsDirectory(root, name, journal, createdDirectories);
            byte[] manifest = manifest(stage, include, root, plan, createdDirectories, manifestFile);
            record(root, plan, journal);
            recordManifest(manifestFile, journal);
            journal.save();
            prepare(stage, root, plan);
            Files.write(manifestFile.resolveSibling(manifestFile.getFileName() + NEW), manifest);
        } catch (IOException | RuntimeException e) {
            rollBackQuietly(journal);
            throw new BuildException("Installing into " + root.describe() + " failed while copying: " + e.getMessage()
                    + ". Nothing was changed.", "check the free space and permissions of " + root.path(), e);
        }
        List<Path> leftovers;
        try {
            for (InstallJournal.Item i : journal.items()) {
                if (i.backup() != null) {
                    Files.move(i.target(), i.backup(), StandardCopyOption.ATOMIC_MOVE);
                }
                Files.move(i.temporary(), i.target(), StandardCopyOption.ATOMIC_MOVE);
            }
            leftovers = journal.commit();
        } catch (IOException | RuntimeException e) {
            rollBackQuietly(journal);
            throw new BuildException("Installing into " + root.describe() + " failed: " + e.getMessage()
                    + ". Everything was put back as it was.", "check the free space and permissions of "
                            + root.path(), e);
        }
        for (Path p : leftovers) {
            log.warn("Installed, but could not remove the backup " + p + "; delete it by hand");
        }
        return plan;
    }

    /** The temporary and backup names of every change, and the directories to create, in plan order. */
    private static void record(TargetRoot root, InstallPlan plan, InstallJournal journal) throws IOException {
        for (InstallPlan.Change c : plan.changes()) {
            Path target = root.resolve(c.entry().path());
            if (c.action() == InstallPlan.Action.CREATE_DIRECTORY) {
                journal.createdDirectory(target);
                continue;
            }
            Path backup = c.action() == InstallPlan.Action.REPLACE ? target.resolveSibling(target.getFileName() + OLD)
                    : null;
            journal.item(new InstallJournal.Item(target, target.resolveSibling(target.getFileName() + NEW), backup));
        }
    }

    private static void prepare(Path stage, TargetRoot root, InstallPlan plan) throws IOException {
        for (InstallPlan.Change c : plan.changes()) {
            TreeEntry e = c.entry();
            Path target = root.resolve(e.path());
            if (c.action() == InstallPlan.Action.CREATE_DIRECTORY) {
                if (!Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) { // the records directory may be one
                    Files.createDirectory(target);
                }
                continue;
            }
            Path tmp = target.resolveSibling(target.getFileName() + NEW);
            Files.deleteIfExists(tmp);
            if (e.kind() == TreeEntry.Kind.SYMLINK) {
                Files.createSymbolicLink(tmp, Path.of(e.linkTarget()));
            } else {
                Files.copy(stage.resolve(e.path()), tmp, StandardCopyOption.COPY_ATTRIBUTES);
                Files.setPosixFilePermissions(tmp,
                        PosixFilePermissions.fromString(e.mode() == 0755 ? "rwxr-xr-x" : "rw-r--r--"));
            }
        }
    }

    private void rollBackQuietly(InstallJournal journal) {
        try {
            journal.rollBack();
        } catch (IOException e) {
            log.error("Could not roll everything back: " + e);
        }
    }

    private static boolean same(TreeEntry e, Path target) throws IOException {
        if (e.kind() == TreeEntry.Kind.SYMLINK) {
            return Files.isSymbolicLink(target) && Files.readSymbolicLink(target).toString().equals(e.linkTarget());
        }
        return !Files.isSymbolicLink(target) && Files.size(target) == e.size()
                && Objects.equals(Sha256.of(target), e.sha256()) && Files.isExecutable(target) == (e.mode() == 0755);
    }

    /**
     * What was installed, for people and for uninstall: digest or link target, and path, of every file;
     * and {@code dir} lines for the directories this install (or an earlier one of the same name) created,
     * which uninstall removes when they are empty again.
     */
    private static byte[] manifest(Path stage, Predicate<TreeEntry> include, TargetRoot root, InstallPlan plan,
            List<String> createdDirectories, Path manifestFile) throws IOException {
        StringBuilder sb = new StringBuilder();
        try {
            for (TreeEntry e : TreeScanner.scan(stage)) {
                if (e.kind() != TreeEntry.Kind.DIRECTORY && include.test(e)) {
                    sb.append(e.kind() == TreeEntry.Kind.FILE ? e.sha256() : "link -> " + e.linkTarget()).append("  /")
                            .append(e.path()).append('\n');
                }
            }
        } catch (BuildException ex) {
            throw new IOException(ex.getMessage(), ex);
        }
        java.util.TreeSet<String> dirs = new java.util.TreeSet<>(createdDirectories);
        for (InstallPlan.Change c : plan.changes()) {
            if (c.action() == InstallPlan.Action.CREATE_DIRECTORY) {
                dirs.add("/" + c.entry().path());
            }
        }
        if (Files.isRegularFile(manifestFile, LinkOption.NOFOLLOW_LINKS)) {
            for (InstallManifest.Line l : InstallManifest.parse(Files.readString(manifestFile, StandardCharsets.UTF_8))) {
                if (l.directory() && Files.isDirectory(root.resolve(l.path().substring(1)), LinkOption.NOFOLLOW_LINKS)) {
                    dirs.add(l.path());
                }
            }
        }
        dirs.forEach(d -> sb.append("dir  ").append(d).append('\n'));
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Creates the records directory, where the journal and the manifest live, recording every directory
     * it had to create; returns where the manifest goes.
     */
    private static Path createRecordsDirectory(TargetRoot root, String name, InstallJournal journal,
            List<String> created) throws IOException {
        Path manifest = InstallManifest.fileFor(root, name);
        List<Path> missing = new ArrayList<>();
        for (Path d = manifest.getParent(); d != null && !Files.exists(d, LinkOption.NOFOLLOW_LINKS); d = d.getParent()) {
            missing.add(0, d);
        }
        for (Path d : missing) {
            Files.createDirectory(d);
            journal.createdDirectory(d);
            created.add("/" + root.path().relativize(d));
        }
        return manifest;
    }

    /**
     * The manifest is installed like the other files, last: written beside its place and renamed with
     * them, so a rolled-back install leaves the old manifest, and a manifest is never there for an
     * install that did not complete.
     */
    private static void recordManifest(Path manifest, InstallJournal journal) {
        boolean exists = Files.exists(manifest, LinkOption.NOFOLLOW_LINKS);
        journal.item(new InstallJournal.Item(manifest, manifest.resolveSibling(manifest.getFileName() + NEW),
                exists ? manifest.resolveSibling(manifest.getFileName() + OLD) : null));
    }
}
