package io.github.dom0build.core.patch;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** fsync for files and directories, so that what the journal promises survives a crash or power loss. */
final class Durable {
    private Durable() {
    }

    static void sync(Path file) throws IOException {
        try (FileChannel c = FileChannel.open(file, StandardOpenOption.READ)) {
            c.force(true);
        }
    }

    /** Makes a directory's entries (created, renamed, deleted files) durable, where the platform can. */
    static void syncDirectory(Path dir) {
        try (FileChannel c = FileChannel.open(dir, StandardOpenOption.READ)) {
            c.force(true);
        } catch (IOException e) {
            // not every platform can open a directory; the rename itself is still atomic
        }
    }
}
