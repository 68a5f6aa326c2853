package io.github.dom0build.core.userland;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dom0build.core.BuildException;
import io.github.dom0build.core.io.Sha256;
import io.github.dom0build.core.net.ProxyConfig;
import io.github.dom0build.core.net.ProxySelection;
import io.github.dom0build.core.process.ProcessRunner;
import io.github.dom0build.core.testing.AuthenticatingProxy;
import io.github.dom0build.core.testing.LoopbackHttpServer;
import io.github.dom0build.core.testing.RecordingLog;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The userland cache without the package registry: a repository on disk for apt, cache entries made by
 * hand (as mmdebstrap's would be published), and an mmdebstrap that does not exist, which proves that
 * a cache hit never runs it.
 */
class UserlandsTest {
    @TempDir
    Path tmp;

    private final RecordingLog log = new RecordingLog();
    private final Userlands userlands = new Userlands(new ProcessRunner(log), log);

    private UserlandRequest request(String sources, boolean offline) {
        return new UserlandRequest(LocalAptRepository.SUITE, "amd64", List.of("systemd"), sources,
                tmp.resolve("no-mmdebstrap").toString(), Instant.EPOCH, tmp.resolve("cache"), offline);
    }

    private UserlandCache.Entry publish(UserlandRequest r, List<String> packages, String tarContent) throws Exception {
        UserlandCache cache = new UserlandCache(r.cacheDirectory(), r, log);
        Files.createDirectories(cache.directory());
        Path tmpTar = cache.newTemporaryTarball();
        Files.writeString(tmpTar, tarContent);
        UserlandCache.Record record = new UserlandCache.Record(null, null, null, packages, null, null,
                "2024-06-01T00:00:00Z");
        String key = Sha256.of(String.join("\n", packages).getBytes(StandardCharsets.UTF_8)).substring(0, 16);
        return cache.publish(tmpTar, key, record);
    }

    @Test
    void offlineWithoutACachedUserlandFailsAndSaysWhatToDo() {
        UserlandRequest r = request("Types: deb\nURIs: http://deb.example.org/debian\n", true);
        assertThatThrownBy(() -> userlands.obtain(r)).isInstanceOf(BuildException.class)
                .hasMessageContaining("Maven is offline (-o) and no userland for Debian testsuite amd64 (minbase +"
                        + " systemd) is cached in " + tmp.resolve("cache"))
                .satisfies(e -> assertThat(((BuildException) e).fix()).contains("run the build once without -o")
                        .contains("userland parameter"));
    }

    @Test
    void offlineTakesTheMostRecentlyUsedEntryWithoutAskingApt() throws Exception {
        UserlandRequest r = request("Types: deb\nURIs: http://deb.example.org/debian\n", true);
        UserlandCache.Entry older = publish(r, List.of("systemd=1"), "old");
        Files.setLastModifiedTime(older.tarball().resolveSibling(older.tarball().getFileName().toString()
                .replace(".tar", ".json")), FileTime.from(Instant.parse("2024-01-01T00:00:00Z")));
        UserlandCache.Entry newer = publish(r, List.of("systemd=2"), "new");
        Userland u = userlands.obtain(r);
        assertThat(u.location()).isEqualTo(newer.tarball());
        assertThat(u.packages()).containsExactly("systemd=2");
        assertThat(log.text()).contains("Offline: using the cached userland").doesNotContain("[apt]");
    }

    @Test
    void aCachedUserlandWithTheResolvedVersionsIsUsedWithoutMmdebstrap() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/apt-get")), "apt-get is not installed here");
        String sources = LocalAptRepository.write(tmp.resolve("repo"), "252.39-1~deb12u1");
        UserlandRequest r = request(sources, false);
        UserlandCache.Entry entry = publish(r, List.of("apt=2.6.1", "base-files=12.4", "libc6=2.36-9",
                "libsystemd0=252.39-1~deb12u1", "systemd=252.39-1~deb12u1"), "cached userland");
        assertThat(userlands.obtain(r).location()).isEqualTo(entry.tarball());
        assertThat(log.text()).contains("Userland up to date");

        // A new systemd in the index is another userland: now mmdebstrap must run, and is missing here.
        LocalAptRepository.write(tmp.resolve("repo"), "252.40-1~deb12u1");
        Files.setLastModifiedTime(r.cacheDirectory().resolve("apt/lists.updated"), FileTime.fromMillis(0));
        assertThatThrownBy(() -> userlands.obtain(r)).isInstanceOf(BuildException.class)
                .hasMessageContaining("no-mmdebstrap is not installed")
                .satisfies(e -> assertThat(((BuildException) e).fix()).contains("apt-get install mmdebstrap"));
        try (Stream<Path> s = Files.list(new UserlandCache(r.cacheDirectory(), r, log).directory())) {
            assertThat(s.map(p -> p.getFileName().toString()).filter(n -> !n.equals("lock")))
                    .as("the failed build left nothing behind").hasSize(2);
        }
    }

    /** Userlands hands settings.xml's proxy to its apt: the registry, under a name only the proxy reaches. */
    @Test
    void theVersionsAreResolvedThroughTheProxyOfSettingsXml() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/apt-get")), "apt-get is not installed here");
        Path repo = tmp.resolve("repo");
        LocalAptRepository.write(repo, "252.39-1~deb12u1");
        try (LoopbackHttpServer server = new LoopbackHttpServer();
                AuthenticatingProxy proxy = new AuthenticatingProxy("builder", "s3cret")) {
            UserlandRequest r = request(LocalAptRepository.serve(repo, server, "apt.example.org"), false);
            String mirror = "http://apt.example.org:" + server.port() + "/debian";
            UserlandCache.Entry entry = publish(r, List.of("apt=2.6.1", "base-files=12.4", "libc6=2.36-9",
                    "libsystemd0=252.39-1~deb12u1", "systemd=252.39-1~deb12u1"), "cached userland");
            ProxySelection proxies = new ProxySelection(List.of(new ProxyConfig("corp", "http", "127.0.0.1",
                    proxy.port(), "builder", "s3cret", null)));
            assertThat(new Userlands(new ProcessRunner(log), log, proxies).obtain(r).location())
                    .isEqualTo(entry.tarball());
            assertThat(proxy.forwarded()).anyMatch(l -> l.startsWith("GET " + mirror + "/dists/"
                    + LocalAptRepository.SUITE + "/"));
            assertThat(proxy.refused()).isZero();
            assertThat(log.text()).contains("apt goes through the proxy of settings.xml").doesNotContain("s3cret");
        }
    }

    @Test
    void onlyTheTwoMostRecentlyUsedEntriesOfARequestAreKept() throws Exception {
        UserlandRequest r = request("Types: deb\nURIs: http://deb.example.org/debian\n", true);
        for (int i = 1; i <= 3; i++) {
            UserlandCache.Entry e = publish(r, List.of("systemd=" + i), "v" + i);
            Files.setLastModifiedTime(e.tarball().resolveSibling(e.tarball().getFileName().toString()
                    .replace(".tar", ".json")), FileTime.from(Instant.parse("2024-01-0" + i + "T00:00:00Z")));
        }
        UserlandCache.Entry fourth = publish(r, List.of("systemd=4"), "v4");
        try (Stream<Path> s = Files.list(fourth.tarball().getParent())) {
            assertThat(s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json"))).hasSize(2);
        }
        assertThat(log.lines("INFO")).filteredOn(l -> l.startsWith("Removed the older cached userland")).hasSize(2);
    }

    @Test
    void aTarballAKilledBuildLeftIsSweptAndAnEntryWithoutItsRecordIsNeverUsed() throws Exception {
        UserlandRequest r = request("Types: deb\nURIs: http://deb.example.org/debian\n", true);
        UserlandCache cache = new UserlandCache(r.cacheDirectory(), r, log);
        Files.createDirectories(cache.directory());
        Path partial = cache.newTemporaryTarball();
        Files.writeString(partial, "half a tarball");
        Files.writeString(cache.directory().resolve("0123456789abcdef.tar"), "a tarball whose record was never written");
        assertThat(cache.newest()).isEmpty();
        cache.sweepLeftovers();
        assertThat(partial).doesNotExist();
    }

    @Test
    void theRequestKeyIgnoresThePackageOrderButNotThePackages() {
        UserlandRequest a = new UserlandRequest("bookworm", "amd64", List.of("systemd", "libyajl2"), "S", "m",
                Instant.EPOCH, tmp, false);
        UserlandRequest b = new UserlandRequest("bookworm", "amd64", List.of("libyajl2", "systemd", "systemd"), "S",
                "m", Instant.EPOCH, tmp, false);
        UserlandRequest c = new UserlandRequest("bookworm", "amd64", List.of("systemd"), "S", "m", Instant.EPOCH, tmp,
                false);
        UserlandRequest d = new UserlandRequest("trixie", "amd64", List.of("systemd", "libyajl2"), "S", "m",
                Instant.EPOCH, tmp, false);
        assertThat(a.requestKey()).isEqualTo(b.requestKey()).isNotEqualTo(c.requestKey()).isNotEqualTo(d.requestKey());
    }
}
