package io.github.dom0build.core.kconfig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dom0build.core.BuildException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigMergerTest {
    @TempDir
    Path tmp;

    @Test
    void replacesRequestedOptionsWhereTheyStandAndAppendsTheRest() throws Exception {
        Path dotConfig = tmp.resolve(".config");
        Files.writeString(dotConfig, """
                # generated
                CONFIG_64BIT=y
                # CONFIG_XEN is not set
                CONFIG_HZ=250
                CONFIG_XEN_DEBUG_FS=y
                """);
        ConfigRequest request = ConfigRequest.builder()
                .fragment("CONFIG_XEN=y\n# CONFIG_XEN_DEBUG_FS is not set\nCONFIG_XEN_DOM0=y\n", "frag")
                .inline("HZ=1000").inline("LOCALVERSION=\"-dom0\"")
                .build();

        KernelConfig merged = ConfigMerger.apply(dotConfig, request);

        assertThat(Files.readString(dotConfig)).isEqualTo("""
                # generated
                CONFIG_64BIT=y
                CONFIG_XEN=y
                CONFIG_HZ=1000
                # CONFIG_XEN_DEBUG_FS is not set
                CONFIG_XEN_DOM0=y
                CONFIG_LOCALVERSION="-dom0"
                """);
        assertThat(merged.value("XEN_DOM0")).isEqualTo("y");
        try (Stream<Path> files = Files.list(tmp)) {
            assertThat(files).as("no temporary file left behind").containsExactly(dotConfig);
        }
    }

    @Test
    void aMissingDotConfigIsABuildException() {
        assertThatThrownBy(() -> ConfigMerger.apply(tmp.resolve(".config"), ConfigRequest.builder().build()))
                .isInstanceOf(BuildException.class).hasMessageContaining(".config does not exist");
    }
}
