package io.github.dom0build.it.reliability;

import static io.github.dom0build.it.harness.Fixtures.files;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.dom0build.core.install.TargetRoot;
import io.github.dom0build.it.harness.BuildResult;
import io.github.dom0build.it.harness.Fixtures;
import io.github.dom0build.it.harness.ItProject;
import io.github.dom0build.it.harness.MavenProcess;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * git over ssh, as the fetch page documents it ({@code ssh://} and {@code user@host:path}), against a
 * real OpenSSH sshd on 127.0.0.1 started by the test with its own configuration and host key (root only:
 * sshd authenticates the user it runs for; skipped without root or without /usr/sbin/sshd). The build
 * gets its own home ({@code -Duser.home}) with a known_hosts, and authenticates through a real ssh-agent
 * holding the key (no key file in that home); a host key missing from known_hosts is refused.
 */
class SshFetchIT {
    private static final Path SSHD = Path.of("/usr/sbin/sshd");
    private static final Duration RUN = Duration.ofMinutes(3);

    private static Path dir;
    private static int port;
    private static Process sshd;
    private static Process agent;
    private static Path agentSocket;
    private static Path upstream;
    private static List<RevCommit> commits;

    @BeforeAll
    static void startSshdAndAgent() throws Exception {
        assumeTrue(TargetRoot.runningAsRoot() && Files.isExecutable(SSHD), "needs root and OpenSSH's sshd");
        dir = ItProject.empty("reliability-ssh").dir();
        run("ssh-keygen", "-q", "-t", "ecdsa", "-b", "256", "-N", "", "-f", dir.resolve("host_key").toString());
        run("ssh-keygen", "-q", "-t", "ecdsa", "-b", "256", "-N", "", "-C", "dom0-build-test",
                "-f", dir.resolve("client_key").toString());
        Files.copy(dir.resolve("client_key.pub"), dir.resolve("authorized_keys"));
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Path config = dir.resolve("sshd_config");
        Files.writeString(config, String.join("\n", "Port " + port, "ListenAddress 127.0.0.1",
                "HostKey " + dir.resolve("host_key"), "PidFile " + dir.resolve("sshd.pid"),
                "AuthorizedKeysFile " + dir.resolve("authorized_keys"), "StrictModes no", "UsePAM no",
                "PasswordAuthentication no", "KbdInteractiveAuthentication no", "PubkeyAuthentication yes",
                "PermitRootLogin prohibit-password", "LogLevel VERBOSE", "") + "\n");
        Files.createDirectories(Path.of("/run/sshd")); // sshd's privilege separation directory
        sshd = new ProcessBuilder(SSHD.toString(), "-D", "-e", "-f", config.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("sshd.log").toFile()).start();
        awaitPort();

        agentSocket = dir.resolve("agent.sock");
        agent = new ProcessBuilder("ssh-agent", "-D", "-a", agentSocket.toString()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("agent.log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!Files.exists(agentSocket) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        ProcessBuilder add = new ProcessBuilder("ssh-add", dir.resolve("client_key").toString());
        add.environment().put("SSH_AUTH_SOCK", agentSocket.toString());
        assertThat(add.redirectErrorStream(true).start().waitFor()).isZero();

        upstream = dir.resolve("upstream-linux");
        commits = Fixtures.gitRepo(upstream, files("Makefile", "VERSION = 6\n", "README", "Linux\n"));
    }

    /** sshd is up when its port accepts a connection (bounded, polled). */
    private static void awaitPort() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
                return;
            } catch (IOException notYet) {
                if (!sshd.isAlive() || System.nanoTime() > deadline) {
                    throw new IllegalStateException("sshd did not start: " + Files.readString(dir.resolve("sshd.log")));
                }
                Thread.sleep(20);
            }
        }
    }

    @AfterAll
    static void stop() {
        if (sshd != null) {
            sshd.destroy();
        }
        if (agent != null) {
            agent.destroy();
        }
    }

    private static void run(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as(String.join(" ", cmd) + ": " + out).isZero();
    }

    /** A home for the build: known_hosts with the test server's key (or none), an ssh config, no key file. */
    private static Path home(String name, boolean knowsTheHost) throws Exception {
        Path home = dir.resolve(name);
        Path ssh = Files.createDirectories(home.resolve(".ssh"));
        String hostKey = Files.readString(dir.resolve("host_key.pub")).strip().split(" ", 3)[0] + " "
                + Files.readString(dir.resolve("host_key.pub")).strip().split(" ", 3)[1];
        Files.writeString(ssh.resolve("known_hosts"), knowsTheHost ? "[127.0.0.1]:" + port + " " + hostKey + "\n"
                + "[dom0-test-host]:" + port + " " + hostKey + "\n" : "");
        Files.writeString(ssh.resolve("config"), "Host dom0-test-host\n  HostName 127.0.0.1\n  Port " + port + "\n");
        return home;
    }

    private static MavenProcess fetch(ItProject p, Path home, String url) {
        List<String> opts = new ArrayList<>(List.of("-XX:TieredStopAtLevel=1", "-Duser.home=" + home));
        return MavenProcess.in(p).goals("initialize").property("xen.fetch.skip", true).property("kernel.url", url)
                .env("MAVEN_OPTS", String.join(" ", opts)).env("SSH_AUTH_SOCK", agentSocket.toString());
    }

    @Test
    void anSshUrlIsFetchedWithTheUsersAgentAndKnownHosts() throws Exception {
        ItProject p = ItProject.copy("fetch", "reliability-ssh-url");
        String user = System.getProperty("user.name");
        BuildResult r = fetch(p, home("home-url", true), "ssh://" + user + "@127.0.0.1:" + port + upstream).run(RUN);
        assertThat(r.succeeded()).as(r.toString()).isTrue();
        assertThat(r.log()).contains("Checked out " + commits.get(0).name()).doesNotContain("NullPointerException");
        assertThat(p.resolve("target/linux/Makefile")).hasContent("VERSION = 6");
        // the home has no key file: the key came from the agent
        assertThat(dir.resolve("sshd.log")).content().contains("Accepted publickey for " + user);
    }

    @Test
    void anScpLikeUrlIsFetchedThroughTheUsersSshConfig() throws Exception {
        ItProject p = ItProject.copy("fetch", "reliability-ssh-scp");
        String user = System.getProperty("user.name");
        BuildResult r = fetch(p, home("home-scp", true), user + "@dom0-test-host:" + upstream).run(RUN);
        assertThat(r.succeeded()).as(r.toString()).isTrue();
        assertThat(p.resolve("target/linux/README")).hasContent("Linux");
    }

    @Test
    void aHostKeyMissingFromKnownHostsIsRefused() throws Exception {
        ItProject p = ItProject.copy("fetch", "reliability-ssh-unknown");
        String url = "ssh://" + System.getProperty("user.name") + "@127.0.0.1:" + port + upstream;
        BuildResult r = fetch(p, home("home-unknown", false), url).run(RUN);
        assertThat(r.succeeded()).as(r.toString()).isFalse();
        assertThat(r.log()).contains("Cannot reach the git repository " + url + " over ssh: ")
                .contains("Fix: the server's host key must be in ~/.ssh/known_hosts")
                .doesNotContain("NullPointerException");
        assertThat(p.resolve("target/linux")).doesNotExist();
    }
}
