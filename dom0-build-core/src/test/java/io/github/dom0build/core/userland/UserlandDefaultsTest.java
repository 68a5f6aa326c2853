package io.github.dom0build.core.userland;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dom0build.core.BuildException;
import io.github.dom0build.core.process.ProcessRunner;
import io.github.dom0build.core.testing.RecordingLog;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UserlandDefaultsTest {
    private static final String SOURCES = "Types: deb\nURIs: http://deb.example.org/debian\nSuites: bookworm"
            + " bookworm-updates\nComponents: main\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n\n"
            + "Types: deb\nURIs: http://security.example.org/debian-security\nSuites: bookworm-security\n"
            + "Components: main\n";

    @TempDir
    Path etc;

    private UserlandDefaults defaults() {
        return new UserlandDefaults(new ProcessRunner(new RecordingLog()), etc);
    }

    private void machine(String osRelease, String sources) throws Exception {
        Files.writeString(etc.resolve("os-release"), osRelease);
        Files.createDirectories(etc.resolve("apt/sources.list.d"));
        Files.writeString(etc.resolve("apt/sources.list.d/debian.sources"), sources);
    }

    @Test
    void theMachinesOwnSuiteAndSources() throws Exception {
        machine("PRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\nVERSION_CODENAME=bookworm\nID=debian\n", SOURCES);
        assertThat(defaults().hostCodename()).isEqualTo("bookworm");
        String s = defaults().sources(null, "bookworm", "bookworm");
        assertThat(s).contains("Types: deb\n").contains("Suites: bookworm bookworm-updates")
                .contains("Suites: bookworm-security").contains("Signed-By: /usr/share/keyrings/");
    }

    @Test
    void anotherSuiteRenamesTheMachinesSuites() throws Exception {
        machine("VERSION_CODENAME=bookworm\n", SOURCES);
        String s = defaults().sources(null, "trixie", "bookworm");
        assertThat(s).contains("Suites: trixie trixie-updates").contains("Suites: trixie-security")
                .doesNotContain("bookworm");
    }

    @Test
    void aMirrorUrlOrASourcesFile() throws Exception {
        machine("VERSION_CODENAME=bookworm\n", SOURCES);
        assertThat(defaults().sources("http://mirror.example.org/debian", "bookworm", "bookworm")).isEqualTo(
                "Types: deb\nURIs: http://mirror.example.org/debian\nSuites: bookworm\nComponents: main\n");
        Path file = Files.writeString(etc.resolve("my.sources"), "Types: deb\nURIs: file:/srv/mirror\n");
        assertThat(defaults().sources(file.toString(), "bookworm", "bookworm")).isEqualTo(
                "Types: deb\nURIs: file:/srv/mirror\n");
        assertThatThrownBy(() -> defaults().sources(etc.resolve("missing").toString(), "bookworm", "bookworm"))
                .isInstanceOf(BuildException.class).hasMessageContaining("is neither a URL nor a file of apt sources");
    }

    @Test
    void aMachineThatIsNotDebianNeedsTheSuiteSaid() throws Exception {
        machine("ID=fedora\nVERSION_ID=40\n", "");
        assertThatThrownBy(() -> defaults().request(null, java.util.List.of("systemd"), null, "mmdebstrap",
                java.time.Instant.EPOCH, etc, false)).isInstanceOf(BuildException.class)
                .hasMessageContaining("not Debian or Ubuntu (no VERSION_CODENAME")
                .satisfies(e -> assertThat(((BuildException) e).fix()).contains("userlandSuite"));
    }
}
