package io.github.dom0build.it;

import static io.github.dom0build.it.harness.Fixtures.files;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.dom0build.core.io.Sha256;
import io.github.dom0build.core.testing.LoopbackHttpServer;
import io.github.dom0build.it.harness.BuildResult;
import io.github.dom0build.it.harness.Fixtures;
import io.github.dom0build.it.harness.ItProject;
import io.github.dom0build.it.harness.MavenRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/** The fetch goal of both plugins, against a local git repository and a loopback HTTP server. */
class FetchIT {
    private LoopbackHttpServer server;
    private ItProject project;
    private Path cache;

    @BeforeEach
    void setUp(TestInfo info) throws Exception {
        server = new LoopbackHttpServer();
        project = ItProject.copy("fetch", "fetch-" + info.getTestMethod().orElseThrow().getName());
        cache = project.resolve("download-cache");
    }

    @AfterEach
    void tearDown() {
        server.close();
    }

    private MavenRun maven() {
        return project.maven("initialize").property("kernel.cacheDirectory", cache).property("xen.cacheDirectory", cache);
    }

    private byte[] xenTarball() throws Exception {
        return Fixtures.tarGz(files("xen-4.17.5/Makefile", "dist:\n", "xen-4.17.5/configure.sh", "#!/bin/sh\n",
                "xen-4.17.5/tools/link", "->../Makefile"));
    }

    @Test
    void kernelFromGitAndXenFromAnArchiveThenNothingOnTheRerun() throws Exception {
        Path upstream = project.resolve("upstream-linux");
        List<RevCommit> commits = Fixtures.gitRepo(upstream, files("Makefile", "VERSION = 6\n"),
                files("Makefile", "VERSION = 6\nPATCHLEVEL = 1\n"));
        Fixtures.tag(upstream, "v6.1");
        byte[] tarball = xenTarball();
        server.on("/xen-4.17.5.tar.gz", LoopbackHttpServer.bytes(tarball));

        BuildResult first = maven().property("kernel.url", upstream).property("kernel.ref", "v6.1")
                .property("kernel.commit", commits.get(1).name())
                .property("xen.url", server.uri("/xen-4.17.5.tar.gz")).property("xen.sha256", Sha256.of(tarball)).run();

        assertThat(first.succeeded()).as(first.toString()).isTrue();
        assertThat(project.resolve("target/linux/Makefile")).content().contains("PATCHLEVEL = 1");
        assertThat(project.resolve("target/xen/Makefile")).content().isEqualTo("dist:\n");
        assertThat(Files.isExecutable(project.resolve("target/xen/configure.sh"))).isTrue();
        assertThat(Files.readSymbolicLink(project.resolve("target/xen/tools/link"))).isEqualTo(Path.of("../Makefile"));
        assertThat(first.log()).contains("Checked out " + commits.get(1).name())
                .contains("Downloaded " + server.uri("/xen-4.17.5.tar.gz"));

        BuildResult second = maven().property("kernel.url", upstream).property("kernel.ref", "v6.1")
                .property("kernel.commit", commits.get(1).name())
                .property("xen.url", server.uri("/xen-4.17.5.tar.gz")).property("xen.sha256", Sha256.of(tarball)).run();
        assertThat(second.succeeded()).as(second.toString()).isTrue();
        assertThat(second.log()).contains("[INFO] Sources up to date: " + project.resolve("target/linux"))
                .contains("[INFO] Sources up to date: " + project.resolve("target/xen"));
        assertThat(server.hits("/xen-4.17.5.tar.gz")).isEqualTo(1);
    }

    @Test
    void aSecondProjectReusesTheSharedCache() throws Exception {
        byte[] tarball = xenTarball();
        server.on("/xen.tar.gz", LoopbackHttpServer.bytes(tarball));
        maven().property("kernel.fetch.skip", true).property("xen.url", server.uri("/xen.tar.gz"))
                .property("xen.sha256", Sha256.of(tarball)).run();
        ItProject other = ItProject.copy("fetch", "fetch-cache-other");
        BuildResult r = other.maven("initialize").property("kernel.fetch.skip", true).property("xen.cacheDirectory", cache)
                .property("xen.url", server.uri("/xen.tar.gz")).property("xen.sha256", Sha256.of(tarball)).run();
        assertThat(r.succeeded()).as(r.toString()).isTrue();
        assertThat(r.log()).contains("Using cached " + server.uri("/xen.tar.gz"));
        assertThat(other.resolve("target/xen/Makefile")).exists();
        assertThat(server.hits("/xen.tar.gz")).isEqualTo(1);
    }

    @Test
    void aWrongChecksumFailsBeforeAnythingIsExtracted() throws Exception {
        server.on("/xen.tar.gz", LoopbackHttpServer.bytes(xenTarball()));
        String wrong = "ab".repeat(32);
        BuildResult r = maven().property("kernel.fetch.skip", true).property("xen.url", server.uri("/xen.tar.gz"))
                .property("xen.sha256", wrong).run();
        assertThat(r.succeeded()).isFalse();
        assertThat(r.log()).contains("sha256 mismatch for " + server.uri("/xen.tar.gz") + ": expected " + wrong)
                .contains("Fix: if upstream really changed the file");
        assertThat(project.resolve("target/xen")).doesNotExist();
        assertThat(regularFilesUnder(cache.resolve("sha256"))).isEmpty();
    }

    @Test
    void anArchiveEntryEscapingTheTreeFailsTheFetch() throws Exception {
        byte[] evil = Fixtures.tarGz(files("xen/Makefile", "x\n", "xen/../../escaped.txt", "pwned\n"));
        server.on("/evil.tar.gz", LoopbackHttpServer.bytes(evil));
        BuildResult r = maven().property("kernel.fetch.skip", true).property("xen.url", server.uri("/evil.tar.gz"))
                .property("xen.sha256", Sha256.of(evil)).run();
        assertThat(r.succeeded()).isFalse();
        assertThat(r.log()).contains("escaped.txt");
        assertThat(project.resolve("target/xen")).doesNotExist();
        assertThat(project.resolve("escaped.txt")).doesNotExist();
        assertThat(project.resolve("target/escaped.txt")).doesNotExist();
    }

    @Test
    void anUnknownRefAndAPinMismatchAreExplained() throws Exception {
        Path upstream = project.resolve("upstream-xen");
        List<RevCommit> commits = Fixtures.gitRepo(upstream, files("README", "xen\n"), files("README", "xen 2\n"));
        Fixtures.tag(upstream, "RELEASE-4.17.5");

        BuildResult unknown = maven().property("kernel.fetch.skip", true).property("xen.url", upstream)
                .property("xen.ref", "RELEASE-4.17.9").run();
        assertThat(unknown.succeeded()).isFalse();
        assertThat(unknown.log()).contains("Ref 'RELEASE-4.17.9' is not a branch, tag or commit id in " + upstream)
                .contains("Closest names there: RELEASE-4.17.5");

        BuildResult pin = maven().property("kernel.fetch.skip", true).property("xen.url", upstream)
                .property("xen.ref", "master").property("xen.commit", commits.get(0).name()).run();
        assertThat(pin.succeeded()).isFalse();
        assertThat(pin.log()).contains("Pin mismatch: master of " + upstream + " is commit " + commits.get(1).name())
                .contains("Nothing was checked out");
        assertThat(project.resolve("target/xen")).doesNotExist();
    }

    @Test
    void offlineUsesTheCacheOrNamesWhatIsMissing() throws Exception {
        byte[] tarball = xenTarball();
        server.on("/xen.tar.gz", LoopbackHttpServer.bytes(tarball));
        MavenRun offline = maven().offline().property("kernel.fetch.skip", true)
                .property("xen.url", server.uri("/xen.tar.gz")).property("xen.sha256", Sha256.of(tarball));
        BuildResult missing = offline.run();
        assertThat(missing.succeeded()).isFalse();
        assertThat(missing.log()).contains("Maven is offline and " + server.uri("/xen.tar.gz")
                + " is not in the download cache").contains("run the build once without -o");
        assertThat(server.hits("/xen.tar.gz")).isZero();

        assertThat(maven().property("kernel.fetch.skip", true).property("xen.url", server.uri("/xen.tar.gz"))
                .property("xen.sha256", Sha256.of(tarball)).property("xen.sourceDirectory", project.resolve("warm"))
                .run().succeeded()).isTrue();
        BuildResult cached = maven().offline().property("kernel.fetch.skip", true)
                .property("xen.url", server.uri("/xen.tar.gz")).property("xen.sha256", Sha256.of(tarball)).run();
        assertThat(cached.succeeded()).as(cached.toString()).isTrue();
        assertThat(project.resolve("target/xen/Makefile")).exists();
        assertThat(server.hits("/xen.tar.gz")).isEqualTo(1);
    }

    @Test
    void aLocalDirectoryIsUsedInPlace() throws Exception {
        Path tree = Files.createDirectories(project.resolve("my-linux"));
        Files.writeString(tree.resolve("Makefile"), "all:\n");
        BuildResult r = maven().property("xen.fetch.skip", true).property("kernel.url", "my-linux").run();
        assertThat(r.succeeded()).as(r.toString()).isTrue();
        assertThat(Files.isSymbolicLink(project.resolve("target/linux"))).isTrue();
        assertThat(project.resolve("target/linux/Makefile")).exists();
        assertThat(r.log()).contains("Using " + tree + " in place");
    }

    @Test
    void skipSwitchesSkipTheGoal() throws Exception {
        BuildResult r = maven().property("kernel.fetch.skip", true).property("xen.skip", true).run();
        assertThat(r.succeeded()).as(r.toString()).isTrue();
        assertThat(r.log()).as("the goal's property, named from the goal").contains(
                "Skipping kernel:fetch (kernel.fetch.skip or skip is set)")
                .contains("Skipping xen:fetch (xen.skip or skip is set)");
    }

    @Test
    void aMissingUrlSaysWhatToSet() throws Exception {
        BuildResult r = maven().property("xen.fetch.skip", true).run();
        assertThat(r.succeeded()).isFalse();
        assertThat(r.log()).contains("No source given: the url parameter is empty.");
    }

    private static List<Path> regularFilesUnder(Path dir) throws Exception {
        if (!Files.exists(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).toList();
        }
    }
}
