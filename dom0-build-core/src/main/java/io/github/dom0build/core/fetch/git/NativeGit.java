package io.github.dom0build.core.fetch.git;

import io.github.dom0build.core.log.BuildLog;
import io.github.dom0build.core.process.Command;
import io.github.dom0build.core.process.CommandFailedException;
import io.github.dom0build.core.process.ProcessRunner;
import java.io.File;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The git command line for the two parts of a fetch from a local repository that JGit does slowly:
 * receiving the objects and writing the work tree. Why: JGit indexes a pack and checks files out in
 * Java, one object at a time with collision-detecting SHA-1; on the Xen 4.17 tree with 300 commits a
 * JGit clone took about ten times as long as {@code git clone} (see the performance page). Only for
 * local repositories, where no proxy, credential or host key is involved, so that the result does not
 * depend on which of the two ran; without git installed, JGit does everything as before.
 */
final class NativeGit {
    private final Path git;
    private final ProcessRunner runner;

    private NativeGit(Path git, BuildLog log) {
        this.git = git;
        this.runner = new ProcessRunner(log);
    }

    /** git from the PATH, if there is one; {@code -Ddom0build.nativeGit=false} turns this path off. */
    static Optional<NativeGit> find(BuildLog log) {
        if ("false".equals(System.getProperty("dom0build.nativeGit"))) {
            return Optional.empty();
        }
        String path = System.getenv("PATH");
        for (String dir : (path == null ? "" : path).split(File.pathSeparator)) {
            Path p = dir.isEmpty() ? null : Path.of(dir, "git");
            if (p != null && Files.isExecutable(p) && !Files.isDirectory(p)) {
                return Optional.of(new NativeGit(p, log));
            }
        }
        return Optional.empty();
    }

    /** {@code git fetch} of {@code remoteRef} into {@code localRef}, one commit deep when {@code shallow}. */
    void fetch(Path repo, String url, String remoteRef, String localRef, boolean shallow)
            throws CommandFailedException {
        List<String> args = new ArrayList<>(List.of("fetch", "--quiet", "--no-tags"));
        if (shallow) {
            args.add("--depth=1");
        }
        args.add("--");
        args.add(gitUrl(url));
        args.add("+" + remoteRef + ":" + localRef);
        run(repo, args);
    }

    /** git takes {@code file:///path} and paths, not the {@code file:/path} form a URI may have. */
    static String gitUrl(String url) {
        if (url.startsWith("file:") && !url.startsWith("file://")) {
            return Path.of(URI.create(url)).toString();
        }
        return url;
    }

    /** A forced checkout of {@code commit} with a detached HEAD, as JGit's checkout of a commit id leaves it. */
    void checkout(Path repo, String commit) throws CommandFailedException {
        run(repo, List.of("-c", "advice.detachedHead=false", "checkout", "--quiet", "--force", "--detach", commit));
    }

    private void run(Path repo, List<String> args) throws CommandFailedException {
        List<String> argv = new ArrayList<>();
        argv.add(git.toString());
        argv.add("-C");
        argv.add(repo.toString());
        argv.addAll(args);
        runner.run(Command.of(argv).env("GIT_TERMINAL_PROMPT", "0").env("LC_ALL", "C").logPrefix("[git] ").quiet()
                .build());
    }
}
