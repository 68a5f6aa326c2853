package io.github.dom0build.core.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.github.dom0build.core.BuildException;
import io.github.dom0build.core.fetch.download.DownloadCache;
import io.github.dom0build.core.fetch.download.HttpDownloader;
import io.github.dom0build.core.net.ProxySelection;
import io.github.dom0build.core.io.Sha256;
import io.github.dom0build.core.testing.LoopbackHttpServer;
import io.github.dom0build.core.testing.RecordingLog;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The download cache shared by builds running at once in one JVM ({@code mvn -T}, or the kernel and Xen
 * plugins side by side, each with its own class loader and cache object): one download per digest, the
 * lock released whatever happens, and a bad download by one build never becomes the other's file.
 */
class SharedCacheTest {
    @TempDir
    Path tmp;

    private final RecordingLog log = new RecordingLog();
    private final byte[] body = "the archive bytes\n".repeat(4000).getBytes();
    private final String sha = Sha256.of(body);
    private LoopbackHttpServer server;
    private URI uri;

    @BeforeEach
    void start() throws Exception {
        server = new LoopbackHttpServer();
        uri = server.uri("/x.tar.gz");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private Path get() throws BuildException {
        return new DownloadCache(tmp.resolve("cache"), log).get(uri, sha, new HttpDownloader(ProxySelection.none(),
                Duration.ofSeconds(5), Duration.ofSeconds(5), log, false), false);
    }

    private CompletableFuture<Path> getAsync() {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return get();
            } catch (BuildException e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        });
    }

    private List<String> entryDirectory() throws Exception {
        try (Stream<Path> s = Files.list(tmp.resolve("cache/sha256/" + sha))) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void twoBuildsAtOnceDownloadOnceAndTheSecondWaitsForTheFirst() throws Exception {
        server.on("/x.tar.gz", LoopbackHttpServer.slowBytes(body, 8192, 100));
        CompletableFuture<Path> a = getAsync();
        CompletableFuture<Path> b = getAsync();
        assertThat(a.get()).hasBinaryContent(body);
        assertThat(b.get()).isEqualTo(a.get());
        assertThat(server.hits("/x.tar.gz")).isEqualTo(1);
        assertThat(log.text()).contains("Waiting for another build that is downloading " + uri)
                .contains("Using cached " + uri);
        assertThat(entryDirectory()).containsExactly("source-url.txt", "x.tar.gz");
    }

    @Test
    void aFailedDownloadReleasesTheLockSoTheNextRequestDoesNotHang() throws Exception {
        server.on("/x.tar.gz", LoopbackHttpServer.status(503));
        assertThatThrownBy(this::get).isInstanceOf(BuildException.class).hasMessageContaining("HTTP 503")
                .hasMessageContaining("Fix: the server failed; run the build again later");
        server.on("/x.tar.gz", LoopbackHttpServer.bytes(body));
        Path entry = assertTimeoutPreemptively(Duration.ofSeconds(20), this::get);
        assertThat(entry).hasBinaryContent(body);
        assertThat(log.text()).doesNotContain("Waiting for another build");
    }

    @Test
    void aTamperedDownloadByOneBuildIsNeverTheFileAnotherBuildGets() throws Exception {
        byte[] tampered = body.clone();
        tampered[100] ^= 1;
        AtomicInteger requests = new AtomicInteger();
        server.on("/x.tar.gz", ex -> {
            byte[] send = requests.incrementAndGet() == 1 ? tampered : body;
            LoopbackHttpServer.slowBytes(send, 16384, 50).handle(ex);
        });
        CompletableFuture<Path> a = getAsync();
        CompletableFuture<Path> b = getAsync();
        List<Object> outcomes = new java.util.ArrayList<>();
        for (CompletableFuture<Path> f : List.of(a, b)) {
            try {
                outcomes.add(f.get());
            } catch (ExecutionException e) {
                outcomes.add(e.getCause());
            }
        }
        assertThat(outcomes).filteredOn(o -> o instanceof BuildException).singleElement()
                .extracting(o -> ((BuildException) o).getMessage()).asString()
                .contains("sha256 mismatch for " + uri).contains("the cache is unchanged").contains("Fix: ");
        assertThat(outcomes).filteredOn(o -> o instanceof Path).singleElement()
                .satisfies(p -> assertThat((Path) p).hasBinaryContent(body));
        assertThat(server.hits("/x.tar.gz")).isEqualTo(2);
        assertThat(entryDirectory()).containsExactly("source-url.txt", "x.tar.gz");
    }
}
