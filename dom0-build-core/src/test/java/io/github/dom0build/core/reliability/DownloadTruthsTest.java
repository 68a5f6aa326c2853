package io.github.dom0build.core.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.dom0build.core.BuildException;
import io.github.dom0build.core.fetch.ArchiveSource;
import io.github.dom0build.core.fetch.FetchRequest;
import io.github.dom0build.core.fetch.SourceFetcher;
import io.github.dom0build.core.fetch.download.HttpDownloader;
import io.github.dom0build.core.net.ProxySelection;
import io.github.dom0build.core.io.Sha256;
import io.github.dom0build.core.testing.LoopbackHttpServer;
import io.github.dom0build.core.testing.RecordingLog;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a download says and keeps: credentials in the URL are sent but never logged or stored (the log,
 * the error, the fetch stamp and the cache show {@code ***}); a server that sends without end stops at
 * the size bound; a redirect names its Location when it leads nowhere good.
 */
class DownloadTruthsTest {
    private static final String SECRET = "s3cr3t-t0ken";

    @TempDir
    Path tmp;

    private final RecordingLog log = new RecordingLog();
    private LoopbackHttpServer server;
    private byte[] archive;

    @BeforeEach
    void setUp() throws Exception {
        server = new LoopbackHttpServer();
        archive = Trees.tarGz("xen-4.17.5/Makefile", "dist:\n");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private URI withCredentials(String path) {
        URI u = server.uri(path);
        return URI.create("http://builder:" + SECRET + "@" + u.getHost() + ":" + u.getPort() + path);
    }

    private static String everything(Path dir) throws Exception {
        StringBuilder sb = new StringBuilder();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                sb.append(p).append('\n');
                if (Files.isRegularFile(p)) {
                    sb.append(new String(Files.readAllBytes(p), java.nio.charset.StandardCharsets.ISO_8859_1));
                }
            }
        }
        return sb.toString();
    }

    @Test
    void credentialsInTheUrlAreSentButNeverLoggedOrStored() throws Exception {
        server.on("/xen.tar.gz", LoopbackHttpServer.basicAuth("builder", SECRET, archive));
        Path tree = tmp.resolve("project/target/xen");
        Path cache = tmp.resolve("cache");
        new SourceFetcher(log).fetch(FetchRequest.builder(new ArchiveSource(withCredentials("/xen.tar.gz"),
                Sha256.of(archive)), tree).cacheDirectory(cache).build());
        assertThat(tree.resolve("Makefile")).hasContent("dist:");
        assertThat(String.join("\n", log.lines())).doesNotContain(SECRET).contains("http://***@127.0.0.1:");
        assertThat(everything(tree)).as("the tree and its fetch stamp").doesNotContain(SECRET).contains("***@");
        assertThat(everything(cache)).as("the cache, source-url.txt included").doesNotContain(SECRET);

        server.on("/gone.tar.gz", LoopbackHttpServer.status(404));
        BuildException e = assertThrows(BuildException.class, () -> new SourceFetcher(log).fetch(FetchRequest
                .builder(new ArchiveSource(withCredentials("/gone.tar.gz"), Sha256.of(archive)), tmp.resolve("x"))
                .cacheDirectory(cache).build()));
        assertThat(e.getMessage()).doesNotContain(SECRET).contains("Download of http://***@127.0.0.1:");
    }

    private HttpDownloader downloader(long max) {
        return new HttpDownloader(ProxySelection.none(), Duration.ofSeconds(5), Duration.ofSeconds(5), log, false,
                max);
    }

    @Test
    void aServerSendingWithoutEndStopsAtTheSizeBound() throws Exception {
        server.on("/zeros", LoopbackHttpServer.endless(64L << 20));
        Path part = tmp.resolve("part");
        BuildException e = assertThrows(BuildException.class,
                () -> downloader(1 << 20).download(server.uri("/zeros"), part));
        assertThat(e.problem()).isEqualTo("Download of " + server.uri("/zeros") + " stopped at 1.0 MiB, the limit of"
                + " 1.0 MiB (maxDownloadSize). Nothing incomplete was kept.");
        assertThat(e.fix()).startsWith("if the file really is that large, raise maxDownloadSize (now 1.0 MiB)");
        assertThat(Files.size(part)).isLessThanOrEqualTo(1 << 20);
    }

    @Test
    void anAnnouncedSizeOverTheBoundIsRefusedBeforeAByteIsWritten() throws Exception {
        server.on("/big", LoopbackHttpServer.bytes(new byte[3 << 20]));
        Path part = tmp.resolve("part");
        BuildException e = assertThrows(BuildException.class,
                () -> downloader(1 << 20).download(server.uri("/big"), part));
        assertThat(e.problem()).isEqualTo("Download of " + server.uri("/big") + " is 3.0 MiB (Content-Length), more"
                + " than the limit of 1.0 MiB (maxDownloadSize). Nothing incomplete was kept.");
        assertThat(part).doesNotExist();
    }

    @Test
    void theDefaultBoundIsSet() {
        assertThat(FetchRequest.builder(new ArchiveSource(URI.create("https://example.org/x.tar.gz"), "a".repeat(64)),
                tmp).build().maxDownloadSize()).isEqualTo(2L << 30);
    }

    @Test
    void aRedirectThatLeadsNowhereNamesItsLocation() throws Exception {
        server.on("/old.tar.gz", LoopbackHttpServer.redirect(server.uri("/new.tar.gz").toString()));
        server.on("/new.tar.gz", LoopbackHttpServer.status(404));
        BuildException e = assertThrows(BuildException.class,
                () -> downloader(1 << 20).download(server.uri("/old.tar.gz"), tmp.resolve("part")));
        assertThat(e.problem()).isEqualTo("Download of " + server.uri("/old.tar.gz") + " failed (redirected to "
                + server.uri("/new.tar.gz") + "): the server answered HTTP 404 Not Found.");
        assertThat(log.lines()).contains("INFO   redirected to " + server.uri("/new.tar.gz"));
    }

    @Test
    void anHttpToHttpsRedirectIsFollowedAndAFailureThereNamesTheLocation() throws Exception {
        // The https side is a closed loopback port (no TLS server here): it fails, and says where it went.
        int closed;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        String https = "https://127.0.0.1:" + closed + "/xen.tar.gz";
        server.on("/xen.tar.gz", LoopbackHttpServer.redirect(https));
        BuildException e = assertThrows(BuildException.class,
                () -> downloader(1 << 20).download(server.uri("/xen.tar.gz"), tmp.resolve("part")));
        assertThat(e.problem()).startsWith("Download of " + server.uri("/xen.tar.gz") + " failed (redirected to "
                + https + "): ");
        assertThat(e.fix()).doesNotStartWith("check the URL");
    }

    @Test
    void aRedirectToAnotherSchemeIsRefusedNamingTheLocation() throws Exception {
        server.on("/xen.tar.gz", LoopbackHttpServer.redirect("ftp://example.org/xen.tar.gz"));
        BuildException e = assertThrows(BuildException.class,
                () -> downloader(1 << 20).download(server.uri("/xen.tar.gz"), tmp.resolve("part")));
        assertThat(e.problem()).isEqualTo("Download of " + server.uri("/xen.tar.gz") + " failed: the server"
                + " redirected to a URL that is not http or https (HTTP 302 from " + server.uri("/xen.tar.gz")
                + ", Location: ftp://example.org/xen.tar.gz).");
    }
}
