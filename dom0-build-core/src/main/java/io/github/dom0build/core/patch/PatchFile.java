package io.github.dom0build.core.patch;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One patch of a series.
 *
 * @param path   the patch file
 * @param name   the name it is known by: as written in the series file, or the file name; logs, errors and
 *               the {@code patches} stamp use it
 * @param strip  how many leading path components to remove from the file names in the patch ({@code -pN})
 * @param sha256 the digest of the file as read when the series was loaded
 */
public record PatchFile(Path path, String name, int strip, String sha256) {
    public PatchFile {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(sha256, "sha256");
        if (strip < 0) {
            throw new IllegalArgumentException("strip level must not be negative: " + strip);
        }
    }
}
