package io.github.dom0build.core.fetch.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.dom0build.core.BuildException;
import io.github.dom0build.core.fetch.GitSource;
import io.github.dom0build.core.guard.DeletionRule;
import io.github.dom0build.core.net.ProxyConfig;
import io.github.dom0build.core.net.ProxySelection;
import io.github.dom0build.core.testing.AuthenticatingProxy;
import io.github.dom0build.core.testing.GitSmartHttp;
import io.github.dom0build.core.testing.LoopbackHttpServer;
import io.github.dom0build.core.testing.RecordingLog;
import java.net.ProxySelector;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.transport.HttpTransport;
import org.eclipse.jgit.transport.http.HttpConnectionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * git over http through settings.xml's proxy: a JGit repository served over git's smart http protocol
 * by a loopback server (JGit's own UploadPack answers the two requests, as its servlet would), under an
 * example.org name only the authenticating loopback proxy can reach (see {@link GitSmartHttp}).
 */
class GitThroughProxyTest {
    @TempDir
    Path tmp;

    private final RecordingLog log = new RecordingLog();
    private LoopbackHttpServer server;
    private AuthenticatingProxy proxy;
    private TestRepo upstream;
    private RevCommit head;

    @BeforeEach
    void serve() throws Exception {
        upstream = new TestRepo(tmp.resolve("upstream"));
        upstream.commit("Makefile", "all:\n\techo v1\n");
        head = upstream.commit("Makefile", "all:\n\techo v2\n");
        server = new LoopbackHttpServer();
        GitSmartHttp.serve(server, "repo", upstream.git.getRepository());
        proxy = new AuthenticatingProxy("builder", "s3cret");
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
        proxy.close();
        upstream.close();
    }

    private GitFetcher.Outcome fetch(String url, String user, String password, String nonProxyHosts)
            throws BuildException {
        ProxySelection proxies = new ProxySelection(List.of(new ProxyConfig("corp", "http", "127.0.0.1", proxy.port(),
                user, password, nonProxyHosts)));
        return new GitFetcher(log).fetch(new GitSource(url, "main", null), tmp.resolve("src"),
                new GitFetcher.Options(false, false, false, true, DeletionRule.withoutBuildDirectory(), proxies));
    }

    private String viaExampleName() {
        return "http://git.example.org:" + server.port() + "/repo.git";
    }

    @Test
    void aFetchOverHttpGoesThroughTheProxyWithItsCredentials() throws Exception {
        HttpConnectionFactory global = HttpTransport.getConnectionFactory();
        ProxySelector selector = ProxySelector.getDefault();

        GitFetcher.Outcome o = fetch(viaExampleName(), "builder", "s3cret", null);

        assertThat(o.commit()).isEqualTo(head.name());
        assertThat(tmp.resolve("src/Makefile")).content().contains("v2");
        assertThat(proxy.forwarded()).contains("GET " + viaExampleName() + "/info/refs?service=git-upload-pack HTTP/1.1",
                "POST " + viaExampleName() + "/git-upload-pack HTTP/1.1");
        assertThat(proxy.refused()).isZero();
        assertThat(HttpTransport.getConnectionFactory()).as("JGit's global factory untouched").isSameAs(global);
        assertThat(ProxySelector.getDefault()).as("the JVM's proxy selector untouched").isSameAs(selector);
    }

    @Test
    void withoutCredentialsTheProxyRefusesAndNothingIsCheckedOut() {
        BuildException e = assertThrows(BuildException.class, () -> fetch(viaExampleName(), null, null, null));

        assertThat(e.problem()).startsWith("Cannot reach the git repository " + viaExampleName());
        assertThat(e.problem()).contains("407");
        assertThat(proxy.refused()).isPositive();
        assertThat(tmp.resolve("src")).doesNotExist();
    }

    @Test
    void aHostInNonProxyHostsIsFetchedDirectly() throws Exception {
        String direct = "http://127.0.0.1:" + server.port() + "/repo.git";

        assertThat(fetch(direct, "builder", "s3cret", "127.0.0.1").commit()).isEqualTo(head.name());
        assertThat(proxy.authorizations()).as("the proxy saw nothing").isEmpty();
        assertThat(server.hits("/repo.git/git-upload-pack")).isPositive();
    }
}
