package io.github.dom0build.core.install;

import io.github.dom0build.core.BuildException;
import io.github.dom0build.core.archive.TreeEntry;
import io.github.dom0build.core.archive.TreeScanner;
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
        Path journal = InstallJournal.fileFor(root, name);
        if (!Files.isRegularFile(journal)) {
            return false;
        }
        try {
            log.warn("An earlier install of " + name + " into " + root.describe() + " was interrupted; rolling it back");
            InstallJournal.load(journal).rollBack();
            return true;
        } catch (IOException | RuntimeException e) {
            throw new BuildException("Cannot roll back the interrupted install recorded in " + journal + ": " + e,
                    "restore the files it lists by hand, then delete it", e);
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
        try {
            for (TreeEntry e : TreeScanner.scan(stage)) {
                if (!include.test(e)) {
                    continue;
                }
                Path target = root.resolve(e.path());
                boolean exists = Files.exists(target, LinkOption.NOFOLLOW_LINKS);
                switch (e.kind()) {
                    case DIRECTORY -> {
                        if (!exists) {
                            changes.add(new InstallPlan.Change(e, InstallPlan.Action.CREATE_DIRECTORY));
                        } else if (!Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)
                                && !Files.isDirectory(target)) {
                            conflicts.add(target + " is a file, but the install puts a directory there");
                        } else {
                            unchanged++;
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
        InstallJournal journal = new InstallJournal(InstallJournal.fileFor(root, name));
        try {
            prepare(stage, root, plan, journal);
            prepareManifest(root, name, stage, include, journal);
        } catch (IOException | RuntimeException e) {
            rollBackQuietly(journal);
            throw new BuildException("Installing into " + root.describe() + " failed while copying: " + e.getMessage()
                    + ". Nothing was changed.", "check the free space and permissions of " + root.path(), e);
        }
        List<Path> leftovers;
        try {
            journal.save();
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

    private void prepare(Path stage, TargetRoot root, InstallPlan plan, InstallJournal journal) throws IOException {
        for (InstallPlan.Change c : plan.changes()) {
            TreeEntry e = c.entry();
            Path target = root.resolve(e.path());
            if (c.action() == InstallPlan.Action.CREATE_DIRECTORY) {
                Files.createDirectory(target);
                journal.createdDirectory(target);
                continue;
            }
            Path tmp = target.resolveSibling(target.getFileName() + NEW);
            Files.deleteIfExists(tmp);
            Path backup = c.action() == InstallPlan.Action.REPLACE ? target.resolveSibling(target.getFileName() + OLD)
                    : null;
            journal.item(new InstallJournal.Item(target, tmp, backup));
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
     * What was installed, for people (and a future uninstall) to see: written next to its place like the
     * other files and renamed with them, so a rolled-back install leaves the old manifest. The records
     * directory is created (and recorded as created) here, before the journal that lives in it.
     */
    private static void prepareManifest(TargetRoot root, String name, Path stage, Predicate<TreeEntry> include,
            InstallJournal journal) throws IOException {
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
        Path manifest = root.resolve("var/lib/dom0-build/" + name + ".manifest");
        List<Path> missing = new ArrayList<>();
        for (Path d = manifest.getParent(); d != null && !Files.exists(d, LinkOption.NOFOLLOW_LINKS); d = d.getParent()) {
            missing.add(0, d);
        }
        for (Path d : missing) {
            Files.createDirectory(d);
            journal.createdDirectory(d);
        }
        Path tmp = manifest.resolveSibling(manifest.getFileName() + NEW);
        Files.write(tmp, sb.toString().getBytes(StandardCharsets.UTF_8));
        boolean exists = Files.exists(manifest, LinkOption.NOFOLLOW_LINKS);
        journal.item(new InstallJournal.Item(manifest, tmp, exists ? manifest.resolveSibling(manifest.getFileName() + OLD)
                : null));
    }
}
