package io.github.dom0build.core.userland;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dom0build.core.io.Sha256;
import io.github.dom0build.core.net.AptProxySettings;
import io.github.dom0build.core.net.ProxyConfig;
import io.github.dom0build.core.net.ProxySelection;
import io.github.dom0build.core.process.ProcessRunner;
import io.github.dom0build.core.testing.AuthenticatingProxy;
import io.github.dom0build.core.testing.LoopbackHttpServer;
import io.github.dom0build.core.testing.RecordingLog;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * mmdebstrap through settings.xml's proxy: the real mmdebstrap and apt, a repository of one package
 * (made with dpkg-deb) served on loopback under an example.org name that only the authenticating proxy
 * reaches, and the {@code extract} variant, which needs no Essential packages. The proxy's credentials
 * reach apt as environment variables, never as an {@code --aptopt}, which mmdebstrap would keep in the
 * root's apt.conf.d: the tarball must not hold them.
 */
class MmdebstrapProxyTest {
    private static final String SUITE = "testsuite";

    @TempDir
    Path tmp;

    private final RecordingLog log = new RecordingLog();

    @Test
    void thePackagesComeThroughTheProxyAndItsCredentialsStayOutOfTheTarball() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/mmdebstrap")), "mmdebstrap is not installed here");
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/dpkg-deb")), "dpkg-deb is not installed here");
        Assumptions.assumeTrue(canMakeRoots(), "mmdebstrap needs root or unprivileged user namespaces");
        byte[] deb = fixtureDeb();
        String packages = "Package: hello-fixture\nVersion: 1.0\nArchitecture: all\nMaintainer: Fixture <f@example.org>\n"
                + "Filename: pool/hello-fixture_1.0_all.deb\nSize: " + deb.length + "\nSHA256: " + Sha256.of(deb)
                + "\nDescription: a fixture\n\n";
        byte[] index = packages.getBytes(StandardCharsets.UTF_8);
        String release = "Suite: " + SUITE + "\nCodename: " + SUITE + "\nArchitectures: amd64\nComponents: main\n"
                + "Date: Sat, 01 Jun 2024 00:00:00 UTC\nSHA256:\n " + Sha256.of(index) + " " + index.length
                + " main/binary-amd64/Packages\n";
        try (LoopbackHttpServer server = new LoopbackHttpServer();
                AuthenticatingProxy proxy = new AuthenticatingProxy("builder", "s3cret")) {
            server.on("/debian/dists/" + SUITE + "/Release", LoopbackHttpServer.bytes(release.getBytes(StandardCharsets.UTF_8)))
                    .on("/debian/dists/" + SUITE + "/main/binary-amd64/Packages", LoopbackHttpServer.bytes(index))
                    .on("/debian/pool/hello-fixture_1.0_all.deb", LoopbackHttpServer.bytes(deb));
            String mirror = "http://apt.example.org:" + server.port() + "/debian";
            String sources = "Types: deb\nURIs: " + mirror + "\nSuites: " + SUITE + "\nComponents: main\nTrusted: yes\n";
            Path sourcesFile = Files.writeString(tmp.resolve("sources"), sources);
            UserlandRequest r = new UserlandRequest(SUITE, "amd64", List.of("hello-fixture"), sources,
                    "/usr/bin/mmdebstrap", Instant.EPOCH, tmp.resolve("cache"), false);
            ProxySelection proxies = new ProxySelection(List.of(new ProxyConfig("corp", "http", "127.0.0.1",
                    proxy.port(), "builder", "s3cret", null)));
            Map<String, String> env = AptProxySettings.of(proxies, sources).environment();
            assertThat(env).containsEntry("http_proxy", "http://builder:s3cret@127.0.0.1:" + proxy.port() + "/");

            Path tarball = tmp.resolve("userland.tar");
            new Mmdebstrap(new ProcessRunner(log)).build(r, "extract", sourcesFile, tarball, env);

            assertThat(proxy.forwarded()).as("the package came through the proxy")
                    .anyMatch(l -> l.startsWith("GET " + mirror + "/pool/hello-fixture_1.0_all.deb"));
            assertThat(proxy.refused()).isZero();
            assertThat(server.hits("/debian/pool/hello-fixture_1.0_all.deb")).isPositive();
            String tar = new String(Files.readAllBytes(tarball), StandardCharsets.ISO_8859_1);
            assertThat(tar).as("the fixture's file is in the tarball").contains("usr/share/hello-fixture/hi");
            assertThat(tar).as("no credentials in the userland").doesNotContain("s3cret");
            assertThat(log.text()).doesNotContain("s3cret");
        }
    }

    /** As root mmdebstrap works directly; another user needs an unprivileged user namespace. */
    private static boolean canMakeRoots() throws Exception {
        if ("root".equals(System.getProperty("user.name"))) {
            return true;
        }
        Process p = new ProcessBuilder("unshare", "--user", "--map-root-user", "true").redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        return p.waitFor() == 0;
    }

    private byte[] fixtureDeb() throws Exception {
        Path pkg = tmp.resolve("pkg");
        Files.createDirectories(pkg.resolve("DEBIAN"));
        Files.createDirectories(pkg.resolve("usr/share/hello-fixture"));
        Files.writeString(pkg.resolve("DEBIAN/control"), "Package: hello-fixture\nVersion: 1.0\nArchitecture: all\n"
                + "Maintainer: Fixture <f@example.org>\nDescription: a fixture\n");
        Files.writeString(pkg.resolve("usr/share/hello-fixture/hi"), "hi\n");
        Path deb = tmp.resolve("hello-fixture_1.0_all.deb");
        Process p = new ProcessBuilder("dpkg-deb", "-Zgzip", "--root-owner-group", "--build", pkg.toString(),
                deb.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(out).isZero();
        return Files.readAllBytes(deb);
    }
}
