package io.github.dom0build.core.fetch;

import io.github.dom0build.core.io.FileTrees;
import io.github.dom0build.core.metadata.Sources;
import io.github.dom0build.core.stamp.StampStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The record of where a source tree came from ({@code .dom0-build/fetch.json}). Its presence also
 * marks the tree as made by fetch, which is what allows a later fetch to replace it.
 */
public final class FetchStamp {
    public static final String NAME = "fetch";

    private FetchStamp() {
    }

    public static Optional<Sources.Fetch> read(Path tree) throws IOException {
        if (!Files.isDirectory(tree, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        return StampStore.in(tree).read(NAME, Sources.Fetch.class);
    }

    /** The source identity the tree was fetched from, without what was resolved on the way. */
    public static Optional<Sources.Identity> identity(Path tree) throws IOException {
        return read(tree).map(Sources.Fetch::identity);
    }

    public static boolean matches(Path tree, Sources.Identity identity) throws IOException {
        return identity(tree).map(identity::equals).orElse(false);
    }

    /**
     * Starts the tree's records afresh: every other stamp (patches, config) described the old content,
     * so they all go, then the fetch stamp is written.
     */
    public static void write(Path tree, Sources.Identity identity, Sources.Resolved resolved) throws IOException {
        StampStore store = StampStore.in(tree);
        FileTrees.deleteRecursively(store.directory());
        store.write(NAME, new Sources.Fetch(identity, resolved == null ? Sources.Resolved.NONE : resolved));
    }
}
