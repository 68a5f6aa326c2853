package io.github.dom0build.core.fetch;

import io.github.dom0build.core.BuildException;
import io.github.dom0build.core.fetch.git.GitFetcher;
import io.github.dom0build.core.log.BuildLog;
import io.github.dom0build.core.metadata.Sources;
import java.io.IOException;
import java.util.Optional;

/** Fetches any {@link SourceSpec} into its target directory; the entry point the goals call. */
public final class SourceFetcher {
    private final BuildLog log;

    public SourceFetcher(BuildLog log) {
        this.log = log;
    }

    public FetchResult fetch(FetchRequest request) throws BuildException {
        SourceSpec source = request.source();
        if (source instanceof GitSource git) {
            GitFetcher.Outcome o = new GitFetcher(log).fetch(git, request.target(), new GitFetcher.Options(
                    request.force(), request.offline(), request.interactive(), request.shallow(),
                    request.deletionRule(), request.proxies()));
            return new FetchResult(request.target(), git.identity(), Sources.Resolved.commit(o.commit()),
                    o.changed());
        }
        if (source instanceof ArchiveSource archive) {
            return new ArchiveFetcher(log).fetch(archive, request);
        }
        if (source instanceof AptSource apt) {
            return new AptFetcher(log).fetch(apt, request);
        }
        return new DirectoryFetcher(log).fetch((DirectorySource) source, request);
    }

    /** The identity recorded in a tree by an earlier fetch, for goals that report where sources came from. */
    public static Optional<Sources.Fetch> recordedIdentity(java.nio.file.Path tree) throws BuildException {
        try {
            return FetchStamp.read(tree);
        } catch (IOException e) {
            throw new BuildException("Cannot read the fetch record of " + tree + ": " + e, "run the fetch goal again", e);
        }
    }
}
