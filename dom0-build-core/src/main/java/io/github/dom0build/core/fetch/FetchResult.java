package io.github.dom0build.core.fetch;

import com.google.gson.JsonObject;
import java.nio.file.Path;

/**
 * What a fetch produced: the tree, the identity recorded for it, what was resolved on the way (git
 * commit, archive sha256) and whether anything changed.
 */
public record FetchResult(Path tree, JsonObject identity, JsonObject resolved, boolean changed) {
}
