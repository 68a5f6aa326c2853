package io.github.dom0build.maven;

import io.github.dom0build.core.BuildException;
import io.github.dom0build.core.fetch.CacheKeyPinning;
import io.github.dom0build.core.fetch.FetchRequest;
import io.github.dom0build.core.fetch.FetchResult;
import io.github.dom0build.core.fetch.SourceFetcher;
import io.github.dom0build.core.fetch.SourceSpec;
import io.github.dom0build.core.fetch.SourceSpecs;
import io.github.dom0build.core.fetch.extract.ExtractionLimits;
import io.github.dom0build.core.io.ByteCounts;
import java.io.File;
import java.time.Duration;
import java.util.List;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Fetches the sources into {@code sourceDirectory}. The form of {@code url} picks how:
 * <ul>
 * <li><b>git</b>: {@code git+<url>}, a URL ending in {@code .git}, {@code ssh://}, {@code git://},
 * {@code user@host:path}, or a local repository path. Cloned with JGit, shallow where the remote allows;
 * {@code ref} picks the branch, tag or commit and {@code commit} pins the commit it must resolve to. An
 * existing checkout is reused and moved to the ref; local changes there are refused unless
 * {@code force}.</li>
 * <li><b>archive</b>: an {@code http://}, {@code https://} or {@code file:} URL (or a path) of a
 * {@code .tar.gz}, {@code .tar.xz}, {@code .tar.bz2}, {@code .tar} or {@code .zip}; {@code sha256} is
 * required for http(s) and checked before anything is extracted. Downloads go through a cache shared by
 * all projects; the single top directory is stripped; extraction is atomic and refuses entries that
 * would land outside the tree.</li>
 * <li><b>directory</b>: a local directory (or {@code dir:<path>}), used in place through a link, or
 * copied with {@code copy}.</li>
 * <li><b>Debian source package</b>: {@code apt:<name>[=<version>]}, fetched with
 * {@code apt-get source --download-only} through a private apt configuration (deb-src entries derived
 * from the system's deb entries; the system's apt setup is not changed and no root is needed), checked
 * against apt's signed indexes and the .dsc's sha256 sums; only the upstream orig tarball is unpacked,
 * plus Debian's {@code debian/} beside it with {@code debianPatches}.</li>
 * </ul>
 * The tree records where it came from; a rerun with the same source does nothing and says so. In
 * offline mode ({@code -o}) downloads come from the cache only, and remote git URLs are refused.
 * Archive downloads, git over http(s) and apt all go through the active proxies of settings.xml, with
 * their credentials and {@code nonProxyHosts}; redirects from http to https are followed, never from
 * https down to http, at most 20 in a row.
 */
@Mojo(name = "fetch", defaultPhase = LifecyclePhase.INITIALIZE, threadSafe = true)
public class FetchMojo extends AbstractSourceMojo {
    /**
     * Where the sources come from: a git repository, an archive URL or a local directory (see the goal
     * description for the forms).
     */
    @Parameter(property = GoalPrefix.NAME + ".url")
    private String url;

    /** Git only: the branch, tag or commit to check out. Default: the remote's default branch. */
    @Parameter(property = GoalPrefix.NAME + ".ref")
    private String ref;

    /**
     * Git only: the commit id (full, or at least 7 digits) that {@code ref} must resolve to. A mismatch
     * fails before anything is checked out. Given alone, it is also the ref.
     */
    @Parameter(property = GoalPrefix.NAME + ".commit")
    private String commit;

    /** Archives only: the SHA-256 of the archive. Required for http and https URLs. */
    @Parameter(property = GoalPrefix.NAME + ".sha256")
    private String sha256;

    /**
     * The download cache, shared by every project of this user, so each archive is downloaded once per
     * machine. Entries are verified on every use.
     */
    @Parameter(property = GoalPrefix.NAME + ".cacheDirectory",
            defaultValue = "${user.home}/.cache/dom0-build/downloads", required = true)
    private File cacheDirectory;

    /** Directories only: copy the directory instead of linking to it. */
    @Parameter(property = GoalPrefix.NAME + ".copy", defaultValue = "false")
    private boolean copy;

    /**
     * Replace a source directory that fetch did not create, and discard local changes in an existing
     * git checkout.
     */
    @Parameter(property = GoalPrefix.NAME + ".force", defaultValue = "false")
    private boolean force;

    /**
     * Debian source packages only: also unpack Debian's {@code debian/} directory into
     * {@code <sourceDirectory>-debian}, so that {@code series} can point at its {@code patches/series}.
     */
    @Parameter(property = GoalPrefix.NAME + ".debianPatches", defaultValue = "false")
    private boolean debianPatches;

    /** Git only: fetch just the one commit where the remote allows it. */
    @Parameter(property = GoalPrefix.NAME + ".shallow", defaultValue = "true")
    private boolean shallow;

    /**
     * Archives only: the most an archive may unpack to (a guard against decompression bombs), with an
     * optional k, m, g or t suffix. A Linux tree unpacks to about 1.5g.
     */
    @Parameter(property = GoalPrefix.NAME + ".maxExtractedSize", defaultValue = "32g")
    private String maxExtractedSize;

    /** Archives only: the most entries an archive may have (the other guard against bombs). */
    @Parameter(property = GoalPrefix.NAME + ".maxExtractedEntries", defaultValue = "2000000")
    private long maxExtractedEntries;

    /**
     * Archives only: the most one download may bring, with an optional k, m, g or t suffix. A server that
     * sends more, whether it announced the size or not, fails the fetch and nothing is kept. A Linux
     * tarball is about 140m.
     */
    @Parameter(property = GoalPrefix.NAME + ".maxDownloadSize", defaultValue = "2g")
    private String maxDownloadSize;

    /** Seconds a download may go without receiving data before it fails. */
    @Parameter(property = GoalPrefix.NAME + ".readTimeout", defaultValue = "60")
    private int readTimeout;


    @Override
    protected void run() throws BuildException {
        SourceSpec source = SourceSpecs.parse(url, ref, commit, sha256, copy, debianPatches,
                project.getBasedir().toPath());
        getLog().info("Fetching " + source.describe());
        UnpinnedInputWarning.warn(session, buildLog(), CacheKeyPinning.unpinned(source, url,
                project.getBasedir().toPath(), System.getProperty("java.io.tmpdir")), "a build of an older tree");
        if (maxExtractedEntries <= 0) {
            throw new BuildException("maxExtractedEntries is " + maxExtractedEntries + "; it must be positive.",
                    "set it to the most entries an archive may have (a Linux tree has about 80000)");
        }
        ExtractionLimits limits = new ExtractionLimits(ByteCounts.parse("maxExtractedSize", maxExtractedSize),
                maxExtractedEntries);
        FetchRequest request = FetchRequest.builder(source, sourceDirectory.toPath())
                .cacheDirectory(cacheDirectory.toPath())
                .offline(mavenOffline())
                .force(force)
                .shallow(shallow)
                .interactive(interactive())
                .proxies(proxies())
                .limits(limits)
                .readTimeout(Duration.ofSeconds(Math.max(1, readTimeout)))
                .maxDownloadSize(ByteCounts.parse("maxDownloadSize", maxDownloadSize))
                .deletionRule(deletionRule())
                .build();
        FetchResult result = new SourceFetcher(buildLog()).fetch(request);
        if (result.changed()) {
            getLog().info("Sources ready in " + result.tree());
        }
    }
}
