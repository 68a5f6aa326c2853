package io.github.dom0build.core.dist;

import io.github.dom0build.core.BuildException;
import io.github.dom0build.core.archive.ReproducibleTarGz;
import io.github.dom0build.core.archive.TreeEntry;
import io.github.dom0build.core.archive.TreeScanner;
import io.github.dom0build.core.io.Sha256;
import io.github.dom0build.core.log.BuildLog;
import io.github.dom0build.core.metadata.DistMetadata;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/** Turns a staged tree into the archive and its metadata file. */
public final class DistPackager {
    /** The two files written, and the archive's digest. */
    public record Packaged(Path archive, Path metadata, String archiveSha256, int files) {
    }

    private final BuildLog log;

    public DistPackager(BuildLog log) {
        this.log = log;
    }

    public Packaged pack(Path stage, Path archive, Path metadataFile, Instant timestamp, DistMetadata metadata)
            throws BuildException {
        List<TreeEntry> entries = TreeScanner.scan(stage);
        ReproducibleTarGz.write(stage, entries, timestamp, archive);
        String sha;
        try {
            sha = Sha256.of(archive);
        } catch (IOException e) {
            throw new BuildException("Cannot read back " + archive + ": " + e.getMessage(), "build again", e);
        }
        List<DistMetadata.FileEntry> listed = entries.stream().filter(e -> e.kind() != TreeEntry.Kind.DIRECTORY)
                .map(e -> e.kind() == TreeEntry.Kind.SYMLINK ? DistMetadata.FileEntry.link(e.path(), e.linkTarget())
                        : DistMetadata.FileEntry.file(e.path(), e.sha256(), e.size(), e.mode()))
                .toList();
        metadata.withContents(archive.getFileName().toString(), sha, listed).write(metadataFile);
        int files = (int) entries.stream().filter(e -> e.kind() != TreeEntry.Kind.DIRECTORY).count();
        log.info("Packaged " + files + " files into " + archive + " (sha256 " + sha + ")");
        return new Packaged(archive, metadataFile, sha, files);
    }
}
