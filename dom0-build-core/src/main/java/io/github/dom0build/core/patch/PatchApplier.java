package io.github.dom0build.core.patch;

import io.github.dom0build.core.BuildException;
import io.github.dom0build.core.log.BuildLog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.jgit.lib.ObjectId;

/**
 * Applies a patch series to a source tree, all or nothing.
 *
 * <p>Phase 1 applies the whole series in memory, over an overlay of the tree; any failure is reported
 * before a single file changes. Phase 2 first saves a journal (backups of every file to be touched, and in
 * git trees the index and HEAD), then writes the files, makes the commits reachable, writes the
 * {@code patches} stamp and drops the journal. A run killed half way leaves the journal, and the next
 * {@link #apply} or {@link #recover} rolls the tree back before doing anything else.
 *
 * <p>The stamp makes reruns cheap and safe: the same series is not applied again, a series that extends
 * the applied one gets only its new patches, and any other series is refused, since patches are never
 * un-applied.
 */
public final class PatchApplier {
    private final BuildLog log;
    private final TreeWriter.Progress progress;

    public PatchApplier(BuildLog log) {
        this(log, TreeWriter.Progress.NONE);
    }

    /** With a probe told of every step of phase 2: tests use it to stop a run half way. */
    PatchApplier(BuildLog log, TreeWriter.Progress progress) {
        this.log = Objects.requireNonNull(log, "log");
        this.progress = Objects.requireNonNull(progress, "progress");
    }

    public PatchResult apply(Path tree, PatchSeries series, PatchOptions options) throws BuildException {
        Path root = tree.toAbsolutePath().normalize();
        if (!Files.isDirectory(root)) {
            throw new BuildException("The source tree " + root + " does not exist, so " + series
                    + " cannot be applied to it.",
                    "run the fetch goal first, or check the configured source directory");
        }
        recover(root);
        try (GitWorkTree git = GitWorkTree.openIfPresent(root)) {
            List<PatchFile> todo = series.patches();
            List<PatchStamp.Entry> kept = List.of();
            Optional<PatchStamp> stamp = PatchStamp.read(root);
            if (stamp.isPresent()) {
                List<PatchStamp.Entry> done = stamp.get().entries();
                int same = 0;
                while (same < done.size() && same < todo.size() && done.get(same).sameAs(todo.get(same))) {
                    same++;
                }
                if (same < done.size()) {
                    throw differentSeries(root, done, todo, same);
                }
                if (git != null && stamp.get().head() != null && !stamp.get().head().equals(name(git.head()))) {
                    log.warn("HEAD of " + root + " is " + name(git.head()) + ", not the commit the patch step left ("
                            + stamp.get().head() + "); the tree was changed after patching.");
                }
                if (same == todo.size()) {
                    log.info("Patch series already applied (" + same + (same == 1 ? " patch)" : " patches)"));
                    return new PatchResult(List.of(), true, same);
                }
                kept = done;
                todo = todo.subList(same, todo.size());
                log.info("The tree already carries the first " + (same == 1 ? "patch" : same + " patches") + " of "
                        + series + "; applying the " + (todo.size() == 1 ? "new one: " : todo.size() + " new ones: ")
                        + todo.stream().map(PatchFile::name).collect(Collectors.joining(", ")));
            }
            return apply(root, git, todo, kept, options);
        } catch (IOException e) {
            throw new BuildException("Cannot apply " + series + " to " + root + ": " + e.getMessage(),
                    "check the permissions of the source tree and of its .git directory", e);
        }
    }

    private PatchResult apply(Path root, GitWorkTree git, List<PatchFile> todo, List<PatchStamp.Entry> kept,
            PatchOptions options) throws IOException, BuildException {
        List<ParsedPatch> parsed = new ArrayList<>();
        for (PatchFile p : todo) {
            parsed.add(PatchParser.parse(p, log));
        }
        boolean commit = git != null && options.commit();
        if (commit) {
            git.checkCommittable(todo.get(0).name());
        }

        // Phase 1: the whole series in memory
        TreeOverlay overlay = new TreeOverlay(new TreePaths(root, git != null));
        SeriesSimulator simulator = new SeriesSimulator(root, overlay, options.fuzz(), log);
        List<List<SeriesSimulator.Step>> stepsByPatch = new ArrayList<>();
        for (ParsedPatch p : parsed) {
            stepsByPatch.add(simulator.apply(p));
        }
        Map<String, Optional<TextFile>> changes = overlay.changes();
        Map<String, ObjectId> blobs = new HashMap<>();
        PatchJournal.GitState before = null;
        List<ObjectId> commits = List.of();
        if (commit) {
            git.checkMatchesHead(overlay.originals(), todo.get(0).name());
            before = git.state();
            commits = git.commit(stepsByPatch.stream().flatMap(List::stream).toList(), options, blobs);
        } else if (git != null) {
            log.info("Not committing the patches in the git tree " + root + " (commit=false).");
        }

        List<PatchResult.AppliedPatch> applied = new ArrayList<>();
        List<PatchStamp.Entry> entries = new ArrayList<>(kept);
        int next = 0;
        for (int i = 0; i < parsed.size(); i++) {
            PatchFile p = parsed.get(i).file();
            Set<String> files = new LinkedHashSet<>();
            List<String> ids = new ArrayList<>();
            for (SeriesSimulator.Step step : stepsByPatch.get(i)) {
                files.addAll(step.changes().keySet());
                if (commit) {
                    ids.add(commits.get(next++).name());
                }
            }
            applied.add(new PatchResult.AppliedPatch(p.name(), p.sha256(), List.copyOf(files), ids));
            entries.add(new PatchStamp.Entry(p.name(), p.sha256(), p.strip(), ids));
        }
        ObjectId newHead = commits.isEmpty() ? null : commits.get(commits.size() - 1);
        PatchStamp stamp = new PatchStamp(entries, commit ? (newHead != null ? newHead.name() : before.head()) : null);

        // Phase 2: journal, files, git, stamp
        write(root, git, new Plan(changes, overlay.originals(), commit ? before : null, newHead, blobs, stamp,
                "dom0-build: apply " + todo.get(todo.size() - 1).name()));
        log.info("Applied " + todo.size() + (todo.size() == 1 ? " patch" : " patches") + " to " + root
                + (newHead != null ? "; HEAD is now " + newHead.abbreviate(12).name() : ""));
        return new PatchResult(applied, false, kept.size());
    }

    /**
     * What phase 2 writes.
     *
     * @param gitBefore where HEAD was, when commits are made (else null)
     * @param newHead   the last new commit, or null
     * @param blobs     the blob of each written path, for the index
     */
    private record Plan(Map<String, Optional<TextFile>> changes, Map<String, Optional<TextFile>> originals,
            PatchJournal.GitState gitBefore, ObjectId newHead, Map<String, ObjectId> blobs, PatchStamp stamp,
            String reflog) {
        boolean commits() {
            return gitBefore != null;
        }
    }

    private void write(Path root, GitWorkTree git, Plan plan) throws BuildException {
        List<String> journaled = new ArrayList<>(plan.changes().keySet());
        journaled.add(PatchStamp.treePath());
        if (git != null) {
            try {
                git.excludeStampDirectory();
            } catch (IOException e) {
                throw new BuildException("Cannot add /.dom0-build/ to .git/info/exclude in " + root + ": "
                        + e.getMessage() + ". Nothing in the tree was changed.",
                        "check the permissions of " + root.resolve(".git"), e);
            }
        }
        try {
            PatchJournal.write(root, journaled, plan.gitBefore(), plan.commits() ? git.indexFile() : null);
        } catch (IOException e) {
            try {
                PatchJournal.removeLeftovers(root);
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw new BuildException("Cannot save the patch journal in " + PatchJournal.directory(root) + ": "
                    + e.getMessage() + ". Nothing in the tree was changed.",
                    "check the free space and permissions of " + root, e);
        }
        try {
            new TreeWriter(root, progress).write(plan.changes(), plan.originals());
            if (plan.commits() && plan.newHead() != null) {
                git.updateIndex(plan.changes(), plan.blobs());
                progress.reached("git index");
                git.moveHead(plan.gitBefore(), plan.newHead(), plan.reflog());
                progress.reached("git HEAD");
            }
            plan.stamp().write(root);
            progress.reached("stamp");
        } catch (IOException | RuntimeException e) {
            throw rolledBack(root, e);
        }
        try {
            PatchJournal.discard(root);
        } catch (IOException e) {
            // harmless: the next run rolls back and applies the series again
            log.warn("Could not remove the patch journal " + PatchJournal.directory(root) + ": " + e.getMessage());
        }
    }

    /** Undoes a failed phase 2 right away; if even that fails, the journal stays for the next run. */
    private BuildException rolledBack(Path root, Exception failure) {
        try {
            PatchJournal.rollBack(root);
        } catch (IOException | RuntimeException e) {
            failure.addSuppressed(e);
            return new BuildException("Writing the patched files to " + root + " failed (" + failure.getMessage()
                    + "), and restoring the tree from the journal failed too (" + e.getMessage() + ").",
                    "fix the cause (free space? permissions?) and run the build again: the next run restores the"
                            + " tree from the journal " + PatchJournal.directory(root) + " before anything else",
                    failure);
        }
        return new BuildException("Writing the patched files to " + root + " failed: " + failure.getMessage()
                + ". The tree was restored to its state before the run.",
                "fix the cause (free space? permissions?) and run the build again", failure);
    }

    /**
     * Rolls back a run that was interrupted while writing (its journal is still there). {@link #apply} does
     * this itself; the method is public for front ends that want to repair a tree without patching it.
     *
     * @return true when there was something to roll back
     */
    public boolean recover(Path tree) throws BuildException {
        Path root = tree.toAbsolutePath().normalize();
        Path journal = PatchJournal.directory(root);
        try {
            if (!PatchJournal.exists(root)) {
                PatchJournal.removeLeftovers(root);
                return false;
            }
            int files = PatchJournal.size(root);
            log.warn("An earlier patch run on " + root + " was interrupted while writing files; restoring the " + files
                    + (files == 1 ? " file" : " files") + " it recorded in " + journal + " before going on.");
            PatchJournal.rollBack(root);
            log.warn("Rolled back the interrupted patch run: " + root + " is as it was before it.");
            return true;
        } catch (IOException | RuntimeException e) {
            throw new BuildException("Cannot roll back the interrupted patch run recorded in " + journal + ": "
                    + e.getMessage(), "fix the cause and run again (the journal is kept until the roll-back"
                            + " succeeds), or start again from fresh sources: delete " + root + " (or run mvn clean"
                            + " when it is under target/) and run the fetch goal again", e);
        }
    }

    private static PatchException differentSeries(Path root, List<PatchStamp.Entry> done, List<PatchFile> todo,
            int same) {
        PatchStamp.Entry applied = done.get(same);
        String difference;
        if (same >= todo.size()) {
            difference = "the tree carries " + done.size() + " patches, the series lists only " + todo.size()
                    + "; the first one not listed any more is #" + (same + 1) + ", " + applied.name();
        } else {
            PatchFile wanted = todo.get(same);
            String how = !applied.name().equals(wanted.name()) ? "it is " + applied.name() + " in the tree but "
                    + wanted.name() + " in the series"
                    : !applied.sha256().equals(wanted.sha256()) ? applied.name() + " has changed since it was"
                            + " applied (sha256 " + abbrev(applied.sha256()) + " then, " + abbrev(wanted.sha256())
                            + " now)"
                            : applied.name() + " was applied with -p" + applied.strip() + ", the series now says -p"
                                    + wanted.strip();
            difference = "they differ from patch #" + (same + 1) + " on: " + how;
        }
        return new PatchException(same < todo.size() ? todo.get(same).name() : applied.name(), null,
                "The source tree " + root + " already carries a different patch series: " + difference
                        + ". Patches are never un-applied.",
                "start again from fresh sources: delete the source directory " + root + " (or run mvn clean when it"
                        + " is under target/) and run the fetch goal again; the series is then applied afresh");
    }

    private static String abbrev(String sha) {
        return sha.substring(0, Math.min(12, sha.length()));
    }

    private static String name(ObjectId id) {
        return id == null ? "none" : id.name();
    }
}
