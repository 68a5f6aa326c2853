package io.github.dom0build.it.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.dom0build.core.install.TargetRoot;
import io.github.dom0build.core.io.Sha256;
import io.github.dom0build.core.testing.LoopbackHttpServer;
import io.github.dom0build.it.harness.ArchiveBuilder;
import io.github.dom0build.it.harness.BuildResult;
import io.github.dom0build.it.harness.ItProject;
import io.github.dom0build.it.harness.MavenRun;
import io.github.dom0build.it.harness.TreeDigest;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * A file system that fills up half way: a 2 MiB tmpfs the test mounts (root only; skipped otherwise),
 * holding the source tree, the download cache, or the root to install into. The step must fail
 * naming "No space left on device" and saying to make room, and leave nothing half-written that could
 * pass for complete: the earlier tree, cache entry or install exactly as before, no temporary files, no
 * stamp, no manifest.
 */
class DiskFullIT {
    private ItProject project;
    private Path small;
    private boolean mounted;
    private LoopbackHttpServer server;

    @BeforeEach
    void mountASmallFileSystem(TestInfo info) throws Exception {
        assumeTrue(TargetRoot.runningAsRoot(), "mounting a tmpfs needs root");
        project = ItProject.copy(info.getTestMethod().orElseThrow().getName().startsWith("patch") ? "patch" : "fetch",
                "reliability-full-" + info.getTestMethod().orElseThrow().getName());
        small = Files.createDirectories(project.resolve("small"));
        run("mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", small.toString());
        mounted = true;
        server = new LoopbackHttpServer();
    }

    @AfterEach
    void unmount() throws Exception {
        if (server != null) {
            server.close();
        }
        if (mounted) {
            run("umount", small.toString());
        }
    }

    private static void run(String... argv) throws Exception {
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", argv) + " failed: " + out);
        }
    }

    private static byte[] random(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    private MavenRun fetch(String path, byte[] archive, Path cache, Path sources) {
        server.on(path, LoopbackHttpServer.bytes(archive));
        return project.maven("initialize").property("kernel.fetch.skip", true).property("xen.cacheDirectory", cache)
                .property("xen.sourceDirectory", sources).property("xen.url", server.uri(path))
                .property("xen.sha256", Sha256.of(archive));
    }

    private static void failsForLackOfSpace(BuildResult r, String fix) {
        assertThat(r.succeeded()).as(r.toString()).isFalse();
        assertThat(r.log()).contains("No space left on device").contains("Fix: " + fix)
                .doesNotContain("Exception in thread");
    }

    @Test
    void extractionIntoAFullFileSystemKeepsTheEarlierTree() throws Exception {
        Path cache = project.resolve("cache");
        Path tree = small.resolve("xen");
        byte[] old = ArchiveBuilder.create().file("xen-4.17.4/Makefile", "old\n").tarGz();
        assertThat(fetch("/old.tar.gz", old, cache, tree).run().succeeded()).isTrue();
        Map<String, String> before = TreeDigest.full(small);
        Map<String, String> cacheBefore = TreeDigest.full(cache);

        byte[] big = ArchiveBuilder.create().file("xen-4.17.5/Makefile", "new\n")
                .file("xen-4.17.5/a.bin", random(1_200_000, 1), 0644)
                .file("xen-4.17.5/b.bin", random(1_200_000, 2), 0644).tarGz();
        BuildResult r = fetch("/big.tar.gz", big, cache, tree).run();
        failsForLackOfSpace(r, "check free space and permissions on the file system of");
        assertThat(TreeDigest.full(small)).as("the tmpfs: the old tree, nothing else").isEqualTo(before);
        Map<String, String> cacheAfter = TreeDigest.full(cache);
        assertThat(cacheAfter).containsAllEntriesOf(cacheBefore);
        assertThat(cacheAfter.keySet()).noneMatch(k -> k.contains(".part-"));
    }

    @Test
    void aDownloadIntoAFullCacheKeepsNoPartialEntry() throws Exception {
        Path cache = small.resolve("cache");
        byte[] archive = ArchiveBuilder.create().file("xen-4.17.5/a.bin", random(3_000_000, 3), 0644).tarGz();
        BuildResult r = fetch("/xen.tar.gz", archive, cache, project.resolve("target/xen")).run();
        failsForLackOfSpace(r, "make room on the file system of " + cache.resolve("sha256/" + Sha256.of(archive)));
        assertThat(r.log()).contains("Cannot save the download of " + server.uri("/xen.tar.gz"));
        try (Stream<Path> s = Files.walk(cache)) {
            assertThat(s.filter(Files::isRegularFile).map(p -> p.getFileName().toString()).toList())
                    .as("files in the cache").allMatch(n -> n.endsWith(".lock"));
        }
        assertThat(project.resolve("target/xen")).doesNotExist();
    }

    @Test
    void anInstallIntoAFullRootChangesNothing() throws Exception {
        Path root = small.resolve("root");
        Path stage = project.resolve("target/kernel-stage"); // where kernel:dist stages, and install reads
        write(stage.resolve("boot/vmlinuz-6.1.0"), random(300_000, 4));
        write(stage.resolve("boot/config-6.1.0"), "CONFIG_XEN_DOM0=y\n".getBytes(StandardCharsets.UTF_8));
        BuildResult first = project.maven("kernel:install")
                .property("kernel.root", root).run();
        assertThat(first.succeeded()).as(first.toString()).isTrue();
        Map<String, String> before = TreeDigest.full(root);

        write(stage.resolve("boot/vmlinuz-6.1.0"), random(900_000, 5));
        write(stage.resolve("lib/modules/6.1.0/kernel/big.ko"), random(1_200_000, 6));
        BuildResult r = project.maven("kernel:install")
                .property("kernel.root", root).run();
        failsForLackOfSpace(r, "check the free space and permissions of " + root);
        assertThat(r.log()).contains("Nothing was changed.");
        assertThat(TreeDigest.full(root)).as("the root: the earlier install, no temporaries").isEqualTo(before);
        assertThat(Files.readAllBytes(root.resolve("boot/vmlinuz-6.1.0"))).isEqualTo(random(300_000, 4));
    }

    @Test
    void patchingOnAFullFileSystemChangesNothing() throws Exception {
        Path tree = small.resolve("linux");
        assertThat(project.maven("initialize").property("kernel.sourceDirectory", tree).run().succeeded()).isTrue();
        fill(small);
        Map<String, String> before = TreeDigest.full(tree);
        BuildResult r = project.maven("process-sources").property("kernel.sourceDirectory", tree)
                .property("kernel.series", project.resolve("patches/series")).run();
        failsForLackOfSpace(r, "check the free space and permissions of " + tree);
        assertThat(r.log()).contains("Nothing in the tree was changed");
        assertThat(TreeDigest.full(tree)).as("the tree, stamps included").isEqualTo(before);
    }

    private static void write(Path file, byte[] content) throws IOException {
        Files.createDirectories(file.getParent());
        Files.write(file, content);
    }

    /** Fills the file system up to the last byte. */
    private static void fill(Path dir) throws IOException {
        byte[] block = new byte[4096];
        try (OutputStream out = Files.newOutputStream(dir.resolve("filler"))) {
            while (true) {
                out.write(block);
            }
        } catch (IOException expected) {
            // full
        }
        List<String> small = List.of("a", "b", "c", "d");
        for (String s : small) {
            try {
                Files.write(dir.resolve("filler-" + s), new byte[64]);
            } catch (IOException expected) {
                break;
            }
        }
    }
}
