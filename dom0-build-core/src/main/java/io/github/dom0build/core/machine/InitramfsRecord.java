package io.github.dom0build.core.machine;

import io.github.dom0build.core.BuildException;
import io.github.dom0build.core.install.InstallManifest;
import io.github.dom0build.core.install.TargetRoot;
import io.github.dom0build.core.io.FileTrees;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Which tool made an installed kernel's initramfs, a note beside the install's manifest
 * ({@code var/lib/dom0-build/<installation>.initramfs}), so that uninstall removes the initramfs the way
 * it was made without being told again: the tool install resolved ({@code auto} becomes
 * {@code update-initramfs}, {@code dracut}, ...), or {@code none}. It goes with the manifest, when every
 * file is out, so an uninstall that fails half-way still finds it on the next run.
 */
final class InitramfsRecord {
    private InitramfsRecord() {
    }

    static void write(TargetRoot root, String installation, InitramfsTool tool) throws BuildException {
        try {
            Path file = file(root, installation);
            FileTrees.writeAtomically(file, (tool.value() + "\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new BuildException("Cannot record how the initramfs of " + installation + " was made in "
                    + root.describe() + ": " + e.getMessage(), "check var/lib/dom0-build there", e);
        }
    }

    /** The recorded tool; empty for an install that recorded none (made before the record existed). */
    static Optional<InitramfsTool> read(TargetRoot root, String installation) throws BuildException {
        try {
            Path file = file(root, installation);
            if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                return Optional.empty();
            }
            String value = Files.readString(file, StandardCharsets.UTF_8).strip();
            for (InitramfsTool t : InitramfsTool.values()) {
                if (t.value().equals(value)) {
                    return Optional.of(t);
                }
            }
            throw new BuildException(file + " names '" + value + "', which is no initramfs tool dom0-build knows.",
                    "remove that file, then uninstall again: the machine's own tool (auto) is used then");
        } catch (IOException e) {
            throw new BuildException("Cannot read how the initramfs of " + installation + " was made in "
                    + root.describe() + ": " + e.getMessage(), "check var/lib/dom0-build there", e);
        }
    }

    /** The record's path as the machine sees it, for messages. */
    static String describe(TargetRoot root, String installation) {
        return "/var/lib/dom0-build/" + installation + ".initramfs in " + root.describe();
    }

    private static Path file(TargetRoot root, String installation) throws IOException {
        return InstallManifest.noteFor(root, installation, "initramfs");
    }
}
