package io.github.dom0build.core.fetch;

import io.github.dom0build.core.metadata.Sources;
import java.nio.file.Path;

/** A local directory, used in place (the source directory becomes a link to it) or copied. */
public record DirectorySource(Path path, boolean copy) implements SourceSpec {
    @Override
    public Sources.Identity identity() {
        return Sources.Identity.directory(path.toString(), copy);
    }

    @Override
    public String describe() {
        return (copy ? "copy of directory " : "directory ") + path;
    }
}
