package io.github.dom0build.core.fetch.download;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dom0build.core.BuildException;
import io.github.dom0build.core.io.Sha256;
import io.github.dom0build.core.net.ProxySelection;
import io.github.dom0build.core.testing.LoopbackHttpServer;
import io.github.dom0build.core.testing.RecordingLog;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DownloadCacheTest {
    @TempDir
    Path tmp;

    private final RecordingLog log = new RecordingLog();
    private LoopbackHttpServer server;
    private DownloadCache cache;
    private final byte[] body = "the archive bytes\n".repeat(1000).getBytes(StandardCharsets.UTF_8);
    private final String sha = Sha256.of(body);

    @BeforeEach
    void start() throws Exception {
        server = new LoopbackHttpServer();
        cache = new DownloadCache(tmp.resolve("cache"), log);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpDownloader downloader() {
        return new HttpDownloader(ProxySelection.none(), Duration.ofSeconds(5), Duration.ofSeconds(2), log, false);
    }

    private List<Path> cacheFiles() throws Exception {
        if (!Files.exists(cache.root())) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(cache.root().resolve("sha256"))) {
            return s.filter(Files::isRegularFile).toList();
        }
    }

    @Test
    void downloadsOnceThenServesFromTheCache() throws Exception {
        server.on("/x.tar.gz", LoopbackHttpServer.bytes(body));
        URI uri = server.uri("/x.tar.gz");
        Path first = cache.get(uri, sha, downloader(), false);
        Path second = cache.get(uri, sha, downloader(), false);
        assertThat(first).isEqualTo(second).hasBinaryContent(body);
        assertThat(server.hits("/x.tar.gz")).isEqualTo(1);
        assertThat(log.text()).contains("Using cached");
    }

    @Test
    void aWrongChecksumFailsAndLeavesNoEntry() throws Exception {
        server.on("/x.tar.gz", LoopbackHttpServer.bytes(body));
        String wrong = "0".repeat(64);
        assertThatThrownBy(() -> cache.get(server.uri("/x.tar.gz"), wrong, downloader(), false))
                .isInstanceOf(BuildException.class).hasMessageContaining("sha256 mismatch")
                .hasMessageContaining("expected " + wrong).hasMessageContaining("got " + sha);
        assertThat(cacheFiles()).isEmpty();
    }

    @Test
    void errorStatusesNameTheUrlAndTheStatus() {
        server.on("/gone", LoopbackHttpServer.status(404)).on("/boom", LoopbackHttpServer.status(500));
        assertThatThrownBy(() -> cache.get(server.uri("/gone"), sha, downloader(), false))
                .hasMessageContaining(server.uri("/gone") + " failed: the server answered HTTP 404");
        assertThatThrownBy(() -> cache.get(server.uri("/boom"), sha, downloader(), false))
                .hasMessageContaining("HTTP 500").hasMessageContaining("run the build again later");
    }

    @Test
    void aBrokenOffBodyIsNotCachedAndTheNextRunSucceeds() throws Exception {
        server.on("/x.tar.gz", LoopbackHttpServer.truncated(body, 100));
        assertThatThrownBy(() -> cache.get(server.uri("/x.tar.gz"), sha, downloader(), false))
                .isInstanceOf(BuildException.class).hasMessageContaining(server.uri("/x.tar.gz").toString());
        assertThat(cacheFiles()).isEmpty();
        server.on("/x.tar.gz", LoopbackHttpServer.bytes(body));
        assertThat(cache.get(server.uri("/x.tar.gz"), sha, downloader(), false)).hasBinaryContent(body);
    }

    @Test
    void aStalledServerTimesOut() {
        server.on("/slow", LoopbackHttpServer.stall(10_000));
        assertThatThrownBy(() -> cache.get(server.uri("/slow"), sha, downloader(), false))
                .isInstanceOf(BuildException.class).hasMessageContaining("stalled");
    }

    @Test
    void aRedirectLoopFails() {
        server.on("/a", LoopbackHttpServer.redirect("/b")).on("/b", LoopbackHttpServer.redirect("/a"));
        assertThatThrownBy(() -> cache.get(server.uri("/a"), sha, downloader(), false))
                .isInstanceOf(BuildException.class).hasMessageContaining("redirect");
    }

    @Test
    void offlineWithoutTheEntryNamesWhereItIsExpected() {
        assertThatThrownBy(() -> cache.get(server.uri("/x.tar.gz"), sha, downloader(), true))
                .isInstanceOf(BuildException.class).hasMessageContaining("offline")
                .hasMessageContaining(cache.entryFor(server.uri("/x.tar.gz"), sha).toString());
        assertThat(server.hits("/x.tar.gz")).isZero();
    }

    @Test
    void aDamagedEntryIsReplaced() throws Exception {
        server.on("/x.tar.gz", LoopbackHttpServer.bytes(body));
        Path entry = cache.get(server.uri("/x.tar.gz"), sha, downloader(), false);
        Files.write(entry, "garbage".getBytes());
        assertThat(cache.get(server.uri("/x.tar.gz"), sha, downloader(), false)).hasBinaryContent(body);
        assertThat(log.text()).contains("is damaged");
        assertThat(server.hits("/x.tar.gz")).isEqualTo(2);
    }

    @Test
    void concurrentRequestsForOneDigestDownloadOnce() throws Exception {
        server.on("/x.tar.gz", LoopbackHttpServer.slowBytes(body, 4096, 20));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<Path>> calls = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                // a cache object each, as separate builds would have
                DownloadCache c = new DownloadCache(tmp.resolve("cache"), log);
                calls.add(() -> c.get(server.uri("/x.tar.gz"), sha, downloader(), false));
            }
            for (Future<Path> f : pool.invokeAll(calls)) {
                assertThat(f.get()).hasBinaryContent(body);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(server.hits("/x.tar.gz")).isEqualTo(1);
    }
}
