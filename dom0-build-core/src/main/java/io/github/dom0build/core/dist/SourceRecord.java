package io.github.dom0build.core.dist;

import io.github.dom0build.core.BuildException;
import io.github.dom0build.core.metadata.Sources;
import io.github.dom0build.core.stamp.StampStore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** The fetch and patch stamps of a tree as the metadata's {@link Sources}. */
final class SourceRecord {
    private SourceRecord() {
    }

    static Sources of(Path tree) throws BuildException {
        try {
            StampStore stamps = StampStore.in(tree);
            Sources.Fetch fetch = stamps.read("fetch", Sources.Fetch.class).orElse(new Sources.Fetch(null, null));
            List<Sources.Patch> patches = stamps.read("patches", PatchList.class).map(PatchList::patches)
                    .orElse(null);
            return new Sources(fetch, patches == null ? List.of() : patches);
        } catch (IOException | RuntimeException e) {
            throw new BuildException("Cannot read the fetch and patch records of " + tree + ": " + e.getMessage(),
                    "run the fetch goal again", e);
        }
    }

    /** The patch stamp's form: only its list goes into the metadata. */
    @com.fasterxml.jackson.annotation.JsonIgnoreProperties({"version", "head"})
    record PatchList(List<Sources.Patch> patches) {
    }
}
