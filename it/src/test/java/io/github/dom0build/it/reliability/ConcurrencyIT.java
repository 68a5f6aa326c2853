package io.github.dom0build.it.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dom0build.core.io.Sha256;
import io.github.dom0build.core.testing.LoopbackHttpServer;
import io.github.dom0build.it.harness.ArchiveBuilder;
import io.github.dom0build.it.harness.BuildResult;
import io.github.dom0build.it.harness.BulkyInputs;
import io.github.dom0build.it.harness.ItProject;
import io.github.dom0build.it.harness.MavenProcess;
import io.github.dom0build.it.harness.TreeDigest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
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

    /** Waits until {@code p} is paused, or {@code second} logged {@code line} (or ended), within {@link #RUN}. */
    private static void awaitState(java.util.function.BooleanSupplier state, String what) throws Exception {
        long deadline = System.nanoTime() + RUN.toNanos();
        while (!state.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.sleep(20);
        }
    }

    @Test
    void aSecondPatchRunWaitsForTheFirstAndNeverRollsBackItsJournal() throws Exception {
        ItProject p = ItProject.copy("patch", "reliability-concurrent-patch");
        Path big = BulkyInputs.patchOfManyFiles(p);
        Path tree = p.resolve("target/linux");
        Path journal = tree.resolve(".dom0-build/patch-journal");
        // The first run is held (SIGSTOP) while it writes the patched files: its journal is on disk.
        MavenProcess first = MavenProcess.in(p).goals("process-sources").property("kernel.patches", big)
                .pauseWhen(() -> Files.isDirectory(journal)).log("first.log").start();
        awaitState(() -> first.paused() || !first.running(), "the first patch run is held half way");
        assertThat(first.paused()).as(first.output()).isTrue();
        Map<String, String> halfWay = TreeDigest.full(tree);
        try {
            BuildResult impatient = MavenProcess.in(p).goals("process-sources").property("kernel.patches", big)
                    .property("kernel.lockTimeout", 2).log("impatient.log").run(RUN);
            assertThat(impatient.succeeded()).as(impatient.toString()).isFalse();
            assertThat(impatient.log()).contains("Gave up waiting for " + tree + " after 2 s: another build holds it"
                    + " (kernel:patch of it.dom0build:patch:").contains("pid ")
                    .contains("Nothing was changed.").contains("Fix: let that build finish (or stop it if it hangs),"
                            + " or raise lockTimeout (now 2 s)");
            MavenProcess second = MavenProcess.in(p).goals("process-sources").property("kernel.patches", big)
                    .log("second.log").start();
            String waiting = "Waiting for " + tree + ": another build holds it (kernel:patch of";
            awaitState(() -> second.output().contains(waiting) || !second.running(), "the second run waits");
            assertThat(second.output()).contains(waiting);
            assertThat(TreeDigest.full(tree)).as("the held run's half-written tree and journal, untouched")
                    .isEqualTo(halfWay);
            first.resume();
            BuildResult r1 = first.await(RUN);
            BuildResult r2 = second.await(RUN);
            assertThat(r1.succeeded()).as(r1.toString()).isTrue();
            assertThat(r2.succeeded()).as(r2.toString()).isTrue();
            assertThat(r1.log()).contains("Applied 1 patch to " + tree);
            assertThat(r2.log()).contains("Patch series already applied (1 patch)")
                    .doesNotContain("was interrupted while writing files");
        } finally {
            if (first.paused()) {
                first.resume();
            }
        }
        assertThat(journal).doesNotExist();
        for (int i = 0; i < BulkyInputs.PATCHED_FILES; i++) {
            String f = BulkyInputs.patchedFile(i);
            assertThat(tree.resolve(f)).as(f).hasContent("/* " + f + " */\nint a;\nint b = 2;\nint c;");
        }
    }

    @Test
    void aSecondFetchIntoTheSameTreeWaitsAndFindsItComplete() throws Exception {
        byte[] data = new byte[320_000];
        new java.util.Random(12).nextBytes(data);
        byte[] archive = ArchiveBuilder.create().file("xen-4.17.5/Makefile", "dist:\n").file("xen-4.17.5/blob", data,
                0644).tarGz();
        String sha = Sha256.of(archive);
        try (LoopbackHttpServer server = new LoopbackHttpServer()) {
            CountDownLatch release = new CountDownLatch(1);
            server.on("/xen.tar.gz", LoopbackHttpServer.heldBytes(archive, archive.length / 2, release));
            ItProject p = ItProject.copy("fetch", "reliability-concurrent-fetch");
            Path cache = p.resolve("cache");
            Path tree = p.resolve("target/xen");
            MavenProcess first = fetch(p, server, cache, sha).log("first.log").start();
            awaitState(() -> server.hits("/xen.tar.gz") == 1 || !first.running(), "the first fetch downloads");
            MavenProcess second = fetch(p, server, cache, sha).log("second.log").start();
            String waiting = "Waiting for " + tree + ": another build holds it (xen:fetch of";
            awaitState(() -> second.output().contains("Waiting for ") || !second.running(), "the second one waits");
            release.countDown();
            BuildResult r1 = first.await(RUN);
            BuildResult r2 = second.await(RUN);
            assertThat(r1.succeeded()).as(r1.toString()).isTrue();
            assertThat(r2.succeeded()).as(r2.toString()).isTrue();
            assertThat(r2.log()).contains(waiting).contains("Sources up to date: " + tree)
                    .doesNotContain("left by an interrupted fetch");
            assertThat(server.hits("/xen.tar.gz")).isEqualTo(1);
            assertThat(tree.resolve("blob")).hasBinaryContent(data);
            assertThat(TreeDigest.leftoversBeside(tree)).isEmpty();
        }
    }

    @Test
    void aSecondInstallIntoTheSameRootWaitsAndRollsBackNothingOfTheFirst() throws Exception {
        ItProject p = ItProject.copy("fetch", "reliability-concurrent-install");
        Path stage = p.resolve("target/kernel-stage"); // where kernel:dist stages, and install reads
        BulkyInputs.kernelStage(stage, 5);
        Path root = p.resolve("target/root");
        Path copying = root.resolve("boot/config-6.1.0-big.dom0-build-new");
        MavenProcess first = MavenProcess.in(p).goals("kernel:install")
                .pauseWhen(() -> Files.exists(copying)).log("first.log").start();
        awaitState(() -> first.paused() || !first.running(), "the first install is held while copying");
        assertThat(first.paused()).as(first.output()).isTrue();
        Map<String, String> halfWay = TreeDigest.full(root);
        MavenProcess second = MavenProcess.in(p).goals("kernel:install")
                .log("second.log").start();
        try {
            String waiting = "Waiting for " + root + ": another build holds it (kernel:install of";
            awaitState(() -> second.output().contains(waiting) || !second.running(), "the second install waits");
            assertThat(second.output()).contains(waiting);
            assertThat(TreeDigest.full(root)).as("the first install's half-copied root").isEqualTo(halfWay);
        } finally {
            first.resume();
        }
        BuildResult r1 = first.await(RUN);
        BuildResult r2 = second.await(RUN);
        assertThat(r1.succeeded()).as(r1.toString()).isTrue();
        assertThat(r2.succeeded()).as(r2.toString()).isTrue();
        assertThat(r2.log()).doesNotContain("was interrupted; rolling it back").contains("0 change(s)");
        Map<String, String> installed = TreeDigest.full(root);
        assertThat(installed).containsAllEntriesOf(TreeDigest.full(stage));
        assertThat(installed.keySet()).noneMatch(k -> k.contains(".dom0-build-new") || k.contains(".dom0-build-old"));
    }
}
