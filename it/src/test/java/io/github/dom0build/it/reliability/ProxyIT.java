package io.github.dom0build.it.reliability;

import static io.github.dom0build.it.harness.Fixtures.files;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.dom0build.core.io.Sha256;
import io.github.dom0build.core.testing.AuthenticatingProxy;
import io.github.dom0build.core.testing.GitSmartHttp;
import io.github.dom0build.core.testing.LoopbackHttpServer;
import io.github.dom0build.it.harness.BuildResult;
import io.github.dom0build.it.harness.Fixtures;
import io.github.dom0build.it.harness.ItProject;
import io.github.dom0build.it.harness.MavenRun;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * settings.xml's proxy, read by the Mojos, for an archive and a git source over http: a loopback
 * proxy that wants credentials and is the only way to the example.org names the sources use. Its
 * record proves the requests went through it; a password Maven cannot decrypt is reported by the
 * proxy's id.
 */
class ProxyIT {
    private LoopbackHttpServer server;
    private AuthenticatingProxy proxy;
    private ItProject project;
    private Path cache;

    @BeforeEach
    void setUp(TestInfo info) throws Exception {
        server = new LoopbackHttpServer();
        proxy = new AuthenticatingProxy("builder", "s3cret");
        project = ItProject.copy("fetch", "proxy-" + info.getTestMethod().orElseThrow().getName());
        cache = project.resolve("cache");
    }

    @AfterEach
    void tearDown() throws Exception {
        server.close();
        proxy.close();
    }

    private String proxies(String password) {
        return """
                  <proxies>
                    <proxy>
                      <id>corp</id>
                      <active>true</active>
                      <protocol>http</protocol>
                      <host>127.0.0.1</host>
                      <port>%d</port>
                      <username>builder</username>
                      <password>%s</password>
                      <nonProxyHosts>*.internal</nonProxyHosts>
                    </proxy>
                  </proxies>
                """.formatted(proxy.port(), password);
    }

    private MavenRun fetch() {
        return project.maven("initialize").property("kernel.cacheDirectory", cache)
                .property("xen.cacheDirectory", cache);
    }

    @Test
    void anArchiveAndAGitRepositoryOverHttpComeThroughTheProxyOfSettingsXml() throws Exception {
        byte[] tarball = Fixtures.tarGz(files("xen-4.17.5/Makefile", "dist:\n"));
        server.on("/xen-4.17.5.tar.gz", LoopbackHttpServer.bytes(tarball));
        Path upstream = project.resolve("upstream-linux");
        List<RevCommit> commits = Fixtures.gitRepo(upstream, files("Makefile", "VERSION = 6\n"));
        String xenUrl = "http://mirror.example.org:" + server.port() + "/xen-4.17.5.tar.gz";
        String gitUrl = "http://git.example.org:" + server.port() + "/linux.git";
        BuildResult r;
        try (Git git = Git.open(upstream.toFile())) {
            GitSmartHttp.serve(server, "linux", git.getRepository());
            r = fetch().settings(proxies("s3cret")).property("xen.url", xenUrl)
                    .property("xen.sha256", Sha256.of(tarball)).property("kernel.url", gitUrl).run();
        }

        assertThat(r.succeeded()).as(r.toString()).isTrue();
        assertThat(project.resolve("target/xen/Makefile")).content().isEqualTo("dist:\n");
        assertThat(r.log()).contains("Checked out " + commits.get(0).name());
        assertThat(proxy.forwarded()).contains("GET " + xenUrl + " HTTP/1.1",
                "POST " + gitUrl + "/git-upload-pack HTTP/1.1");
        assertThat(r.log()).doesNotContain("s3cret");
    }

    @Test
    void aPasswordMavenCannotDecryptIsReportedByTheProxysId() throws Exception {
        byte[] tarball = Fixtures.tarGz(files("xen-4.17.5/Makefile", "dist:\n"));
        server.on("/xen-4.17.5.tar.gz", LoopbackHttpServer.bytes(tarball));

        BuildResult r = fetch().settings(proxies("{bm90LWVuY3J5cHRlZA==}"))
                .property("settings.security", project.resolve("no-settings-security.xml"))
                .property("kernel.fetch.skip", true)
                .property("xen.url", "http://mirror.example.org:" + server.port() + "/xen-4.17.5.tar.gz")
                .property("xen.sha256", Sha256.of(tarball)).run();

        assertThat(r.succeeded()).as(r.toString()).isFalse();
        assertThat(r.log()).contains("[WARNING] settings.xml proxy 'corp': its password could not be decrypted (")
                .contains("the server answered HTTP 407").contains("Fix: ");
        assertThat(proxy.refused()).isPositive();
        assertThat(server.hits("/xen-4.17.5.tar.gz")).isZero();
    }
}
