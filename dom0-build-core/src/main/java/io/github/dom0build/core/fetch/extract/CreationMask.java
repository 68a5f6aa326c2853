package io.github.dom0build.core.fetch.extract;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.UUID;

/**
 * Which permission bits a new file in the destination loses at creation (the umask, or a default
 * ACL), found by creating one file there. Knowing it lets the extractor pass a mode to open(2) and
 * skip the chmod whenever nothing would be lost, which is almost always.
 */
final class CreationMask {
    /** Nothing known: every mode is set explicitly after creation. */
    static final int UNKNOWN = 0777;

    private CreationMask() {
    }

    static int probe(Path dir) {
        Path probe = dir.resolve(".dom0-build-mode-probe-" + UUID.randomUUID());
        try {
            Files.createFile(probe, PosixFilePermissions.asFileAttribute(PosixModes.permissions(0777)));
            try {
                Set<PosixFilePermission> kept = Files.getPosixFilePermissions(probe, LinkOption.NOFOLLOW_LINKS);
                return 0777 & ~PosixModes.toMode(kept);
            } finally {
                Files.delete(probe);
            }
        } catch (IOException | RuntimeException e) {
            return UNKNOWN; // then every mode is set with chmod: slower, still right
        }
    }

    /** True when creating a file with {@code mode} under {@code mask} yields exactly {@code mode}. */
    static boolean keeps(int mask, int mode) {
        return (mode & 0777 & mask) == 0;
    }
}
