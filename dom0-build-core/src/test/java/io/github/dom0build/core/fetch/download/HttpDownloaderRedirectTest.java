package io.github.dom0build.core.fetch.download;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.dom0build.core.BuildException;
import io.github.dom0build.core.io.Sha256;
import io.github.dom0build.core.net.ProxySelection;
import io.github.dom0build.core.testing.LoopbackHttpServer;
import io.github.dom0build.core.testing.LoopbackHttpsServer;
import io.github.dom0build.core.testing.RecordingLog;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Redirects of archive downloads against real loopback servers, one of them https with a certificate
 * of its own: http to https is followed (the common case for mirrors), https down to http never, and
 * a chain of redirects only up to its bound.
 */
class HttpDownloaderRedirectTest {
    @TempDir
    Path tmp;

    private final RecordingLog log = new RecordingLog();
    private final byte[] body = "xen-4.17 archive".getBytes(StandardCharsets.UTF_8);
    private LoopbackHttpServer http;
    private LoopbackHttpsServer https;

    @BeforeEach
    void servers() throws Exception {
        http = new LoopbackHttpServer();
        https = new LoopbackHttpsServer(tmp);
    }

    @AfterEach
    void stop() {
        http.close();
        https.close();
    }

    private HttpDownloader downloader() {
        return new HttpDownloader(ProxySelection.none(), Duration.ofSeconds(5), Duration.ofSeconds(5), log, false)
                .trusting(https.trustingFactory());
    }

    @Test
    void anHttpToHttpsRedirectIsFollowed() throws Exception {
        http.on("/xen.tar.gz", LoopbackHttpServer.redirect(https.uri("/xen.tar.gz").toString()));
        https.on("/xen.tar.gz", LoopbackHttpServer.bytes(body));

        HttpDownloader.Download d = downloader().download(http.uri("/xen.tar.gz"), tmp.resolve("part"));

        assertThat(d.sha256()).isEqualTo(Sha256.of(body));
        assertThat(tmp.resolve("part")).hasBinaryContent(body);
        assertThat(https.hits("/xen.tar.gz")).isEqualTo(1);
        assertThat(log.lines()).contains("INFO   redirected to " + https.uri("/xen.tar.gz"));
    }

    @Test
    void anHttpsToHttpRedirectIsRefusedNamingBothSides() throws Exception {
        https.on("/xen.tar.gz", LoopbackHttpServer.redirect(http.uri("/xen.tar.gz").toString()));
        http.on("/xen.tar.gz", LoopbackHttpServer.bytes(body));

        BuildException e = assertThrows(BuildException.class,
                () -> downloader().download(https.uri("/xen.tar.gz"), tmp.resolve("part")));

        assertThat(e.problem()).isEqualTo("Download of " + https.uri("/xen.tar.gz") + " failed: the server redirected"
                + " from https down to plain http (HTTP 302 from " + https.uri("/xen.tar.gz") + ", Location: "
                + http.uri("/xen.tar.gz") + "); dom0-build does not follow that.");
        assertThat(e.fix()).contains("find where it serves the file over https");
        assertThat(http.hits("/xen.tar.gz")).as("the plain http side is never asked").isZero();
    }

    @Test
    void twentyRedirectsAreFollowedAndATwentyFirstIsRefused() throws Exception {
        for (int i = 0; i < 21; i++) {
            http.on("/r" + i, LoopbackHttpServer.redirect("/r" + (i + 1)));
        }
        http.on("/r21", LoopbackHttpServer.bytes(body));

        assertThat(downloader().download(http.uri("/r1"), tmp.resolve("ok")).size()).as("20 redirects")
                .isEqualTo(body.length);
        BuildException e = assertThrows(BuildException.class,
                () -> downloader().download(http.uri("/r0"), tmp.resolve("part")));

        assertThat(e.problem()).startsWith("Download of " + http.uri("/r0") + " failed: Server redirected too many"
                + " times (20) (HTTP 302 from " + http.uri("/r20") + ", Location: /r21)");
        assertThat(http.hits("/r21")).as("only the first, bounded chain reached the file").isEqualTo(1);
    }
}
