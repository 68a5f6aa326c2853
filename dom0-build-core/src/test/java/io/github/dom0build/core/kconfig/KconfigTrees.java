package io.github.dom0build.core.kconfig;

import io.github.dom0build.core.testing.RecordingLog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Writes small Kconfig trees for tests; {@code \t} in the text stays a tab, as Kconfig files use. */
final class KconfigTrees {
    private KconfigTrees() {
    }

    static Path write(Path root, String relative, String text) {
        try {
            Path file = root.resolve(relative);
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Loads a one-file tree. */
    static KconfigIndex single(Path root, String kconfig) throws Exception {
        return KconfigIndex.load(write(root, "Kconfig", kconfig), Map.of("SRCARCH", "x86"), new RecordingLog());
    }

    static KernelConfig config(String text) throws Exception {
        return KernelConfig.parse(text, "final .config");
    }
}
