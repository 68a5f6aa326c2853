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
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * Maven killed with SIGKILL (no finally block, no shutdown hook runs) in the middle of a download, an
 * extraction, a patch run and an install. The test first checks that the kill really landed in the
 * middle (the step's temporary state is on disk, its completion record is not); then the next run must
 * notice the leftovers, say so, clean them up or roll them back, and complete, leaving exactly what an
 * uninterrupted run leaves.
 */
class InterruptedRunIT {
    private static final Duration RUN = Duration.ofMinutes(3);

    private LoopbackHttpServer server;
    private String name;

    @BeforeEach
    void setUp(TestInfo info) throws Exception {
        server = new LoopbackHttpServer();
        name = "reliability-kill-" + info.getTestMethod().orElseThrow().getName();
    }

    @AfterEach
    void tearDown() {
        server.close();
    }

    private MavenProcess fetchXen(ItProject p, String path, String sha) {
        return MavenProcess.in(p).goals("initialize").property("kernel.fetch.skip", true)
                .property("xen.cacheDirectory", p.resolve("cache")).property("xen.url", server.uri(path))
                .property("xen.sha256", sha);
    }

    @Test
    void killedDuringTheDownloadTheNextRunDiscardsThePartialFileAndCompletes() throws Exception {
        ItProject p = ItProject.copy("fetch", name);
        byte[] data = new byte[400_000];
        new java.util.Random(1).nextBytes(data);
        byte[] archive = ArchiveBuilder.create().file("xen-4.17.5/Makefile", "dist:\n")
                .file("xen-4.17.5/blob", data, 0644).tarGz();
        String sha = Sha256.of(archive);
        Path entryDir = p.resolve("cache/sha256/" + sha);
        server.on("/xen.tar.gz", LoopbackHttpServer.slowBytes(archive, 16 * 1024, 150));

        // Killed once the partial file holds bytes: the "Downloading" line comes before the file is opened.
        MavenProcess killed = fetchXen(p, "/xen.tar.gz", sha).killWhen("download under way",
                () -> partialFiles(entryDir).stream().anyMatch(f -> f.toFile().length() > 0)).start();
        BuildResult first = killed.await(RUN);
        assertThat(killed.killed()).as(first.toString()).isTrue();
        Thread.sleep(300); // the server notices the dead client
        assertThat(entryDir.resolve("xen.tar.gz")).as("no cache entry from a partial download").doesNotExist();
        assertThat(p.resolve("target/xen")).doesNotExist();
        List<Path> partial = partialFiles(entryDir);
        assertThat(partial).as("the kill left a partial download").hasSize(1);

        server.on("/xen.tar.gz", LoopbackHttpServer.bytes(archive));
        BuildResult second = fetchXen(p, "/xen.tar.gz", sha).run(RUN);
        assertThat(second.succeeded()).as(second.toString()).isTrue();
        assertThat(second.log()).contains("Removing the partial download " + partial.get(0)
                + ", left by an interrupted build");
        assertThat(partialFiles(entryDir)).isEmpty();
        assertThat(Files.readAllBytes(entryDir.resolve("xen.tar.gz"))).isEqualTo(archive);
        assertThat(p.resolve("target/xen/blob")).hasBinaryContent(data);
    }

    @Test
    void killedDuringTheExtractionTheOldTreeIsIntactAndTheNextRunCompletes() throws Exception {
        ItProject p = ItProject.copy("fetch", name);
        byte[] old = ArchiveBuilder.create().file("xen-4.17.4/Makefile", "old\n").tarGz();
        server.on("/old.tar.gz", LoopbackHttpServer.bytes(old));
        assertThat(fetchXen(p, "/old.tar.gz", Sha256.of(old)).run(RUN).succeeded()).isTrue();
        Map<String, String> oldTree = TreeDigest.full(p.resolve("target/xen"));

        ArchiveBuilder big = ArchiveBuilder.create().dir("xen-4.17.5");
        for (int i = 0; i < 3000; i++) {
            big.file("xen-4.17.5/d" + (i / 100) + "/f" + i + ".c", "int f" + i + ";\n".repeat(20));
        }
        byte[] archive = big.tarGz();
        server.on("/big.tar.gz", LoopbackHttpServer.bytes(archive));
        // Killed once the temporary tree holds the first 200 files, with 2800 still to come.
        MavenProcess killed = fetchXen(p, "/big.tar.gz", Sha256.of(archive)).killWhen("extraction under way",
                () -> halfExtracted(p.resolve("target"))).start();
        BuildResult first = killed.await(RUN);
        assertThat(killed.killed()).as(first.toString()).isTrue();
        List<String> leftovers = TreeDigest.leftoversBeside(p.resolve("target/xen"));
        assertThat(leftovers).as("the kill left a half-extracted tree").hasSize(1)
                .allMatch(n -> n.startsWith(".xen.extract-"));
        assertThat(TreeDigest.full(p.resolve("target/xen"))).as("the old tree").isEqualTo(oldTree);

        BuildResult second = fetchXen(p, "/big.tar.gz", Sha256.of(archive)).run(RUN);
        assertThat(second.succeeded()).as(second.toString()).isTrue();
        assertThat(second.log()).contains("Removing " + p.resolve("target/" + leftovers.get(0))
                + ", left by an interrupted fetch").contains("Using cached");
        assertThat(TreeDigest.leftoversBeside(p.resolve("target/xen"))).isEmpty();
        try (Stream<Path> s = Files.walk(p.resolve("target/xen"))) {
            assertThat(s.filter(f -> f.toString().endsWith(".c")).count()).isEqualTo(3000);
        }
        assertThat(p.resolve("target/xen/Makefile")).doesNotExist();
    }

    @Test
    void killedWhilePatchingTheNextRunRollsBackThenAppliesTheSeries() throws Exception {
        ItProject p = ItProject.copy("patch", name);
        Path big = BulkyInputs.patchOfManyFiles(p);
        Path tree = p.resolve("target/linux");
        Path journal = tree.resolve(".dom0-build/patch-journal");

        MavenProcess killed = MavenProcess.in(p).goals("process-sources").property("kernel.patches", big)
                .killWhenExists(journal).start();
        BuildResult first = killed.await(RUN);
        assertThat(killed.killed()).as(first.toString()).isTrue();
        assertThat(journal).as("the kill landed while the patch run was writing").isDirectory();
        assertThat(tree.resolve(".dom0-build/patches.json")).as("no stamp for a half-patched tree").doesNotExist();

        BuildResult second = MavenProcess.in(p).goals("process-sources").property("kernel.patches", big).run(RUN);
        assertThat(second.succeeded()).as(second.toString()).isTrue();
        assertThat(second.log()).contains("An earlier patch run on " + tree + " was interrupted while writing files")
                .contains("Rolled back the interrupted patch run").contains("Applied 1 patch to " + tree);
        assertThat(journal).doesNotExist();
        for (int i = 0; i < BulkyInputs.PATCHED_FILES; i++) {
            String f = BulkyInputs.patchedFile(i);
            assertThat(tree.resolve(f)).as(f).hasContent("/* " + f + " */\nint a;\nint b = 2;\nint c;");
        }
        BuildResult third = MavenProcess.in(p).goals("process-sources").property("kernel.patches", big).run(RUN);
        assertThat(third.log()).contains("Patch series already applied (1 patch)");
    }

    @Test
    void killedDuringTheInstallTheNextRunRollsItBackAndInstallsCompletely() throws Exception {
        ItProject p = ItProject.copy("fetch", name);
        Path stage = p.resolve("target/kernel-stage"); // where kernel:dist stages, and install reads
        BulkyInputs.kernelStage(stage, 3);
        Path root = p.resolve("target/root");
        Path journal = root.resolve("var/lib/dom0-build/fetch-kernel.install-journal.json");

        MavenProcess killed = MavenProcess.in(p).goals("kernel:install")
                .killWhenExists(root.resolve("boot/config-6.1.0-big.dom0-build-new")).start(); // while copying
        BuildResult first = killed.await(RUN);
        assertThat(killed.killed()).as(first.toString()).isTrue();
        assertThat(root.resolve("var/lib/dom0-build/fetch-kernel.manifest")).as("no manifest for a partial install")
                .doesNotExist();
        assertThat(journal).as("the killed install left its undo journal").exists();

        BuildResult second = MavenProcess.in(p).goals("kernel:install").run(RUN);
        assertThat(second.succeeded()).as(second.toString()).isTrue();
        assertThat(second.log()).contains("An earlier install of fetch-kernel into staged root " + root
                + " was interrupted; rolling it back");
        assertThat(journal).doesNotExist();
        Map<String, String> installed = TreeDigest.full(root);
        Map<String, String> staged = TreeDigest.full(stage);
        assertThat(installed).containsAllEntriesOf(staged);
        assertThat(installed.keySet()).noneMatch(k -> k.contains(".dom0-build-new") || k.contains(".dom0-build-old"));
        assertThat(root.resolve("var/lib/dom0-build/fetch-kernel.manifest")).exists();
    }

    private static boolean halfExtracted(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.anyMatch(t -> t.getFileName().toString().startsWith(".xen.extract-")
                    && Files.isDirectory(t.resolve("xen-4.17.5/d2")));
        } catch (java.io.IOException e) {
            return false; // target/ not there yet
        }
    }

    private static List<Path> partialFiles(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(f -> f.getFileName().toString().contains(".part-")).toList();
        } catch (java.io.IOException e) {
            return List.of(); // the entry directory is not there yet
        }
    }
}
