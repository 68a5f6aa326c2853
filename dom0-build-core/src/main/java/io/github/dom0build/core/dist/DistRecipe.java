package io.github.dom0build.core.dist;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

/**
 * What every dist needs besides the tree: where the archive and metadata go, the timestamp every
 * archive entry gets, who built it (the Maven coordinates), and how make was called, for the record.
 */
public record DistRecipe(Path archive, Path metadata, Instant timestamp, String coordinates,
        Map<String, String> makeVariables, Map<String, String> environment) {
}
