package io.github.dom0build.core.fetch;

import io.github.dom0build.core.BuildException;
import io.github.dom0build.core.fetch.download.DownloadCache;
import io.github.dom0build.core.fetch.download.HttpDownloader;
import io.github.dom0build.core.fetch.extract.ArchiveExtractor;
import io.github.dom0build.core.fetch.extract.ExtractionResult;
import io.github.dom0build.core.io.FileTrees;
import io.github.dom0build.core.io.Sha256;
import io.github.dom0build.core.log.BuildLog;
import io.github.dom0build.core.metadata.Sources;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Archives: verified against their sha256 (downloaded ones through the shared cache), extracted into a
 * temporary directory beside the target, stamped, then renamed into place. The target is therefore
 * either the previous tree or the complete new one, never a partial extraction.
 */
final class ArchiveFetcher {
    private final BuildLog log;

    ArchiveFetcher(BuildLog log) {
        this.log = log;
    }

    FetchResult fetch(ArchiveSource src, FetchRequest req) throws BuildException {
        Path target = req.target();
        try {
            Path archive;
            Sources.Identity identity;
            if (src.isRemote()) {
                identity = src.identity();
                if (FetchStamp.matches(target, identity)) {
                    return upToDate(src, target, identity);
                }
                TargetGuard.ensureReplaceable(target, req.force(), req.deletionRule());
                HttpDownloader downloader = new HttpDownloader(req.proxies(), req.connectTimeout(), req.readTimeout(),
                        log, req.interactive(), req.maxDownloadSize());
                archive = new DownloadCache(req.cacheDirectory(), log).get(src.uri(), src.sha256(), downloader,
                        req.offline());
            } else {
                archive = Path.of(src.uri());
                if (!Files.isRegularFile(archive)) {
                    throw new BuildException("Archive " + archive + " does not exist.", "check the path in url");
                }
                String actual = Sha256.of(archive);
                if (src.sha256() != null && !src.sha256().equals(actual)) {
                    throw new BuildException("sha256 mismatch for " + archive + ": expected " + src.sha256() + ", got "
                            + actual + ". Nothing was extracted.",
                            "update sha256 if the file changed on purpose, or restore the right file");
                }
                identity = new ArchiveSource(src.uri(), actual).identity();
                if (FetchStamp.matches(target, identity)) {
                    return upToDate(src, target, identity);
                }
                TargetGuard.ensureReplaceable(target, req.force(), req.deletionRule());
            }
            return extract(archive, target, identity, req);
        } catch (IOException e) {
            throw new BuildException("Fetching " + src.describe() + " into " + target + " failed: " + e,
                    "check that the directory is writable and the disk has room", e);
        }
    }

    /** Extracts {@code archive} into a temporary sibling of {@code target}, stamps it, renames it into place. */
    FetchResult extract(Path archive, Path target, Sources.Identity identity, FetchRequest req)
            throws BuildException, IOException {
        TargetGuard.removeLeftovers(target, "extract", log);
        Path tmp = FileTrees.siblingTempPath(target, "extract");
        boolean done = false;
        try {
            log.info("Extracting " + archive.getFileName() + " into " + target);
            ExtractionResult r = new ArchiveExtractor(req.limits(), log).extract(archive, tmp);
            Sources.Resolved resolved = new Sources.Resolved(null, io.github.dom0build.core.io.Sha256.of(archive),
                    r.entryCount(), r.strippedPrefix());
            FetchStamp.write(tmp, identity, resolved);
            FileTrees.replaceTree(tmp, target);
            done = true;
            return new FetchResult(target, identity, resolved, true);
        } finally {
            if (!done) {
                FileTrees.deleteRecursively(tmp);
            }
        }
    }

    private FetchResult upToDate(ArchiveSource src, Path target, Sources.Identity identity) throws IOException {
        log.info("Sources up to date: " + target + " was extracted from " + src.describe() + "; nothing fetched");
        Sources.Resolved resolved = FetchStamp.read(target).map(Sources.Fetch::resolved).orElse(Sources.Resolved.NONE);
        return new FetchResult(target, identity, resolved, false);
    }
}
