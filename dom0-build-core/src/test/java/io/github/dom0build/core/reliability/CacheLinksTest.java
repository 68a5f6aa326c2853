package io.github.dom0build.core.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A download cache shared with other users (cacheDirectory pointed at one directory) in which someone
 * planted symbolic links where dom0-build writes: the lock file, {@code source-url.txt}, the digest's
 * directory, the entry itself. Each is refused before anything is written, naming the link, and the file
 * the link points to (standing for a file of the build user's elsewhere) is untouched.
 */
class CacheLinksTest {
    @TempDir
    Path tmp;

    private final RecordingLog log = new RecordingLog();
    private final byte[] body = "the archive bytes\n".repeat(1000).getBytes();
    private final String sha = Sha256.of(body);
    private LoopbackHttpServer server;
    private URI uri;
    private Path cache;
    private Path victim;
    private Map<String, String> victimBefore;

    @BeforeEach
    void setUp() throws Exception {
        server = new LoopbackHttpServer();
        server.on("/x.tar.gz", LoopbackHttpServer.bytes(body));
        uri = server.uri("/x.tar.gz");
        cache = tmp.resolve("shared-cache");
        victim = tmp.resolve("home/.bashrc");
        Trees.write(victim, "the user's own file\n");
        victimBefore = Trees.digest(victim.getParent());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private BuildException refused() {
        return assertThrows(BuildException.class, () -> new DownloadCache(cache, log).get(uri, sha,
                new HttpDownloader(ProxySelection.none(), Duration.ofSeconds(5), Duration.ofSeconds(5), log, false),
                false));
    }

    private void refusedNaming(Path link) throws Exception {
        BuildException e = refused();
        assertThat(e.problem()).isEqualTo("The download cache " + cache + " cannot be used: " + link + ": is a"
                + " symbolic link, and dom0-build never made one there. Nothing was downloaded or changed there.");
        assertThat(e.fix()).isEqualTo("remove " + link + " (the cache holds only files dom0-build wrote), or point the"
                + " cacheDirectory parameter at a directory of your own");
        assertThat(Trees.digest(victim.getParent())).as("the file the link points to").isEqualTo(victimBefore);
        assertThat(server.hits("/x.tar.gz")).as("downloads").isZero();
    }

    @Test
    void aLinkPlantedAsTheLockFileIsRefused() throws Exception {
        Path lock = Files.createDirectories(cache.resolve("locks")).resolve(sha + ".lock");
        Files.createSymbolicLink(lock, victim);
        refusedNaming(lock);
    }

    @Test
    void aLinkPlantedAsSourceUrlTxtIsRefused() throws Exception {
        Path dir = Files.createDirectories(cache.resolve("sha256/" + sha));
        Files.createSymbolicLink(dir.resolve("source-url.txt"), victim);
        refusedNaming(dir.resolve("source-url.txt"));
    }

    @Test
    void aLinkPlantedAsTheDigestsDirectoryIsRefused() throws Exception {
        Files.createDirectories(cache.resolve("sha256"));
        Files.createSymbolicLink(cache.resolve("sha256/" + sha), victim.getParent());
        refusedNaming(cache.resolve("sha256/" + sha));
    }

    @Test
    void aLinkPlantedAsTheEntryIsRefusedEvenWithTheRightContent() throws Exception {
        Path dir = Files.createDirectories(cache.resolve("sha256/" + sha));
        Path elsewhere = tmp.resolve("home/x.tar.gz");
        Files.write(elsewhere, body);
        victimBefore = Trees.digest(victim.getParent());
        Files.createSymbolicLink(dir.resolve("x.tar.gz"), elsewhere);
        refusedNaming(dir.resolve("x.tar.gz"));
    }
}
