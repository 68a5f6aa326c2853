package io.github.dom0build.core.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dom0build.core.BuildException;
import io.github.dom0build.core.arch.Architecture;
import io.github.dom0build.core.guard.DeletionRule;
import io.github.dom0build.core.metadata.DistMetadata;
import io.github.dom0build.core.testing.RecordingLog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PartArchitecturesTest {
    @TempDir
    Path tmp;

    private static Dom0Bundle.Part part(String label, String arch) {
        DistMetadata md = new DistMetadata(DistMetadata.SCHEMA_VERSION.toString(), DistMetadata.KERNEL, "1",
                "org.example:" + label + ":1", null, null, arch, null, null, null, null, null, null, null, null, null,
                null, null, null);
        return new Dom0Bundle.Part(label, Path.of(label + ".tar.gz"), md);
    }

    @Test
    void oneArchitectureIsTheBundles() throws BuildException {
        assertThat(PartArchitectures.requireOne(List.of(part("kernel", "arm64"), part("xen", "arm64"))))
                .contains(Architecture.ARM64);
        // the kernel's ARCH value and the metadata's name are the same architecture
        assertThat(PartArchitectures.requireOne(List.of(part("kernel", "x86"), part("xen", "x86_64"))))
                .contains(Architecture.X86_64);
        assertThat(PartArchitectures.requireOne(List.of(part("kernel", null), part("xen", null)))).isEmpty();
    }

    @Test
    void mixedArchitecturesAreRefusedBeforeAnythingIsUnpacked() throws Exception {
        Path root = tmp.resolve("target/root");
        Files.createDirectories(root);
        Files.writeString(root.resolve("kept"), "x");
        assertThatThrownBy(() -> new Dom0Bundle(new RecordingLog()).assemble(
                List.of(part("kernel", "arm64"), part("xen", "x86_64")), root, new DeletionRule(tmp.resolve("target"))))
                .isInstanceOf(BuildException.class).hasMessageContaining("kernel: arm64")
                .hasMessageContaining("xen: x86_64");
        assertThat(root.resolve("kept")).exists();
    }
}
