package io.github.dom0build.core.fetch.apt;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dom0build.core.net.ProxyConfig;
import io.github.dom0build.core.net.ProxySelection;
import io.github.dom0build.core.process.ProcessRunner;
import io.github.dom0build.core.testing.AuthenticatingProxy;
import io.github.dom0build.core.testing.LoopbackHttpServer;
import io.github.dom0build.core.testing.RecordingLog;
import io.github.dom0build.core.userland.LocalAptRepository;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The private apt through settings.xml's proxy: real apt-get against a repository served on loopback
 * under an example.org name that only the authenticating proxy reaches; the credentials live in a file
 * only while the PrivateApt is open, and are never in the log.
 */
class PrivateAptProxyTest {
    @TempDir
    Path tmp;

    private final RecordingLog log = new RecordingLog();

    private static ProxySelection proxy(int port, String nonProxyHosts) {
        return new ProxySelection(List.of(new ProxyConfig("corp", "http", "127.0.0.1", port, "builder", "s3cret",
                nonProxyHosts)));
    }

    @Test
    void withoutAProxyAptGetsNoConfigurationFile() {
        PrivateApt apt = new PrivateApt(tmp.resolve("apt"), "Types: deb\nURIs: http://deb.example.org/debian\n",
                List.of(), new ProcessRunner(log), log);
        assertThat(apt.options()).doesNotContain("-c");
        assertThat(tmp.resolve("apt/run")).doesNotExist();
    }

    @Test
    void theProxyFileExistsWhileAptIsOpenAndIsGoneAfter() throws Exception {
        Path file;
        try (PrivateApt apt = new PrivateApt(tmp.resolve("apt"), "Types: deb\nURIs: http://deb.example.org/debian\n",
                List.of(), proxy(3128, null), new ProcessRunner(log), log)) {
            List<String> options = apt.options();
            file = Path.of(options.get(options.indexOf("-c") + 1));
            assertThat(file).content().contains("Acquire::http::Proxy \"http://builder:s3cret@127.0.0.1:3128/\";");
            assertThat(apt.proxySettingsShown()).contains("builder:***@").doesNotContain("s3cret");
        }
        assertThat(file).doesNotExist();
        assertThat(log.text()).contains("builder:***@").doesNotContain("s3cret");
    }

    @Test
    void aptGetUpdateGoesThroughTheProxyWithItsCredentials() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/apt-get")), "apt-get is not installed here");
        Path repo = tmp.resolve("repo");
        LocalAptRepository.write(repo, "252.39-1~deb12u1");
        try (LoopbackHttpServer server = new LoopbackHttpServer();
                AuthenticatingProxy proxy = new AuthenticatingProxy("builder", "s3cret")) {
            String sources = LocalAptRepository.serve(repo, server, "apt.example.org");
            String mirror = "http://apt.example.org:" + server.port() + "/debian";
            // One request per connection: the test proxy forwards one and closes.
            try (PrivateApt apt = new PrivateApt(tmp.resolve("apt"), sources, List.of("APT::Architecture=amd64",
                    "APT::Architectures=amd64", "Acquire::http::Pipeline-Depth=0"), proxy(proxy.port(), null),
                    new ProcessRunner(log), log)) {
                apt.refresh("binary package");
            }
            assertThat(proxy.forwarded()).anyMatch(l -> l.startsWith("GET " + mirror + "/dists/"
                    + LocalAptRepository.SUITE + "/"));
            assertThat(proxy.refused()).isZero();
            assertThat(server.hits("/debian/dists/" + LocalAptRepository.SUITE + "/main/binary-amd64/Packages"))
                    .isPositive();
            try (Stream<Path> left = Files.list(tmp.resolve("apt/run"))) {
                assertThat(left).as("no file with the credentials stays behind").isEmpty();
            }
            assertThat(log.text()).doesNotContain("s3cret");
        }
    }

    @Test
    void aptReachesAHostInNonProxyHostsDirectly() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/apt-get")), "apt-get is not installed here");
        Path repo = tmp.resolve("repo");
        LocalAptRepository.write(repo, "252.39-1~deb12u1");
        try (LoopbackHttpServer server = new LoopbackHttpServer();
                AuthenticatingProxy proxy = new AuthenticatingProxy("builder", "s3cret")) {
            String sources = LocalAptRepository.serve(repo, server, server.uri("/").getHost());
            try (PrivateApt apt = new PrivateApt(tmp.resolve("apt"), sources, List.of("APT::Architecture=amd64",
                    "APT::Architectures=amd64"), proxy(proxy.port(), "localhost|127.0.0.*"), new ProcessRunner(log),
                    log)) {
                assertThat(apt.proxySettingsShown()).contains("Acquire::http::Proxy::127.0.0.1 \"DIRECT\"");
                apt.refresh("binary package");
            }
            assertThat(proxy.authorizations()).as("the proxy saw nothing").isEmpty();
            assertThat(server.hits("/debian/dists/" + LocalAptRepository.SUITE + "/main/binary-amd64/Packages"))
                    .isPositive();
        }
    }
}
