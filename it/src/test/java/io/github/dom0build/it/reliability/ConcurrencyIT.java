package io.github.dom0build.it.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dom0build.core.io.Sha256;
import io.github.dom0build.core.testing.LoopbackHttpServer;
import io.github.dom0build.it.harness.ArchiveBuilder;
import io.github.dom0build.it.harness.BuildResult;
import io.github.dom0build.it.harness.ItProject;
import io.github.dom0build.it.harness.MavenProcess;
import io.github.dom0build.it.harness.TreeDigest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Builds running at the same time: two Maven processes on one cache, and one Maven with two threads. */
class ConcurrencyIT {
    private static final Duration RUN = Duration.ofMinutes(4);

    @Test
    void twoBuildsFetchingTheSameUrlIntoOneCacheDownloadItOnce() throws Exception {
        byte[] data = new byte[320_000];
        new java.util.Random(11).nextBytes(data);
        byte[] archive = ArchiveBuilder.create().file("xen-4.17.5/Makefile", "dist:\n").file("xen-4.17.5/blob", data,
                0644).tarGz();
        String sha = Sha256.of(archive);
        try (LoopbackHttpServer server = new LoopbackHttpServer()) {
            // The transfer stops halfway until one build says it waits for the other: however far apart the
            // two JVMs start, the second finds the first one downloading.
            CountDownLatch oneWaits = new CountDownLatch(1);
            server.on("/xen.tar.gz", LoopbackHttpServer.heldBytes(archive, archive.length / 2, oneWaits));
            ItProject a = ItProject.copy("fetch", "reliability-concurrent-a");
            ItProject b = ItProject.copy("fetch", "reliability-concurrent-b");
            Path cache = ItProject.workDir().resolve("reliability-concurrent-cache");
            ItProject.deleteTree(cache);
            MavenProcess first = fetch(a, server, cache, sha).start();
            MavenProcess second = fetch(b, server, cache, sha).start();
            String waiting = "Waiting for another build that is downloading " + server.uri("/xen.tar.gz");
            long deadline = System.nanoTime() + RUN.toNanos();
            while (!first.output().contains(waiting) && !second.output().contains(waiting)
                    && first.running() && second.running() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            oneWaits.countDown();
            BuildResult ra = first.await(RUN);
            BuildResult rb = second.await(RUN);

            assertThat(ra.succeeded()).as(ra.toString()).isTrue();
            assertThat(rb.succeeded()).as(rb.toString()).isTrue();
            assertThat(server.hits("/xen.tar.gz")).as("downloads").isEqualTo(1);
            List<BuildResult> both = List.of(ra, rb);
            assertThat(both).filteredOn(r -> r.log().contains("Downloaded " + server.uri("/xen.tar.gz"))).hasSize(1);
            assertThat(both).filteredOn(r -> r.log().contains(waiting)
                    && r.log().contains("Using cached " + server.uri("/xen.tar.gz")))
                    .hasSize(1);
            Path entry = cache.resolve("sha256/" + sha + "/xen.tar.gz");
            assertThat(Files.readAllBytes(entry)).isEqualTo(archive);
            try (Stream<Path> s = Files.list(entry.getParent())) {
                assertThat(s.map(p -> p.getFileName().toString()).toList())
                        .containsExactlyInAnyOrder("xen.tar.gz", "source-url.txt");
            }
            assertThat(TreeDigest.full(a.resolve("target/xen"))).isEqualTo(TreeDigest.full(b.resolve("target/xen")));
            assertThat(a.resolve("target/xen/blob")).hasBinaryContent(data);
        }
    }

    private static MavenProcess fetch(ItProject p, LoopbackHttpServer server, Path cache, String sha) {
        return MavenProcess.in(p).goals("initialize").property("kernel.fetch.skip", true)
                .property("xen.cacheDirectory", cache).property("xen.url", server.uri("/xen.tar.gz"))
                .property("xen.sha256", sha);
    }

    @Test
    void theMultiModuleDom0BuildWithTwoThreadsGivesTheSameArtifactsAsASerialOne() throws Exception {
        ItProject parallel = ItProject.copy("dom0-fixtures", "reliability-dom0-T2");
        ItProject serial = ItProject.copy("dom0-fixtures", "reliability-dom0-T1");
        BuildResult rp = MavenProcess.in(parallel).args("-T", "2").goals("package").run(RUN);
        assertThat(rp.succeeded()).as(rp.toString()).isTrue();
        assertThat(rp.log()).contains("Using the MultiThreadedBuilder implementation with a thread count of 2")
                .doesNotContain("is not marked @threadSafe");
        BuildResult rs = MavenProcess.in(serial).goals("package").run(RUN);
        assertThat(rs.succeeded()).as(rs.toString()).isTrue();
        for (String f : List.of("kernel/target/dom0-kernel-1.0.0-SNAPSHOT-kernel.tar.gz",
                "kernel/target/dom0-kernel-1.0.0-SNAPSHOT-kernel.json",
                "xen/target/dom0-xen-1.0.0-SNAPSHOT-xen.tar.gz", "xen/target/dom0-xen-1.0.0-SNAPSHOT-xen.json",
                "dom0/target/dom0-1.0.0-SNAPSHOT-dom0.tar.gz", "dom0/target/dom0-1.0.0-SNAPSHOT-dom0.json")) {
            assertThat(parallel.resolve(f)).as(f).hasSameBinaryContentAs(serial.resolve(f));
        }
        assertThat(TreeDigest.full(parallel.resolve("dom0/target/root")))
                .isEqualTo(TreeDigest.full(serial.resolve("dom0/target/root")));
    }
}
