package io.github.dom0build.core.dist;

import io.github.dom0build.core.BuildException;
import io.github.dom0build.core.metadata.JsonDocuments;
import io.github.dom0build.core.metadata.Sources;
import io.github.dom0build.core.stamp.StampStore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** The fetch and patch stamps of a tree as the metadata's {@link Sources}. */
final class SourceRecord {
    private SourceRecord() {
    }

    static Sources of(Path tree) throws BuildException {
        try {
            StampStore stamps = StampStore.in(tree);
            Sources.Fetch fetch = stamp(stamps, "fetch", Sources.Fetch.class)
                    .orElse(new Sources.Fetch(null, null));
            List<Sources.Patch> patches = stamp(stamps, "patches", PatchList.class)
                    .map(PatchList::patches).orElse(null);
            return new Sources(fetch, patches == null ? List.of() : patches);
        } catch (IOException | RuntimeException e) {
            throw new BuildException("Cannot read the fetch and patch records of " + tree + ": " + e.getMessage(),
                    "run the fetch goal again", e);
        }
    }

    /** A stamp of the tree (written by fetch, patch, configure) as a metadata record. */
    static <T> Optional<T> stamp(StampStore stamps, String name, Class<T> type) throws IOException {
        Optional<com.google.gson.JsonObject> json = stamps.read(name);
        return json.isEmpty() ? Optional.empty() : Optional.of(JsonDocuments.convert(StampStore.toJson(json.get()),
                type));
    }

    /** The patch stamp's form: only its list goes into the metadata. */
    @com.fasterxml.jackson.annotation.JsonIgnoreProperties({"version", "head"})
    record PatchList(List<Sources.Patch> patches) {
    }
}
