package io.github.dom0build.core.userland;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dom0build.core.BuildException;
import io.github.dom0build.core.fetch.apt.PrivateApt;
import io.github.dom0build.core.process.ProcessRunner;
import io.github.dom0build.core.testing.RecordingLog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real apt, against a repository on disk: the resolution mmdebstrap's minbase would install. */
class PackageResolverTest {
    @TempDir
    Path tmp;

    private final RecordingLog log = new RecordingLog();
    private final ProcessRunner runner = new ProcessRunner(log);

    @BeforeEach
    void apt() {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/apt-get")), "apt-get is not installed here");
    }

    private UserlandRequest request(String sources, List<String> packages) {
        return new UserlandRequest(LocalAptRepository.SUITE, "amd64", packages, sources, "mmdebstrap", Instant.EPOCH,
                tmp.resolve("cache"), false);
    }

    private List<String> resolve(UserlandRequest r) throws Exception {
        PrivateApt apt = new PrivateApt(tmp.resolve("apt"), r.sources(), List.of("APT::Architecture=amd64",
                "APT::Architectures=amd64"), runner, log);
        apt.refresh("binary package");
        return new PackageResolver(runner).resolve(apt, r);
    }

    @Test
    void essentialRequiredAptAndTheRequestedPackagesWithTheirDependencies() throws Exception {
        String sources = LocalAptRepository.write(tmp.resolve("repo"), "252.39-1~deb12u1");
        assertThat(resolve(request(sources, List.of("systemd")))).containsExactly("apt=2.6.1", "base-files=12.4",
                "libc6=2.36-9", "libsystemd0=252.39-1~deb12u1", "systemd=252.39-1~deb12u1");
    }

    @Test
    void aNewVersionInTheIndexChangesTheResolution() throws Exception {
        List<String> before = resolve(request(LocalAptRepository.write(tmp.resolve("repo"), "252.39-1~deb12u1"),
                List.of("systemd")));
        Files.writeString(tmp.resolve("apt/lists.updated"), "old\n");
        Files.setLastModifiedTime(tmp.resolve("apt/lists.updated"), java.nio.file.attribute.FileTime.fromMillis(0));
        List<String> after = resolve(request(LocalAptRepository.write(tmp.resolve("repo"), "252.40-1~deb12u1"),
                List.of("systemd")));
        assertThat(after).isNotEqualTo(before).contains("systemd=252.40-1~deb12u1");
    }

    @Test
    void anUnknownPackageIsNamedWithTheFix() throws Exception {
        String sources = LocalAptRepository.write(tmp.resolve("repo"), "252.39-1~deb12u1");
        assertThatThrownBy(() -> resolve(request(sources, List.of("systemd", "no-such-package"))))
                .isInstanceOf(BuildException.class)
                .hasMessageContaining("apt cannot resolve the packages of Debian testsuite amd64")
                .hasMessageContaining("no-such-package")
                .satisfies(e -> assertThat(((BuildException) e).fix()).contains("userlandPackages"));
    }
}
