package io.github.dom0build.core.fetch;

import io.github.dom0build.core.metadata.Sources;
import java.nio.file.Path;

/**
 * What a fetch produced: the tree, the identity recorded for it, what was resolved on the way (git
 * commit, archive sha256) and whether anything changed.
 */
public record FetchResult(Path tree, Sources.Identity identity, Sources.Resolved resolved, boolean changed) {
}
