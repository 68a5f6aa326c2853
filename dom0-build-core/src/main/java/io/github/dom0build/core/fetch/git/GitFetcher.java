package io.github.dom0build.core.fetch.git;

import io.github.dom0build.core.BuildException;
import io.github.dom0build.core.fetch.FetchStamp;
import io.github.dom0build.core.fetch.GitSource;
import io.github.dom0build.core.fetch.TargetGuard;
import io.github.dom0build.core.guard.DeletionRule;
import io.github.dom0build.core.io.FileTrees;
import io.github.dom0build.core.log.BuildLog;
import io.github.dom0build.core.metadata.Sources;
import io.github.dom0build.core.net.GitHttpProxies;
import io.github.dom0build.core.net.ProxySelection;
import io.github.dom0build.core.stamp.StampStore;
import io.github.dom0build.core.text.EditDistance;
import io.github.dom0build.core.text.Urls;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.ResetCommand;
import org.eclipse.jgit.api.TransportConfigCallback;
import org.eclipse.jgit.api.Status;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.api.errors.TransportException;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.TagOpt;

/**
 * Git sources through JGit. A new checkout is cloned into a temporary directory beside the target
 * and renamed into place only once the ref resolved, the pin matched and the work tree was written;
 * an existing checkout is moved to the ref in place, and refused when it has local changes unless
 * {@code force}. Only the one ref is fetched, shallow where the remote allows. JGit is the only git
 * implementation used, for local and remote repositories alike: the git command line is neither needed
 * nor called.
 */
public final class GitFetcher {
    /** Where fetched commits are kept, so no remote-tracking or local branch is touched. */
    static final String FETCHED = "refs/dom0-build/fetched";
    private static final Pattern COMMIT_ID = Pattern.compile("[0-9a-fA-F]{7,40}");

    /** @param proxies settings.xml's proxies, for http(s) remotes (see {@link GitHttpProxies}) */
    public record Options(boolean force, boolean offline, boolean interactive, boolean shallow,
            DeletionRule deletionRule, ProxySelection proxies) {
        public Options(boolean force, boolean offline, boolean interactive, boolean shallow) {
            this(force, offline, interactive, shallow, DeletionRule.withoutBuildDirectory(), ProxySelection.none());
        }
    }

    /** The outcome: the commit checked out and whether anything changed. */
    public record Outcome(String commit, boolean changed) {
    }

    private final BuildLog log;

    public GitFetcher(BuildLog log) {
        this.log = log;
    }

    public Outcome fetch(GitSource src, Path target, Options options) throws BuildException {
        try {
            if (FetchStamp.matches(target, src.identity())) {
                String head = headOf(target);
                log.info("Sources up to date: " + target + " is " + src.describe() + " (HEAD " + abbrev(head)
                        + "); nothing fetched");
                return new Outcome(head, false);
            }
            if (options.offline() && !src.isLocal()) {
                throw new BuildException("Maven is offline and " + target + " is not a checkout of " + src.describe()
                        + ".", "run the build once without -o, or use a local repository path as url");
            }
            if (Files.isDirectory(target.resolve(".git"), LinkOption.NOFOLLOW_LINKS)) {
                // A checkout fetch did not make is the user's own clone: never switched without force.
                TargetGuard.ensureReplaceable(target, options.force(), options.deletionRule());
                return update(src, target, options);
            }
            TargetGuard.ensureReplaceable(target, options.force(), options.deletionRule());
            return cloneFresh(src, target, options);
        } catch (IOException e) {
            throw new BuildException("Fetching " + src.describe() + " into " + target + " failed: " + e,
                    "check that the directory is writable and the disk has room", e);
        }
    }

    private Outcome cloneFresh(GitSource src, Path target, GitFetcher.Options options)
            throws BuildException, IOException {
        TargetGuard.removeLeftovers(target, "clone", log);
        Path tmp = FileTrees.siblingTempDir(target, "clone");
        boolean done = false;
        try (Git git = Git.init().setDirectory(tmp.toFile()).setInitialBranch("dom0-build").call()) {
            log.info("Cloning " + src.describe() + " into " + target);
            git.getRepository().getConfig().setString("remote", "origin", "url", src.shownUrl());
            git.getRepository().getConfig().save();
            ObjectId commit = fetchRef(git, src, options);
            checkPin(src, commit);
            checkout(git, commit);
            StampStore.excludeFromGit(tmp.resolve(".git"));
            FetchStamp.write(tmp, src.identity(), resolved(commit));
            FileTrees.replaceTree(tmp, target);
            done = true;
            log.info("Checked out " + commit.name() + " in " + target);
            return new Outcome(commit.name(), true);
        } catch (GitAPIException e) {
            throw gitFailure(src, e);
        } finally {
            if (!done) {
                FileTrees.deleteRecursively(tmp);
            }
        }
    }

    private Outcome update(GitSource src, Path target, Options options) throws BuildException, IOException {
        try (Git git = Git.open(target.toFile())) {
            StampStore.excludeFromGit(target.resolve(".git"));
            List<String> changes = localChanges(git);
            if (!changes.isEmpty() && !options.force()) {
                throw new BuildException("The checkout " + target + " has local changes, so it is not moved to "
                        + src.describe() + ":\n    " + String.join("\n    ", changes)
                        + "\n  They are still there, untouched.",
                        "commit or stash them (git -C " + target + " stash), or set force=true to discard them");
            }
            log.info("Updating the checkout " + target + " to " + src.describe());
            ObjectId commit = fetchRef(git, src, options);
            checkPin(src, commit);
            if (!changes.isEmpty()) {
                log.warn("force=true: discarding " + changes.size() + " local change(s) in " + target);
                git.reset().setMode(ResetCommand.ResetType.HARD).call();
                git.clean().setCleanDirectories(true).setIgnore(true).call();
            }
            checkout(git, commit);
            FetchStamp.write(target, src.identity(), resolved(commit));
            log.info("Checked out " + commit.name() + " in " + target);
            return new Outcome(commit.name(), true);
        } catch (GitAPIException e) {
            throw gitFailure(src, e);
        }
    }

    private ObjectId fetchRef(Git git, GitSource src, Options options) throws BuildException, GitAPIException,
            IOException {
        Map<String, Ref> remote = lsRemote(src, options);
        String ref = src.ref();
        String remoteRef = pickRemoteRef(remote, ref);
        Repository repo = git.getRepository();
        LoggingProgressMonitor monitor = new LoggingProgressMonitor(log, "  ", options.interactive());
        if (remoteRef != null) {
            RefSpec spec = new RefSpec("+" + remoteRef + ":" + FETCHED);
            if (options.shallow()) {
                try {
                    fetchFrom(git, src, options).setRefSpecs(spec).setTagOpt(TagOpt.NO_TAGS).setDepth(1)
                            .setProgressMonitor(monitor).call();
                } catch (TransportException e) {
                    log.info("The remote does not serve a shallow fetch (" + e.getMessage() + "); fetching history");
                    fetchFrom(git, src, options).setRefSpecs(spec).setTagOpt(TagOpt.NO_TAGS)
                            .setProgressMonitor(monitor).call();
                }
            } else {
                fetchFrom(git, src, options).setRefSpecs(spec).setTagOpt(TagOpt.NO_TAGS)
                        .setUnshallow(isShallow(repo)).setProgressMonitor(monitor).call();
            }
            ObjectId id = repo.resolve(FETCHED + "^{commit}");
            if (id == null) {
                throw new BuildException(ref + " in " + src.shownUrl() + " does not point at a commit.",
                        "set ref to a branch, a tag or a commit id");
            }
            return id;
        }
        if (ref != null && COMMIT_ID.matcher(ref).matches()) {
            // A bare commit id: only a full fetch is sure to contain it.
            log.info(ref + " is not a branch or tag name; fetching all branches and tags to find the commit");
            fetchFrom(git, src, options).setRefSpecs(new RefSpec("+refs/heads/*:refs/dom0-build/heads/*"),
                            new RefSpec("+refs/tags/*:refs/dom0-build/tags/*"))
                    .setTagOpt(TagOpt.NO_TAGS).setUnshallow(isShallow(repo)).setProgressMonitor(monitor).call();
            ObjectId id;
            try {
                id = repo.resolve(ref + "^{commit}");
            } catch (org.eclipse.jgit.errors.AmbiguousObjectException e) {
                throw new BuildException("Commit id " + ref + " is ambiguous in " + src.shownUrl() + ".",
                        "give more digits of the commit id");
            } catch (org.eclipse.jgit.errors.RevisionSyntaxException | MissingObjectException e) {
                id = null;
            }
            if (id == null) {
                throw new BuildException("Commit " + ref + " is not in " + src.shownUrl()
                        + " (no branch or tag reaches it).",
                        "check the commit id, or set ref to the branch or tag that contains it");
            }
            return id;
        }
        throw unknownRef(src, remote);
    }

    /** A fetch from the source's URL, ssh included (see {@link SshTransports}), http through the proxies. */
    private static org.eclipse.jgit.api.FetchCommand fetchFrom(Git git, GitSource src, Options options) {
        return git.fetch().setRemote(src.url()).setTransportConfigCallback(transports(options));
    }

    /** ssh from the user's ~/.ssh and agent; http(s) through settings.xml's proxies. */
    private static TransportConfigCallback transports(Options options) {
        TransportConfigCallback ssh = SshTransports.callback();
        GitHttpProxies http = new GitHttpProxies(options.proxies());
        return transport -> {
            ssh.configure(transport);
            http.configure(transport);
        };
    }

    private Map<String, Ref> lsRemote(GitSource src, Options options) throws BuildException {
        try {
            return Git.lsRemoteRepository().setRemote(src.url()).setTransportConfigCallback(transports(options))
                    .setHeads(true).setTags(true).callAsMap();
        } catch (GitAPIException e) {
            throw gitFailure(src, e);
        }
    }

    /** The full remote ref name {@code ref} means, or null when it names no branch or tag. */
    static String pickRemoteRef(Map<String, Ref> remote, String ref) {
        if (ref == null) {
            Ref head = remote.get(Constants.HEAD);
            if (head != null && head.isSymbolic()) {
                return head.getTarget().getName();
            }
            if (head != null) {
                return Constants.HEAD;
            }
            return remote.containsKey("refs/heads/main") ? "refs/heads/main"
                    : remote.containsKey("refs/heads/master") ? "refs/heads/master" : null;
        }
        for (String candidate : List.of(ref, Constants.R_HEADS + ref, Constants.R_TAGS + ref)) {
            if (candidate.startsWith(Constants.R_REFS) && remote.containsKey(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    private BuildException unknownRef(GitSource src, Map<String, Ref> remote) {
        Set<String> names = new TreeSet<>();
        for (String name : remote.keySet()) {
            if (name.startsWith(Constants.R_HEADS)) {
                names.add(name.substring(Constants.R_HEADS.length()));
            } else if (name.startsWith(Constants.R_TAGS) && !name.endsWith("^{}")) {
                names.add(name.substring(Constants.R_TAGS.length()));
            }
        }
        String ref = src.ref() == null ? "the default branch" : "'" + src.ref() + "'";
        List<String> close = closest(src.ref(), names);
        return new BuildException("Ref " + ref + " is not a branch, tag or commit id in " + src.shownUrl() + "."
                + (close.isEmpty() ? "" : "\n  Closest names there: " + String.join(", ", close)),
                "set ref to an existing branch or tag, or to a commit id");
    }

    static List<String> closest(String ref, Collection<String> names) {
        if (ref == null) {
            return new ArrayList<>(names).subList(0, Math.min(10, names.size()));
        }
        String r = ref.toLowerCase(Locale.ROOT);
        return names.stream()
                .sorted((a, b) -> Integer.compare(EditDistance.between(r, a.toLowerCase(Locale.ROOT)),
                        EditDistance.between(r, b.toLowerCase(Locale.ROOT))))
                .limit(5).toList();
    }

    private void checkPin(GitSource src, ObjectId commit) throws BuildException {
        String pin = src.commitPin();
        if (pin != null && !commit.name().startsWith(pin.toLowerCase(Locale.ROOT))) {
            throw new BuildException("Pin mismatch: " + (src.ref() == null ? "the default branch" : src.ref()) + " of "
                    + src.shownUrl() + " is commit " + commit.name() + ", but commit pins " + pin
                    + ". Nothing was checked out.",
                    "if the ref moved on purpose, update commit to " + commit.name()
                            + "; to build the pinned commit, set ref to " + pin);
        }
    }

    private static void checkout(Git git, ObjectId commit) throws GitAPIException {
        git.checkout().setName(commit.name()).setForced(true).call();
    }

    private static boolean isShallow(Repository repo) {
        return Files.exists(repo.getDirectory().toPath().resolve("shallow"));
    }

    private static List<String> localChanges(Git git) throws GitAPIException {
        Status s = git.status().call();
        Set<String> all = new TreeSet<>();
        s.getModified().forEach(p -> all.add("modified:  " + p));
        s.getChanged().forEach(p -> all.add("staged:    " + p));
        s.getAdded().forEach(p -> all.add("added:     " + p));
        s.getRemoved().forEach(p -> all.add("removed:   " + p));
        s.getMissing().forEach(p -> all.add("deleted:   " + p));
        s.getConflicting().forEach(p -> all.add("conflict:  " + p));
        s.getUntracked().forEach(p -> all.add("untracked: " + p));
        List<String> list = new ArrayList<>(all);
        if (list.size() > 20) {
            int more = list.size() - 20;
            list = new ArrayList<>(list.subList(0, 20));
            list.add("... and " + more + " more");
        }
        return list;
    }

    private static String headOf(Path tree) throws IOException {
        try (Repository repo = new FileRepositoryBuilder().setGitDir(tree.resolve(".git").toFile()).build()) {
            ObjectId head = repo.resolve(Constants.HEAD);
            return head == null ? "unborn" : head.name();
        }
    }

    private static Sources.Resolved resolved(ObjectId commit) {
        return Sources.Resolved.commit(commit.name());
    }

    private static String abbrev(String id) {
        return id.length() > 12 ? id.substring(0, 12) : id;
    }

    private static boolean isSsh(String url) {
        return url.startsWith("ssh://") || url.startsWith("git+ssh://")
                || !url.contains("://") && url.matches("[^/]+@[^/]+:.*");
    }

    private static BuildException gitFailure(GitSource src, GitAPIException e) {
        String msg = e.getMessage();
        Throwable c = e.getCause();
        if (c != null && c.getMessage() != null && !msg.contains(c.getMessage())) {
            msg += " (" + c.getMessage() + ")";
        }
        msg = Urls.redact(msg); // JGit's messages quote the URL as given
        if ((e instanceof org.eclipse.jgit.api.errors.InvalidRemoteException || e instanceof TransportException)
                && isSsh(src.url())) {
            return new BuildException("Cannot reach the git repository " + src.shownUrl() + " over ssh: " + msg,
                    "the server's host key must be in ~/.ssh/known_hosts (check it, then for example ssh-keyscan -p"
                            + " PORT HOST >> ~/.ssh/known_hosts), and a key of yours, in ~/.ssh or in the ssh-agent"
                            + " (SSH_AUTH_SOCK), authorized on the server; nothing was changed", e);
        }
        if (e instanceof org.eclipse.jgit.api.errors.InvalidRemoteException || e instanceof TransportException) {
            return new BuildException("Cannot reach the git repository " + src.shownUrl() + ": " + msg,
                    "check the URL, the network and proxy, and credentials (for a private repository use an ssh"
                            + " URL with an agent, or a local path); nothing was changed",
                    e);
        }
        return new BuildException("git failed on " + src.shownUrl() + ": " + msg,
                "see the cause above; nothing was changed", e);
    }
}
