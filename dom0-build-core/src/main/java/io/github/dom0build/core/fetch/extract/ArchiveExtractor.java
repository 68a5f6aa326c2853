package io.github.dom0build.core.fetch.extract;

import io.github.dom0build.core.BuildException;
import io.github.dom0build.core.log.BuildLog;
import java.nio.file.Path;

// STUB, replaced by the real extractor
public final class ArchiveExtractor {
    public ArchiveExtractor(ExtractionLimits limits, BuildLog log) {
    }

    public ExtractionResult extract(Path archive, Path dest) throws BuildException {
        throw new UnsupportedOperationException();
    }
}
