package io.github.dom0build.core.kconfig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dom0build.core.BuildException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigRequestTest {
    @TempDir
    Path tmp;

    @Test
    void fragmentTextUsesDotConfigSyntaxAndIgnoresOtherComments() throws Exception {
        ConfigRequest r = ConfigRequest.builder().fragment("""
                # x86 xen specific config options
                CONFIG_XEN_PVH=y
                # CONFIG_XEN_DEBUG_FS is not set
                CONFIG_XEN_ACPI_PROCESSOR=m

                CONFIG_NR_CPUS=128
                CONFIG_PHYSICAL_START=0x1000000
                CONFIG_CMDLINE="console=hvc0"
                # CONFIG_FOO=y is only a comment
                """, ConfigRequest.BUILT_IN_XEN_DOM0).build();

        assertThat(r.values()).containsExactly(
                java.util.Map.entry("XEN_PVH", "y"), java.util.Map.entry("XEN_DEBUG_FS", "n"),
                java.util.Map.entry("XEN_ACPI_PROCESSOR", "m"), java.util.Map.entry("NR_CPUS", "128"),
                java.util.Map.entry("PHYSICAL_START", "0x1000000"), java.util.Map.entry("CMDLINE", "\"console=hvc0\""));
        assertThat(r.option("CONFIG_XEN_PVH").orElseThrow().source()).isEqualTo("built-in xen-dom0 fragment");
    }

    @Test
    void inlineOptionsAcceptEveryDocumentedForm() throws Exception {
        ConfigRequest r = ConfigRequest.builder().inline(List.of("CONFIG_A=y", "B=y", "C=n", "D=\"some string\"",
                "# CONFIG_E is not set", "  F=m  ")).build();

        assertThat(r.values()).containsExactly(java.util.Map.entry("A", "y"), java.util.Map.entry("B", "y"),
                java.util.Map.entry("C", "n"), java.util.Map.entry("D", "\"some string\""),
                java.util.Map.entry("E", "n"), java.util.Map.entry("F", "m"));
        assertThat(r.options()).allSatisfy(o -> assertThat(o.source()).isEqualTo("inline"));
    }

    @Test
    void laterRequestsOverrideEarlierOnesAndRememberThem() throws Exception {
        Path fragment = tmp.resolve("xen.config");
        Files.writeString(fragment, "CONFIG_A=m\nCONFIG_B=y\n");

        ConfigRequest r = ConfigRequest.builder()
                .fragment("CONFIG_A=y\n", ConfigRequest.BUILT_IN_XEN_DOM0)
                .fragmentFile(fragment)
                .inline("A=n")
                .build();

        RequestedOption a = r.option("A").orElseThrow();
        assertThat(a.value()).isEqualTo("n");
        assertThat(a.source()).isEqualTo("inline");
        assertThat(a.sources()).containsExactly("built-in xen-dom0 fragment", fragment.toString(), "inline");
        assertThat(a.origin()).isEqualTo("inline, overriding m from " + fragment + ":1, which overrode y from "
                + "built-in xen-dom0 fragment");
        assertThat(r.option("B").orElseThrow().origin()).isEqualTo(fragment + ":2");
        assertThat(r.values().keySet()).as("first-request order").containsExactly("A", "B");
    }

    @Test
    void aMalformedFragmentLineNamesTheFileAndLine() throws Exception {
        Path fragment = tmp.resolve("bad.config");
        Files.writeString(fragment, "CONFIG_A=y\n\nCONFIG_B=yes\n");

        assertThatThrownBy(() -> ConfigRequest.builder().fragmentFile(fragment))
                .isInstanceOf(BuildException.class)
                .hasMessageContaining("Line 3 of " + fragment)
                .hasMessageContaining("CONFIG_B=yes")
                .hasMessageContaining("Fix:");
    }

    @Test
    void linesWithoutThePrefixOrWithBadValuesAreRejected() {
        for (String bad : List.of("HIGHMEM64G=y", "CONFIG_A=", "CONFIG_A=Y", "CONFIG_A=two words", "CONFIG_A=\"open",
                "CONFIG_A=y # trailing comment", "CONFIG_A=\"a\"b\"")) {
            assertThatThrownBy(() -> ConfigRequest.builder().fragment(bad + "\n", "frag"))
                    .as(bad).isInstanceOf(BuildException.class).hasMessageContaining("Line 1 of frag");
        }
        for (String bad : List.of("", "A", "=y", "A-B=y", "A=yes", "# just a comment")) {
            assertThatThrownBy(() -> ConfigRequest.builder().inline(bad)).as(bad).isInstanceOf(BuildException.class)
                    .hasMessageContaining("inline option");
        }
    }

    @Test
    void programmaticRequestsAreCheckedToo() throws Exception {
        assertThat(ConfigRequest.builder().set("CONFIG_X", "y", "plugin").build().option("X").orElseThrow().source())
                .isEqualTo("plugin");
        assertThatThrownBy(() -> ConfigRequest.builder().set("X", "on", "plugin")).isInstanceOf(BuildException.class);
    }
}
