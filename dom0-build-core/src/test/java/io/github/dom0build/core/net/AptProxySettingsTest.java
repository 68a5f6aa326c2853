package io.github.dom0build.core.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The apt configuration made from settings.xml's proxies: what apt reads, and what anyone may see. */
class AptProxySettingsTest {
    private static final String SOURCES = "Types: deb-src\nURIs: http://deb.example.org/debian\nSuites: bookworm\n\n"
            + "Types: deb-src\nURIs: https://mirror.internal/debian-security http://user:pw@Other.Internal:8080/x\n"
            + "Suites: bookworm-security\n";

    @TempDir
    Path tmp;

    private static ProxySelection corp(String nonProxyHosts) {
        return new ProxySelection(List.of(new ProxyConfig("corp", "http", "proxy.example.net", 3128, "builder",
                "s3cret:\"pass", nonProxyHosts)));
    }

    @Test
    void theProxyWithItsCredentialsForBothSchemesAndDirectForTheExemptedHosts() {
        String conf = AptProxySettings.of(corp("*.internal|localhost"), SOURCES).render(true);
        assertThat(conf).isEqualTo("""
                Acquire::http::Proxy "http://builder:s3cret%3A%22pass@proxy.example.net:3128/";
                Acquire::http::Proxy::localhost "DIRECT";
                Acquire::http::Proxy::mirror.internal "DIRECT";
                Acquire::http::Proxy::other.internal "DIRECT";
                Acquire::https::Proxy "http://builder:s3cret%3A%22pass@proxy.example.net:3128/";
                Acquire::https::Proxy::localhost "DIRECT";
                Acquire::https::Proxy::mirror.internal "DIRECT";
                Acquire::https::Proxy::other.internal "DIRECT";
                """);
    }

    @Test
    void theSameSettingsAsTheEnvironmentAptReadsWhenNoConfigurationNamesAProxy() {
        assertThat(AptProxySettings.of(corp("*.internal|localhost"), SOURCES).environment()).containsExactly(
                java.util.Map.entry("http_proxy", "http://builder:s3cret%3A%22pass@proxy.example.net:3128/"),
                java.util.Map.entry("https_proxy", "http://builder:s3cret%3A%22pass@proxy.example.net:3128/"),
                java.util.Map.entry("no_proxy", "localhost,mirror.internal,other.internal"));
        // A shell's own variables must not mix in: what settings.xml does not set is removed (null).
        assertThat(AptProxySettings.of(corp(null), SOURCES).environment()).containsEntry("no_proxy", null);
        ProxySelection httpsOnly = new ProxySelection(List.of(new ProxyConfig("tls", "https", "tls-proxy.example.net",
                8443, null, null, null)));
        assertThat(AptProxySettings.of(httpsOnly, SOURCES).environment()).containsEntry("http_proxy", null)
                .containsEntry("https_proxy", "http://tls-proxy.example.net:8443/");
        assertThat(AptProxySettings.of(ProxySelection.none(), SOURCES).environment()).isEmpty();
    }

    @Test
    void whatIsShownHasStarsForTheCredentials() {
        AptProxySettings s = AptProxySettings.of(corp(null), SOURCES);
        assertThat(s.render(false)).contains("\"http://builder:***@proxy.example.net:3128/\"").doesNotContain("s3cret");
        assertThat(s.toString()).contains("builder:***@").doesNotContain("s3cret");
    }

    @Test
    void anHttpsProxyOfItsOwnIsUsedForHttps() {
        ProxySelection two = new ProxySelection(List.of(
                new ProxyConfig("plain", "http", "proxy.example.net", 3128, null, null, null),
                new ProxyConfig("tls", "https", "tls-proxy.example.net", 8443, null, null, null)));
        assertThat(AptProxySettings.of(two, SOURCES).render(true)).isEqualTo("""
                Acquire::http::Proxy "http://proxy.example.net:3128/";
                Acquire::https::Proxy "http://tls-proxy.example.net:8443/";
                """);
    }

    @Test
    void withoutProxiesThereIsNothingToWrite() {
        AptProxySettings none = AptProxySettings.of(ProxySelection.none(), SOURCES);
        assertThat(none.isEmpty()).isTrue();
        assertThat(none.render(true)).isEmpty();
    }

    @Test
    void theFileWithCredentialsIsReadableByTheUserAlone() throws Exception {
        Path file = AptProxySettings.of(corp(null), SOURCES).writeTo(tmp.resolve("run"));
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(file).content().contains("builder:s3cret%3A%22pass@");
    }
}
