package io.github.dom0build.core.userland;

import java.nio.file.Path;
import java.util.List;

/**
 * A distribution userland ready to be a boot root's base: a root file system tarball or directory,
 * what it is, and the packages (name=version) in it where known.
 */
public record Userland(Path location, boolean directory, String description, List<String> packages) {

    public static Userland ofDirectory(Path dir) {
        return new Userland(dir, true, dir.toString(), List.of());
    }

    public static Userland ofTarball(Path tar) {
        return new Userland(tar, false, tar.toString(), List.of());
    }
}
