package io.github.dom0build.it.harness;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Inputs large enough that a step takes a while on them, so that a test can stop a build (SIGKILL or
 * SIGSTOP) while the step's state is half-way on disk: a kernel stage to install, a patch to apply.
 */
public final class BulkyInputs {
    /** How many files {@link #patchOfManyFiles} changes. */
    public static final int PATCHED_FILES = 400;

    private BulkyInputs() {
    }

    /** A kernel stage: a 2 MiB random image ({@code seed}), its config, and 2000 small modules. */
    public static void kernelStage(Path stage, long seed) throws IOException {
        byte[] image = new byte[2 << 20];
        new java.util.Random(seed).nextBytes(image);
        Files.createDirectories(stage.resolve("boot"));
        Files.write(stage.resolve("boot/vmlinuz-6.1.0-big"), image);
        Files.writeString(stage.resolve("boot/config-6.1.0-big"), "CONFIG_XEN_DOM0=y\n");
        for (int i = 0; i < 2000; i++) {
            Path ko = stage.resolve("lib/modules/6.1.0-big/kernel/d" + (i / 100) + "/m" + i + ".ko");
            Files.createDirectories(ko.getParent());
            Files.writeString(ko, "module " + i + "\n");
        }
    }

    /**
     * {@link #PATCHED_FILES} files {@code many/fNNNN.c} in the project's {@code tree/} and a patch
     * {@code big.patch} changing each ({@code b = 1} to {@code b = 2}); returns the patch.
     */
    public static Path patchOfManyFiles(ItProject p) throws IOException {
        StringBuilder patch = new StringBuilder();
        for (int i = 0; i < PATCHED_FILES; i++) {
            String f = patchedFile(i);
            Path file = p.resolve("tree/" + f);
            Files.createDirectories(file.getParent());
            Files.writeString(file, "/* " + f + " */\nint a;\nint b = 1;\nint c;\n");
            patch.append("--- a/").append(f).append("\n+++ b/").append(f).append("\n@@ -1,4 +1,4 @@\n /* ").append(f)
                    .append(" */\n int a;\n-int b = 1;\n+int b = 2;\n int c;\n");
        }
        Path big = p.resolve("big.patch");
        Files.writeString(big, patch, StandardCharsets.UTF_8);
        return big;
    }

    /** The tree path of the i-th file {@link #patchOfManyFiles} changes. */
    public static String patchedFile(int i) {
        return String.format("many/f%04d.c", i);
    }
}
