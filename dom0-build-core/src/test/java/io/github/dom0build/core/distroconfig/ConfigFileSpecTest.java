package io.github.dom0build.core.distroconfig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dom0build.core.BuildException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigFileSpecTest {
    private static final String SHA = "a".repeat(64);
    private static final String TMP = "/var/tmp-java";

    @TempDir
    Path tmp;

    @Test
    void eachKindIsRecognised() throws Exception {
        assertThat(ConfigFileSpec.parse("running", null).kind()).isEqualTo(ConfigFileSpec.Kind.RUNNING);
        assertThat(ConfigFileSpec.parse("https://example.org/config-6.1", SHA).kind()).isEqualTo(ConfigFileSpec.Kind.URL);
        assertThat(ConfigFileSpec.parse("org.example:dom0-config:1.0", null).kind())
                .isEqualTo(ConfigFileSpec.Kind.ARTIFACT);
        assertThat(ConfigFileSpec.parse("org.example:dom0-config:1.0:config:amd64", null).kind())
                .isEqualTo(ConfigFileSpec.Kind.ARTIFACT);
        assertThat(ConfigFileSpec.parse("src/kernel/config-6.1.0-50-amd64", null).kind())
                .isEqualTo(ConfigFileSpec.Kind.FILE);
        assertThat(ConfigFileSpec.parse("/boot/config-6.1.0-50-amd64", null).kind()).isEqualTo(ConfigFileSpec.Kind.FILE);
    }

    @Test
    void aUrlWithoutADigestAndABadDigestAreRefused() {
        assertThatThrownBy(() -> ConfigFileSpec.parse("https://example.org/config", null))
                .isInstanceOf(BuildException.class).hasMessageContaining("configFileSha256 is not set");
        assertThatThrownBy(() -> ConfigFileSpec.parse("config", "abc")).isInstanceOf(BuildException.class)
                .hasMessageContaining("is not a sha256");
    }

    @Test
    void theHypervisorTakesEveryKindButRunningAndSaysWhy() throws Exception {
        assertThat(ConfigFileSpec.parseHypervisor("src/xen/xen.config", null).kind()).isEqualTo(ConfigFileSpec.Kind.FILE);
        assertThat(ConfigFileSpec.parseHypervisor("https://example.org/xen.config", SHA).kind())
                .isEqualTo(ConfigFileSpec.Kind.URL);
        assertThat(ConfigFileSpec.parseHypervisor("org.example:xen-config:1.0", null).kind())
                .isEqualTo(ConfigFileSpec.Kind.ARTIFACT);
        assertThatThrownBy(() -> ConfigFileSpec.parseHypervisor("running", null)).isInstanceOfSatisfying(
                BuildException.class, e -> {
                    assertThat(e.problem()).contains("configFile=running names this machine's kernel configuration");
                    assertThat(e.fix()).contains("a path, an https URL with configFileSha256, or Maven coordinates");
                });
    }

    @Test
    void aConfigurationIsPinnedForTheBuildCacheWhenItsParametersNameItsContents() throws Exception {
        assertThat(ConfigFileSpec.parse("running", null).unpinned(TMP)).get().asString()
                .contains("whichever kernel it runs today").contains("configFileSha256");
        assertThat(ConfigFileSpec.parse("running", SHA).unpinned(TMP)).isEmpty();
        assertThat(ConfigFileSpec.parse("org.example:kconfig:1.0-SNAPSHOT", null).unpinned(TMP)).get().asString()
                .contains("names a version that moves");
        assertThat(ConfigFileSpec.parse("org.example:kconfig:LATEST", null).unpinned(TMP)).isPresent();
        assertThat(ConfigFileSpec.parse("org.example:kconfig:1.0-SNAPSHOT", SHA).unpinned(TMP)).isEmpty();
        assertThat(ConfigFileSpec.parse("org.example:kconfig:1.0", null).unpinned(TMP)).isEmpty();
        assertThat(ConfigFileSpec.parse("/srv/configs/config-6.1", null).unpinned(TMP)).as("hashed").isEmpty();
        assertThat(ConfigFileSpec.parse("https://example.org/config-6.1", SHA).unpinned(TMP)).isEmpty();
        assertThat(ConfigFileSpec.parse(TMP + "/config-6.1", null).unpinned(TMP)).get().asString()
                .contains("lies under the temporary directory");
        assertThat(ConfigFileSpec.parse("file:/srv/config-6.1", null).unpinned(TMP)).isPresent();
        assertThat(ConfigFileSpec.parse(TMP + "/config-6.1", SHA).unpinned(TMP)).isEmpty();
    }

    @Test
    void theRunningKernelsConfigComesFromBootElseFromProcConfigGz() throws Exception {
        Path root = Files.createDirectories(tmp.resolve("root"));
        assertThatThrownBy(() -> RunningKernelConfig.locate(root, "6.1.0-50-amd64", tmp.resolve("scratch")))
                .isInstanceOf(BuildException.class).hasMessageContaining("neither").hasMessageContaining("config.gz");
        Files.createDirectories(root.resolve("proc"));
        try (GZIPOutputStream out = new GZIPOutputStream(Files.newOutputStream(root.resolve("proc/config.gz")))) {
            out.write("CONFIG_XEN=y\n".getBytes());
        }
        Path unpacked = RunningKernelConfig.locate(root, "6.1.0-50-amd64", tmp.resolve("scratch"));
        assertThat(unpacked).hasContent("CONFIG_XEN=y");
        Files.createDirectories(root.resolve("boot"));
        Files.writeString(root.resolve("boot/config-6.1.0-50-amd64"), "CONFIG_XEN_DOM0=y\n");
        assertThat(RunningKernelConfig.locate(root, "6.1.0-50-amd64", tmp.resolve("scratch")))
                .isEqualTo(root.resolve("boot/config-6.1.0-50-amd64"));
    }
}
