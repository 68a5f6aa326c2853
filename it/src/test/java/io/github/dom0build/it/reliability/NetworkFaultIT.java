package io.github.dom0build.it.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dom0build.core.io.Sha256;
import io.github.dom0build.core.testing.LoopbackHttpServer;
import io.github.dom0build.it.harness.ArchiveBuilder;
import io.github.dom0build.it.harness.BuildResult;
import io.github.dom0build.it.harness.ItProject;
import io.github.dom0build.it.harness.MavenRun;
import io.github.dom0build.it.harness.TreeDigest;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * Network faults on a loopback server the test controls, through the fetch goal. Each fault must fail
 * the build naming the URL and what happened, with a Fix; the shared download cache must hold nothing
 * for the digest afterwards (no entry, no partial file) and no source tree may appear. Then the same URL
 * served properly must succeed on the next run: the cache was not poisoned.
 */
class NetworkFaultIT {
    private LoopbackHttpServer server;
    private ItProject project;
    private Path cache;
    private byte[] good;
    private String sha;

    @BeforeEach
    void setUp(TestInfo info) throws Exception {
        server = new LoopbackHttpServer();
        project = ItProject.copy("fetch", "reliability-net-" + info.getTestMethod().orElseThrow().getName());
        cache = project.resolve("cache");
        byte[] data = new byte[300_000];
        new java.util.Random(7).nextBytes(data);
        good = ArchiveBuilder.create().dir("xen-4.17.5").file("xen-4.17.5/Makefile", "dist:\n")
                .file("xen-4.17.5/blob", data, 0644).tarGz();
        sha = Sha256.of(good);
    }

    @AfterEach
    void tearDown() {
        server.close();
    }

    private MavenRun fetch(URI url) {
        return project.maven("initialize").property("kernel.fetch.skip", true).property("xen.cacheDirectory", cache)
                .property("xen.url", url).property("xen.sha256", sha);
    }

    /** The failed run left nothing: no tree, no cache entry, no partial download. */
    private void nothingWasKept(BuildResult r) throws Exception {
        assertThat(r.succeeded()).as(r.toString()).isFalse();
        assertThat(r.log()).contains("Fix: ").doesNotContain("Exception in thread");
        assertThat(project.resolve("target/xen")).doesNotExist();
        assertThat(TreeDigest.leftoversBeside(project.resolve("target/xen"))).isEmpty();
        Map<String, String> c = TreeDigest.full(cache);
        assertThat(c.keySet()).as("cache files").noneMatch(k -> k.startsWith("sha256/" + sha + "/") && !k.endsWith("/"));
    }

    /** The same URL, now served properly, gives the tree; the cache entry is exactly the good bytes. */
    private void theNextRunSucceeds(String path) throws Exception {
        server.on(path, LoopbackHttpServer.bytes(good));
        int before = server.hits(path);
        BuildResult r = fetch(server.uri(path)).run();
        assertThat(r.succeeded()).as(r.toString()).isTrue();
        assertThat(server.hits(path)).isEqualTo(before + 1);
        assertThat(project.resolve("target/xen/Makefile")).hasContent("dist:");
        Path entry = cache.resolve("sha256/" + sha).resolve(Path.of(path).getFileName().toString());
        assertThat(Files.readAllBytes(entry)).isEqualTo(good);
        try (var s = Files.list(entry.getParent())) {
            assertThat(s.map(p -> p.getFileName().toString()).sorted().toList())
                    .containsExactlyInAnyOrder(entry.getFileName().toString(), "source-url.txt");
        }
    }

    @Test
    void aConnectionDroppedMidBodyKeepsNothingAndTheNextRunSucceeds() throws Exception {
        server.on("/xen.tar.gz", LoopbackHttpServer.truncated(good, good.length / 2));
        BuildResult r = fetch(server.uri("/xen.tar.gz")).run();
        assertThat(r.log()).contains("Download of " + server.uri("/xen.tar.gz"))
                .contains("Fix: run the build again; nothing incomplete was kept");
        nothingWasKept(r);
        theNextRunSucceeds("/xen.tar.gz");
    }

    @Test
    void notFoundNamesTheUrlAndTheStatus() throws Exception {
        server.on("/xen.tar.gz", LoopbackHttpServer.status(404));
        BuildResult r = fetch(server.uri("/xen.tar.gz")).run();
        assertThat(r.log()).contains("Download of " + server.uri("/xen.tar.gz") + " failed: the server answered HTTP 404")
                .contains("Fix: check the URL: the file is not (or no longer) there");
        nothingWasKept(r);
        theNextRunSucceeds("/xen.tar.gz");
    }

    @Test
    void aServerErrorNamesTheUrlAndTheStatus() throws Exception {
        server.on("/xen.tar.gz", LoopbackHttpServer.status(500));
        BuildResult r = fetch(server.uri("/xen.tar.gz")).run();
        assertThat(r.log()).contains("Download of " + server.uri("/xen.tar.gz") + " failed: the server answered HTTP 500")
                .contains("Fix: the server failed; run the build again later");
        nothingWasKept(r);
        theNextRunSucceeds("/xen.tar.gz");
    }

    @Test
    void aServerThatStallsFailsAfterTheReadTimeout() throws Exception {
        // The server would hang up after a minute, which reads as a truncated download: only the 2 s read
        // timeout gives the "stalled" message. No clock is read (a loaded machine made an 8 s bound flaky).
        server.on("/xen.tar.gz", LoopbackHttpServer.stall(60_000));
        BuildResult r = fetch(server.uri("/xen.tar.gz")).property("xen.readTimeout", 2).run();
        assertThat(r.log()).contains("Download of " + server.uri("/xen.tar.gz") + " stalled: no data for 2 s")
                .contains("raise the readTimeout parameter");
        nothingWasKept(r);
        theNextRunSucceeds("/xen.tar.gz");
    }

    @Test
    void aRedirectLoopIsCutOffAndNamed() throws Exception {
        server.on("/loop.tar.gz", LoopbackHttpServer.redirect(server.uri("/loop.tar.gz").toString()));
        BuildResult r = fetch(server.uri("/loop.tar.gz")).run();
        assertThat(r.log()).contains("Download of " + server.uri("/loop.tar.gz") + " failed")
                .contains("Server redirected too many").contains("Fix: check the URL; the server keeps redirecting");
        nothingWasKept(r);
        theNextRunSucceeds("/loop.tar.gz");
    }

    @Test
    void aWrongChecksumIsNeverCachedAndTheGenuineFileIsFetchedNextTime() throws Exception {
        byte[] tampered = good.clone();
        tampered[tampered.length / 2] ^= 1;
        server.on("/xen.tar.gz", LoopbackHttpServer.bytes(tampered));
        BuildResult r = fetch(server.uri("/xen.tar.gz")).run();
        assertThat(r.log()).contains("sha256 mismatch for " + server.uri("/xen.tar.gz") + ": expected " + sha)
                .contains("got " + Sha256.of(tampered)).contains("the cache is unchanged")
                .contains("Fix: if upstream really changed the file");
        nothingWasKept(r);
        theNextRunSucceeds("/xen.tar.gz");
    }

    @Test
    void aServerThatNeverStopsSendingIsCutAtMaxDownloadSize() throws Exception {
        server.on("/xen.tar.gz", LoopbackHttpServer.endless(256L << 20));
        BuildResult r = fetch(server.uri("/xen.tar.gz")).property("xen.maxDownloadSize", "1m").run();
        assertThat(r.log()).contains("Download of " + server.uri("/xen.tar.gz") + " stopped at 1.0 MiB, the limit of"
                + " 1.0 MiB (maxDownloadSize). Nothing incomplete was kept.")
                .contains("Fix: if the file really is that large, raise maxDownloadSize (now 1.0 MiB)");
        nothingWasKept(r);
        theNextRunSucceeds("/xen.tar.gz");
    }
}
