package io.github.dom0build.core.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dom0build.core.BuildException;
import io.github.dom0build.core.fetch.FetchRequest;
import io.github.dom0build.core.fetch.SourceFetcher;
import io.github.dom0build.core.fetch.SourceSpecs;
import io.github.dom0build.core.fetch.download.DownloadCache;
import io.github.dom0build.core.fetch.download.HttpDownloader;
import io.github.dom0build.core.net.ProxySelection;
import io.github.dom0build.core.fetch.extract.ArchiveException;
import io.github.dom0build.core.fetch.extract.ArchiveExtractor;
import io.github.dom0build.core.fetch.extract.ExtractionLimits;
import io.github.dom0build.core.install.RootInstaller;
import io.github.dom0build.core.install.TargetRoot;
import io.github.dom0build.core.io.Sha256;
import io.github.dom0build.core.patch.PatchApplier;
import io.github.dom0build.core.patch.PatchOptions;
import io.github.dom0build.core.patch.PatchSeries;
import io.github.dom0build.core.testing.LoopbackHttpServer;
import io.github.dom0build.core.testing.RecordingLog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a killed run (SIGKILL: no finally block ran) leaves on disk, laid out by hand, and what the next
 * run does with it: it says what it found, removes or rolls back the leftovers, and completes, or, when
 * the record itself is unreadable, refuses and names what to delete. InterruptedRunIT kills real Maven
 * processes; this covers the states that are too short-lived to hit that way.
 */
class LeftoverStateTest {
    @TempDir
    Path tmp;

    private final RecordingLog log = new RecordingLog();

    @Test
    void aPartialDownloadOfAKilledBuildIsRemovedAndTheFileDownloadedAgain() throws Exception {
        byte[] body = "archive\n".repeat(500).getBytes();
        String sha = Sha256.of(body);
        try (LoopbackHttpServer server = new LoopbackHttpServer()) {
            server.on("/x.tar.gz", LoopbackHttpServer.bytes(body));
            DownloadCache cache = new DownloadCache(tmp.resolve("cache"), log);
            Path entry = cache.entryFor(server.uri("/x.tar.gz"), sha);
            Path partial = entry.resolveSibling(".x.tar.gz.part-0b5e5c1e");
            Trees.write(partial, "the first half of the arch");

            Path got = cache.get(server.uri("/x.tar.gz"), sha, new HttpDownloader(ProxySelection.none(),
                    Duration.ofSeconds(5), Duration.ofSeconds(5), log, false), false);

            assertThat(got).isEqualTo(entry).hasBinaryContent(body);
            assertThat(partial).doesNotExist();
            assertThat(log.text()).contains("Removing the partial download " + partial
                    + ", left by an interrupted build");
            assertThat(server.hits("/x.tar.gz")).isEqualTo(1);
        }
    }

    @Test
    void aDamagedCacheEntryIsDownloadedAgainNotTrusted() throws Exception {
        byte[] body = "archive\n".repeat(500).getBytes();
        String sha = Sha256.of(body);
        try (LoopbackHttpServer server = new LoopbackHttpServer()) {
            server.on("/x.tar.gz", LoopbackHttpServer.bytes(body));
            DownloadCache cache = new DownloadCache(tmp.resolve("cache"), log);
            Path entry = cache.entryFor(server.uri("/x.tar.gz"), sha);
            Trees.write(entry, "archive\n".repeat(250)); // a truncated copy under the right name

            cache.get(server.uri("/x.tar.gz"), sha, new HttpDownloader(ProxySelection.none(), Duration.ofSeconds(5),
                    Duration.ofSeconds(5), log, false), false);

            assertThat(entry).hasBinaryContent(body);
            assertThat(log.text()).contains("Cached " + entry + " is damaged").contains("downloading it again");
        }
    }

    private FetchRequest fetchOf(Path archive, Path target) throws BuildException {
        return FetchRequest.builder(SourceSpecs.parse(archive.toString(), null, null, null, false, tmp), target)
                .cacheDirectory(tmp.resolve("cache")).build();
    }

    @Test
    void theOldTreeAKilledReplacementRenamedAsideIsRemovedByTheNextFetch() throws Exception {
        Path archive = tmp.resolve("xen.tar.gz");
        Files.write(archive, Trees.tarGz("xen-4.17.5/Makefile", "new\n"));
        Path target = tmp.resolve("work/xen");
        // killed between renaming the previous tree aside and deleting it (a Linux tree takes seconds)
        Path old = tmp.resolve("work/.xen.old-5d1a6e0c");
        Trees.write(old.resolve("Makefile"), "the previous version\n");
        Trees.write(old.resolve("drivers/big.c"), "gigabytes of it\n");

        new SourceFetcher(log).fetch(fetchOf(archive, target));

        assertThat(old).doesNotExist();
        assertThat(log.text()).contains("Removing " + old + ", left by an interrupted fetch");
        assertThat(target.resolve("Makefile")).hasContent("new");
    }

    @Test
    void theHolderAKilledStripLeftIsRemovedByTheNextFetch() throws Exception {
        Path archive = tmp.resolve("xen.tar.gz");
        Files.write(archive, Trees.tarGz("xen-4.17.5/Makefile", "new\n"));
        Path target = tmp.resolve("work/xen");
        // killed between the two renames that strip the top-level directory
        Path holder = tmp.resolve("work/.xen.extract-1f0c.strip-9a7e");
        Trees.write(holder.resolve("xen-4.17.5/Makefile"), "half\n");

        new SourceFetcher(log).fetch(fetchOf(archive, target));

        assertThat(holder).doesNotExist();
        assertThat(log.text()).contains("Removing " + holder + ", left by an interrupted fetch");
        assertThat(target.resolve("Makefile")).hasContent("new");
        try (var s = Files.list(tmp.resolve("work"))) {
            assertThat(s.map(p -> p.getFileName().toString()).toList()).containsExactly("xen");
        }
    }

    @Test
    void anInterruptedExtractionRemovesWhatItWroteAndSaysToRunAgain() throws Exception {
        Path archive = tmp.resolve("xen.tar.gz");
        Files.write(archive, Trees.tarGz("xen/a", "a\n", "xen/b", "b\n"));
        Path dest = tmp.resolve(".xen.extract-1");
        Thread.currentThread().interrupt(); // as Maven interrupts a cancelled build thread
        try {
            assertThatThrownBy(() -> new ArchiveExtractor(ExtractionLimits.DEFAULT, log).extract(archive, dest))
                    .isInstanceOf(ArchiveException.class).hasMessageContaining("was interrupted")
                    .hasMessageContaining("Fix: run the build again");
        } finally {
            Thread.interrupted();
        }
        assertThat(dest).doesNotExist();
    }

    @Test
    void aHalfWrittenInstallJournalIsRemovedAndTheInstallCompletes() throws Exception {
        Path stage = tmp.resolve("stage");
        Trees.write(stage.resolve("boot/vmlinuz-6.1.0"), "kernel\n");
        TargetRoot root = TargetRoot.resolve(tmp.resolve("root"), false, "install", "x.allowLiveSystem");
        // killed while writing the journal itself: nothing else was done yet
        Path half = root.resolve("var/lib/dom0-build/.k.install-journal.json.tmp-77");
        Trees.write(half, "{\"createdDirectories\":[");

        new RootInstaller(log).install(stage, root, "k", false);

        assertThat(half).doesNotExist();
        assertThat(log.text()).contains("Removing " + half + ", the half-written journal of an interrupted install");
        assertThat(root.resolve("boot/vmlinuz-6.1.0")).hasContent("kernel");
        assertThat(Trees.digest(root.path()).keySet()).noneMatch(k -> k.contains(".dom0-build-") || k.contains(".tmp-"));
    }

    @Test
    void aDamagedInstallJournalIsRefusedNamingTheFileAndNothingIsInstalled() throws Exception {
        Path stage = tmp.resolve("stage");
        Trees.write(stage.resolve("boot/vmlinuz-6.1.0"), "kernel\n");
        TargetRoot root = TargetRoot.resolve(tmp.resolve("root"), false, "install", "x.allowLiveSystem");
        Path journal = root.resolve("var/lib/dom0-build/k.install-journal.json");
        Trees.write(journal, "{\"files\": [ {\"target\": "); // cut off
        Map<String, String> before = Trees.digest(root.path());

        assertThatThrownBy(() -> new RootInstaller(log).install(stage, root, "k", false))
                .isInstanceOf(BuildException.class)
                .hasMessageContaining("Cannot roll back the interrupted install recorded in " + journal)
                .hasMessageContaining("Fix: restore the files it lists by hand, then delete it");
        assertThat(Trees.digest(root.path())).isEqualTo(before);
    }

    @Test
    void aDamagedPatchJournalIsRefusedNamingWhatToDeleteAndTheTreeIsLeftAlone() throws Exception {
        Path tree = tmp.resolve("linux");
        Trees.write(tree.resolve("init/main.c"), "int x = 1;\n");
        Trees.write(tree.resolve(".dom0-build/patch-journal/journal.json"), "{\"files\": [");
        Path patch = tmp.resolve("0001.patch");
        Trees.write(patch, "--- a/init/main.c\n+++ b/init/main.c\n@@ -1 +1 @@\n-int x = 1;\n+int x = 2;\n");
        Map<String, String> before = Trees.digest(tree);

        assertThatThrownBy(() -> new PatchApplier(log).apply(tree, PatchSeries.fromList(List.of(patch), 1),
                PatchOptions.defaults())).isInstanceOf(BuildException.class)
                .hasMessageContaining("Cannot roll back the interrupted patch run recorded in "
                        + tree.resolve(".dom0-build/patch-journal"))
                .hasMessageContaining("Fix: ").hasMessageContaining("delete " + tree);
        assertThat(Trees.digest(tree)).isEqualTo(before);
    }
}
