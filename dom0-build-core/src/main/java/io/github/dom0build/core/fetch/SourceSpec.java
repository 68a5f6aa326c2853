package io.github.dom0build.core.fetch;

import io.github.dom0build.core.metadata.Sources;

/**
 * Where sources come from. The form of the {@code url} parameter picks the kind; see
 * {@link SourceSpecs#parse}.
 */
public sealed interface SourceSpec permits GitSource, ArchiveSource, DirectorySource, AptSource {
    /** What the fetch stamp records: two fetches with equal identities produce the same tree. */
    Sources.Identity identity();

    /** One line for the log. */
    String describe();
}
