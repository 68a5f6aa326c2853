package io.github.dom0build.core.kconfig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dom0build.core.BuildException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KernelConfigTest {
    private static final String SAMPLE = """
            #
            # Automatically generated file; DO NOT EDIT.
            # Linux/x86 6.1.176 Kernel Configuration
            #
            CONFIG_64BIT=y
            CONFIG_XEN_GNTDEV=m
            # CONFIG_HIGHMEM64G is not set
            CONFIG_NR_CPUS=64
            CONFIG_PHYSICAL_START=0x1000000
            CONFIG_LOCALVERSION="-dom0 \\"test\\""

            # end of General setup
            """;

    @TempDir
    Path tmp;

    @Test
    void readsEveryKindOfValueAndWritesTheSameTextBack() throws Exception {
        Path file = tmp.resolve(".config");
        Files.writeString(file, SAMPLE);

        KernelConfig config = KernelConfig.read(file);
        assertThat(config.value("64BIT")).isEqualTo("y");
        assertThat(config.value("CONFIG_XEN_GNTDEV")).isEqualTo("m");
        assertThat(config.value("HIGHMEM64G")).isEqualTo("n");
        assertThat(config.value("NR_CPUS")).isEqualTo("64");
        assertThat(config.value("PHYSICAL_START")).isEqualTo("0x1000000");
        assertThat(config.value("LOCALVERSION")).isEqualTo("\"-dom0 \\\"test\\\"\"");
        assertThat(config.assignments().keySet()).containsExactly("64BIT", "XEN_GNTDEV", "HIGHMEM64G", "NR_CPUS",
                "PHYSICAL_START", "LOCALVERSION");

        Path copy = tmp.resolve("copy");
        config.write(copy);
        assertThat(Files.readString(copy)).isEqualTo(SAMPLE);
        assertThat(KernelConfig.read(copy).assignments()).isEqualTo(config.assignments());
    }

    @Test
    void missingAndNotSetOptionsAreBothNButOnlyOneIsMentioned() throws Exception {
        KernelConfig config = KernelConfig.parse(SAMPLE, "test");
        assertThat(config.value("NO_SUCH_OPTION")).isEqualTo("n");
        assertThat(config.mentions("NO_SUCH_OPTION")).isFalse();
        assertThat(config.mentions("CONFIG_HIGHMEM64G")).isTrue();
        assertThat(config.assignment("HIGHMEM64G")).contains("n");
        assertThat(config.assignment("NO_SUCH_OPTION")).isEmpty();
    }

    @Test
    void anEmptyFileStaysEmpty() throws Exception {
        assertThat(KernelConfig.parse("", "empty").text()).isEmpty();
        assertThat(KernelConfig.empty().digest()).isEqualTo(KernelConfig.parse("\n# only a comment\n", "c").digest());
    }

    @Test
    void theLastOfDuplicateAssignmentsCounts() throws Exception {
        KernelConfig config = KernelConfig.parse("CONFIG_A=y\nCONFIG_A=m\n", "test");
        assertThat(config.value("A")).isEqualTo("m");
    }

    @Test
    void digestIgnoresOrderAndCommentsButNotValuesOrNotSetLines() throws Exception {
        String digest = KernelConfig.parse("CONFIG_A=y\nCONFIG_B=\"x\"\n# CONFIG_C is not set\n", "a").digest();
        assertThat(KernelConfig.parse("# a comment\n# CONFIG_C is not set\nCONFIG_B=\"x\"\n\nCONFIG_A=y\n", "b").digest())
                .isEqualTo(digest);
        assertThat(KernelConfig.parse("CONFIG_A=y\nCONFIG_B=\"x\"\nCONFIG_C=n\n", "c").digest()).isEqualTo(digest);
        assertThat(KernelConfig.parse("CONFIG_A=m\nCONFIG_B=\"x\"\n# CONFIG_C is not set\n", "d").digest())
                .isNotEqualTo(digest);
        assertThat(KernelConfig.parse("CONFIG_A=y\nCONFIG_B=\"x\"\n", "e").digest()).isNotEqualTo(digest);
        assertThat(digest).matches("[0-9a-f]{64}");
    }

    @Test
    void withReplacesInPlaceDropsLaterDuplicatesAndAppendsNewOptions() throws Exception {
        KernelConfig config = KernelConfig.parse("# head\nCONFIG_A=y\nCONFIG_B=y\nCONFIG_A=m\n# tail\n", "test");
        Map<String, String> changes = new LinkedHashMap<>();
        changes.put("CONFIG_A", "n");
        changes.put("NEW", "\"s\"");
        changes.put("B", "y");

        KernelConfig changed = config.with(changes);

        assertThat(changed.text()).isEqualTo("# head\n# CONFIG_A is not set\nCONFIG_B=y\n# tail\nCONFIG_NEW=\"s\"\n");
        assertThat(config.value("A")).as("the original is unchanged").isEqualTo("m");
    }

    @Test
    void aLineThatIsNeitherAssignmentNorCommentIsReportedWithItsLine() {
        assertThatThrownBy(() -> KernelConfig.parse("CONFIG_A=y\nHIGHMEM=y\n", "/tmp/x/.config"))
                .isInstanceOf(BuildException.class)
                .hasMessageContaining("Line 2 of /tmp/x/.config")
                .hasMessageContaining("HIGHMEM=y");
    }

    @Test
    void aMissingFileIsABuildException() {
        assertThatThrownBy(() -> KernelConfig.read(tmp.resolve("nope"))).isInstanceOf(BuildException.class)
                .hasMessageContaining("does not exist");
    }
}
