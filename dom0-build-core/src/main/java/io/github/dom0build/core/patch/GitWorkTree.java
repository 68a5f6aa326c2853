package io.github.dom0build.core.patch;

import io.github.dom0build.core.io.FileTrees;
import io.github.dom0build.core.stamp.StampStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheEditor;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * A source tree that is a git work tree: commits built from the patched content (objects only, nothing
 * checked out), the index updated for the paths patched, and HEAD moved, as {@code git am} would leave
 * it. The committer is the author, with the author's date, so the same series on the same base always
 * gives the same commits.
 */
final class GitWorkTree implements AutoCloseable {

    private final Path root;
    private final Repository repo;

    private GitWorkTree(Path root, Repository repo) {
        this.root = root;
        this.repo = repo;
    }

    /**
     * The work tree at {@code root}, or null when {@code root} has no {@code .git} of its own. A
     * {@code .git} that is not a plain directory of the tree (a {@code gitdir:} file, a link), or a
     * repository that lives elsewhere, is refused: commits, index and excludes would go into a repository
     * the tree does not own, such as the project's own.
     */
    static GitWorkTree openIfPresent(Path root) throws IOException, PatchException {
        Path dotGit = root.resolve(Constants.DOT_GIT);
        if (!Files.exists(dotGit, LinkOption.NOFOLLOW_LINKS)) {
            return null; // never look upwards: the tree may sit inside the project's own repository
        }
        if (!Files.isDirectory(dotGit, LinkOption.NOFOLLOW_LINKS)) {
            throw foreignRepository(root, dotGit + " is " + (Files.isSymbolicLink(dotGit) ? "a symbolic link to "
                    + Files.readSymbolicLink(dotGit) : "a file (" + firstLine(dotGit) + ")") + ", not a repository"
                    + " inside the tree");
        }
        Repository repo = open(root);
        Path own = dotGit.toRealPath();
        if (!repo.getDirectory().toPath().toRealPath().equals(own) || Files.exists(own.resolve("commondir"))
                || repo.getConfig().getString("core", null, "worktree") != null) {
            repo.close();
            throw foreignRepository(root, dotGit + " hands the repository to another place (commondir or"
                    + " core.worktree)");
        }
        return new GitWorkTree(root, repo);
    }

    private static PatchException foreignRepository(Path root, String what) {
        return new PatchException(null, Constants.DOT_GIT, "The source tree " + root + " has a .git that dom0-build"
                + " will not use: " + what + ". Patches are committed only into a repository that lives inside"
                + " the tree (made by fetch, or your own clone). Nothing was changed.",
                "if the tree came from an archive or a directory copy, fetch it again (fetch leaves .git out); if"
                        + " it is a git worktree or submodule of yours, patch a clone of it (git clone), or delete"
                        + " its .git file to patch the files only");
    }

    private static String firstLine(Path file) {
        try (var lines = Files.lines(file, StandardCharsets.ISO_8859_1)) {
            return lines.findFirst().map(io.github.dom0build.core.text.Printable::escape).orElse("empty");
        } catch (IOException | java.io.UncheckedIOException e) {
            return "unreadable";
        }
    }

    private static Repository open(Path root) throws IOException {
        return new FileRepositoryBuilder().setWorkTree(root.toFile()).setMustExist(true).build();
    }

    @Override
    public void close() {
        repo.close();
    }

    /** Where HEAD points now. */
    PatchJournal.GitState state() throws IOException {
        Ref head = repo.exactRef(Constants.HEAD);
        if (head == null) {
            throw new IOException("the repository " + repo.getDirectory() + " has no HEAD");
        }
        ObjectId id = head.getObjectId();
        return new PatchJournal.GitState(head.isSymbolic() ? head.getTarget().getName() : Constants.HEAD,
                !head.isSymbolic(), id == null ? null : id.name());
    }

    Path indexFile() {
        return repo.getIndexFile().toPath();
    }

    /** Refuses a tree that cannot take commits: no commit yet, or a merge conflict in the index. */
    void checkCommittable(String firstPatch) throws IOException, PatchException {
        if (repo.resolve(Constants.HEAD) == null) {
            throw new PatchException(firstPatch, null, "The git repository in " + root + " has no commit yet, so the"
                    + " patches cannot be committed on top of one.",
                    "commit the sources first, or set commit=false to patch the files only");
        }
        if (repo.readDirCache().hasUnmergedPaths()) {
            throw new PatchException(firstPatch, null, "The git index of " + root + " has unresolved merge conflicts.",
                    "resolve or abort the merge (git -C " + root + " status), or start again from fresh sources");
        }
    }

    /**
     * Refuses files the series touches that differ from HEAD: the commits are made from HEAD plus the
     * patches, and would otherwise silently take in or drop those local changes.
     */
    void checkMatchesHead(Map<String, Optional<TextFile>> onDisk, String firstPatch) throws IOException,
            PatchException {
        List<String> differing = new ArrayList<>();
        try (RevWalk walk = new RevWalk(repo); ObjectInserter.Formatter hasher = new ObjectInserter.Formatter()) {
            RevCommit head = walk.parseCommit(repo.resolve(Constants.HEAD));
            for (Map.Entry<String, Optional<TextFile>> e : onDisk.entrySet()) {
                try (TreeWalk tw = TreeWalk.forPath(repo, e.getKey(), head.getTree())) {
                    Optional<TextFile> disk = e.getValue();
                    if (tw == null) {
                        if (disk.isPresent()) {
                            differing.add(e.getKey() + " (not committed)");
                        }
                    } else if (disk.isEmpty()) {
                        differing.add(e.getKey() + " (deleted)");
                    } else if (!tw.getObjectId(0).equals(hasher.idFor(Constants.OBJ_BLOB, disk.get().bytes()))
                            || (tw.getFileMode(0) == FileMode.EXECUTABLE_FILE) != disk.get().executable()) {
                        differing.add(e.getKey() + " (modified)");
                    }
                }
            }
        }
        if (!differing.isEmpty()) {
            throw new PatchException(firstPatch, differing.get(0).replaceFirst(" \\(.*", ""), "The git tree " + root
                    + " has local changes in files the series patches: " + String.join(", ", differing)
                    + ". The patch commits would silently include them. Nothing was changed.",
                    "commit or discard those changes (git -C " + root + " status), or set commit=false to patch"
                            + " the files without commits");
        }
    }

    /**
     * Writes one commit per step on top of HEAD, into the object database only. {@code blobs} receives the
     * blob of every path written, as the last step left it.
     */
    List<ObjectId> commit(List<SeriesSimulator.Step> steps, PatchOptions options, Map<String, ObjectId> blobs)
            throws IOException {
        List<ObjectId> ids = new ArrayList<>();
        try (ObjectInserter inserter = repo.newObjectInserter(); ObjectReader reader = repo.newObjectReader();
                RevWalk walk = new RevWalk(reader)) {
            ObjectId parent = repo.resolve(Constants.HEAD);
            DirCache index = DirCache.read(reader, walk.parseCommit(parent).getTree());
            for (SeriesSimulator.Step step : steps) {
                DirCacheEditor editor = index.editor();
                for (Map.Entry<String, Optional<TextFile>> e : step.changes().entrySet()) {
                    String path = e.getKey();
                    if (e.getValue().isEmpty()) {
                        editor.add(new DirCacheEditor.DeletePath(path));
                        blobs.remove(path);
                        continue;
                    }
                    ObjectId blob = inserter.insert(Constants.OBJ_BLOB, e.getValue().get().bytes());
                    FileMode mode = e.getValue().get().executable() ? FileMode.EXECUTABLE_FILE : FileMode.REGULAR_FILE;
                    blobs.put(path, blob);
                    editor.add(new DirCacheEditor.PathEdit(path) {
                        @Override
                        public void apply(DirCacheEntry entry) {
                            entry.setFileMode(mode);
                            entry.setObjectId(blob);
                        }
                    });
                }
                editor.finish();
                PersonIdent who = identity(step.unit(), options);
                CommitBuilder commit = new CommitBuilder();
                commit.setTreeId(index.writeTree(inserter));
                commit.setParentId(parent);
                commit.setAuthor(who);
                commit.setCommitter(who);
                commit.setEncoding(StandardCharsets.UTF_8);
                commit.setMessage(message(step.unit()));
                parent = inserter.insert(commit);
                ids.add(parent);
            }
            inserter.flush();
        }
        return ids;
    }

    /** The mail's author and date, else the configured default; always also the committer. */
    static PersonIdent identity(PatchUnit unit, PatchOptions options) {
        MailMessage mail = unit.mail();
        String name = options.defaultAuthor().name();
        String email = options.defaultAuthor().email();
        Instant when = options.defaultDate();
        ZoneId zone = ZoneOffset.UTC;
        if (mail != null && mail.hasAuthor()) {
            name = mail.authorName();
            email = mail.authorEmail();
        }
        if (mail != null && mail.date() != null) {
            when = mail.date().toInstant();
            zone = mail.date().getOffset();
        }
        return new PersonIdent(name, email, when, zone);
    }

    static String message(PatchUnit unit) {
        String message = unit.mail() == null ? "" : unit.mail().commitMessage();
        return message.isEmpty() ? "Apply " + unit.patch().name() + "\n" : message;
    }

    /** Stages the written files, so that {@code git status} is clean once HEAD has moved. */
    void updateIndex(Map<String, Optional<TextFile>> changes, Map<String, ObjectId> blobs) throws IOException {
        DirCache index = repo.lockDirCache();
        try {
            DirCacheEditor editor = index.editor();
            for (Map.Entry<String, Optional<TextFile>> e : changes.entrySet()) {
                String path = e.getKey();
                if (e.getValue().isEmpty()) {
                    editor.add(new DirCacheEditor.DeletePath(path));
                    continue;
                }
                Path file = root.resolve(path);
                long length = Files.size(file);
                Instant modified = Files.getLastModifiedTime(file, LinkOption.NOFOLLOW_LINKS).toInstant();
                ObjectId blob = blobs.get(path);
                FileMode mode = e.getValue().get().executable() ? FileMode.EXECUTABLE_FILE : FileMode.REGULAR_FILE;
                editor.add(new DirCacheEditor.PathEdit(path) {
                    @Override
                    public void apply(DirCacheEntry entry) {
                        entry.setFileMode(mode);
                        entry.setObjectId(blob);
                        entry.setLength(length);
                        entry.setLastModified(modified);
                    }
                });
            }
            editor.finish();
            index.write();
            if (!index.commit()) {
                throw new IOException("cannot replace the git index " + repo.getIndexFile());
            }
        } finally {
            index.unlock();
        }
    }

    /** Moves HEAD (its branch, or HEAD itself when detached) from {@code before} to {@code to}. */
    void moveHead(PatchJournal.GitState before, ObjectId to, String reflog) throws IOException {
        RefUpdate update = repo.updateRef(Constants.HEAD, before.detached());
        update.setNewObjectId(to);
        update.setExpectedOldObjectId(ObjectId.fromString(before.head()));
        update.setRefLogMessage(reflog, false);
        RefUpdate.Result result = update.update();
        if (result != RefUpdate.Result.FAST_FORWARD && result != RefUpdate.Result.FORCED
                && result != RefUpdate.Result.NEW) {
            throw new IOException("cannot move HEAD of " + root + " to " + to.name() + ": " + result
                    + " (did another process change the repository?)");
        }
    }

    ObjectId head() throws IOException {
        return repo.resolve(Constants.HEAD);
    }

    /** Keeps the stamp directory out of {@code git status}, so it never counts as a local change. */
    void excludeStampDirectory() throws IOException {
        StampStore.excludeFromGit(repo.getCommonDirectory().toPath());
    }

    /**
     * Roll-back of an interrupted run: the index as it was and HEAD at its old commit. Lock files the run
     * left behind are removed first; the journal proves they are ours.
     */
    static void restore(Path root, PatchJournal.GitState state, Path indexBackup) throws IOException {
        try (Repository repo = open(root)) {
            Path index = repo.getIndexFile().toPath();
            Files.deleteIfExists(index.resolveSibling(index.getFileName() + ".lock"));
            if (indexBackup != null) {
                FileTrees.writeAtomically(index, Files.readAllBytes(indexBackup));
            }
            Path refs = state.detached() ? repo.getDirectory().toPath() : repo.getCommonDirectory().toPath();
            Files.deleteIfExists(refs.resolve(state.ref() + ".lock"));
            Files.deleteIfExists(repo.getDirectory().toPath().resolve(Constants.HEAD + ".lock"));
            RefUpdate update = repo.updateRef(state.ref(), state.detached());
            update.setNewObjectId(ObjectId.fromString(state.head()));
            update.setForceUpdate(true);
            update.setRefLogMessage("dom0-build: roll back an interrupted patch run", false);
            RefUpdate.Result result = update.update();
            if (result != RefUpdate.Result.NO_CHANGE && result != RefUpdate.Result.FORCED
                    && result != RefUpdate.Result.FAST_FORWARD && result != RefUpdate.Result.NEW) {
                throw new IOException("cannot reset " + state.ref() + " of " + root + " to " + state.head() + ": "
                        + result);
            }
        }
    }
}
