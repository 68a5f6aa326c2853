package io.github.dom0build.core.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.dom0build.core.BuildException;
import io.github.dom0build.core.fetch.download.HttpDownloader;
import io.github.dom0build.core.testing.AuthenticatingProxy;
import io.github.dom0build.core.testing.LoopbackHttpServer;
import io.github.dom0build.core.testing.RecordingLog;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Archive downloads through settings.xml's proxy, against a loopback proxy that wants credentials and
 * forwards to a loopback server: the mirror's example.org name is known only to the proxy, so a
 * download that skipped it could not have succeeded, and the proxy's record shows the request.
 */
class ThroughAnAuthenticatingProxyTest {
    @TempDir
    Path tmp;

    private final RecordingLog log = new RecordingLog();
    private final byte[] body = "linux-6.1 archive".getBytes(StandardCharsets.UTF_8);
    private LoopbackHttpServer server;
    private AuthenticatingProxy proxy;

    @BeforeEach
    void start() throws Exception {
        server = new LoopbackHttpServer();
        server.on("/linux.tar.xz", LoopbackHttpServer.bytes(body));
        proxy = new AuthenticatingProxy("builder", "s3cret:\"pass");
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
        proxy.close();
    }

    private URI mirror() {
        return URI.create("http://mirror.example.org:" + server.port() + "/linux.tar.xz");
    }

    private HttpDownloader through(String user, String password, String nonProxyHosts) {
        ProxyConfig p = new ProxyConfig("corp", "http", "127.0.0.1", proxy.port(), user, password, nonProxyHosts);
        return new HttpDownloader(new ProxySelection(List.of(p)), Duration.ofSeconds(5), Duration.ofSeconds(5), log,
                false);
    }

    @Test
    void aDownloadGoesThroughTheProxyWithItsCredentials() throws Exception {
        through("builder", "s3cret:\"pass", null).download(mirror(), tmp.resolve("part"));

        assertThat(tmp.resolve("part")).hasBinaryContent(body);
        assertThat(proxy.forwarded()).containsExactly("GET " + mirror() + " HTTP/1.1");
        assertThat(proxy.refused()).isZero();
        assertThat(log.text()).doesNotContain("s3cret");
    }

    @Test
    void withoutCredentialsThe407SaysWhereToSetThem() {
        BuildException e = assertThrows(BuildException.class,
                () -> through(null, null, null).download(mirror(), tmp.resolve("part")));

        assertThat(e.problem()).contains("the server answered HTTP 407").contains("(through proxy http://127.0.0.1:"
                + proxy.port() + " (settings.xml proxy 'corp'))");
        assertThat(e.fix()).isEqualTo("set <username> and <password> for the proxy http://127.0.0.1:" + proxy.port()
                + " (settings.xml proxy 'corp') in settings.xml");
        assertThat(proxy.refused()).isEqualTo(1);
        assertThat(server.hits("/linux.tar.xz")).isZero();
    }

    @Test
    void wrongCredentialsAreRefusedAndNeverShown() {
        BuildException e = assertThrows(BuildException.class,
                () -> through("builder", "wrong-password", null).download(mirror(), tmp.resolve("part")));

        assertThat(e.fix()).contains("refused the credentials of settings.xml");
        assertThat(e.problem() + e.fix() + log.text()).doesNotContain("wrong-password");
        assertThat(proxy.refused()).isPositive();
    }

    @Test
    void aHostInNonProxyHostsIsReachedDirectly() throws Exception {
        through("builder", "s3cret:\"pass", "*.internal|127.0.0.1").download(server.uri("/linux.tar.xz"),
                tmp.resolve("part"));

        assertThat(tmp.resolve("part")).hasBinaryContent(body);
        assertThat(proxy.authorizations()).as("the proxy saw nothing").isEmpty();
        assertThat(server.hits("/linux.tar.xz")).isEqualTo(1);
    }

    @Test
    void theProxyForAUrlFollowsProtocolAndNonProxyHosts() {
        ProxyConfig http = new ProxyConfig("corp", "http", "proxy.corp.example", 3128, null, null,
                "*.internal|localhost");
        ProxySelection sel = new ProxySelection(List.of(http));
        assertThat(sel.forUri(URI.create("https://cdn.kernel.example/x.tar.xz"))).contains(http);
        assertThat(sel.forUri(URI.create("http://mirror.internal/x.tar.xz"))).isEmpty();
        assertThat(sel.forUri(URI.create("http://localhost/x"))).isEmpty();
        assertThat(sel.forScheme("https")).as("ignoring nonProxyHosts").contains(http);
    }
}
