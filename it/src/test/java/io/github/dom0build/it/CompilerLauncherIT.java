package io.github.dom0build.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dom0build.core.testing.LoopbackStore;
import io.github.dom0build.it.harness.BuildResult;
import io.github.dom0build.it.harness.ItProject;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * compilerLauncher with the real launchers: ccache with a private cache (a rebuild from scratch is
 * served from it) and with a remote storage (a fresh runner's compiles come from what another stored),
 * and distcc against a real distccd that the test starts on 127.0.0.1 (the compiles arrive there;
 * DISTCC_FALLBACK=0 makes distcc fail instead of quietly compiling locally).
 */
class CompilerLauncherIT {
    @Test
    void ccacheServesARebuildFromScratch() throws Exception {
        ItProject p = ItProject.copy("kernel", "launcher-ccache");
        Path cache = p.resolve("ccache");
        BuildResult cold = p.maven("compile").property("kernel.defconfig", "x86_64_defconfig")
                .property("kernel.compilerLauncher", "ccache").env("CCACHE_DIR", cache.toString()).run();
        assertThat(cold.succeeded()).as(cold.toString()).isTrue();
        assertThat(cold.log()).contains("Compiler launcher: ccache");
        long missesAfterCold = stat(cache, "cache_miss");
        assertThat(missesAfterCold).isPositive();

        deleteTree(p.resolve("target/kernel-build"));
        BuildResult warm = p.maven("compile").property("kernel.defconfig", "x86_64_defconfig")
                .property("kernel.compilerLauncher", "ccache").env("CCACHE_DIR", cache.toString()).run();
        assertThat(warm.succeeded()).as(warm.toString()).isTrue();
        assertThat(stat(cache, "direct_cache_hit") + stat(cache, "preprocessed_cache_hit")).isGreaterThanOrEqualTo(
                missesAfterCold);
        assertThat(stat(cache, "cache_miss")).isEqualTo(missesAfterCold);
    }

    /**
     * Two runners at the same path with a private ccache each: the first stores its results in a remote
     * storage (a loopback HTTP server with Basic authentication), the second, starting empty, compiles
     * nothing: every compile is a remote hit. A third with a wrong password gets none.
     */
    @Test
    void ccacheRemoteStorageServesAFreshRunner() throws Exception {
        try (LoopbackStore store = new LoopbackStore("cc-runner", "cc-secret-7")) {
            String storage = "http://cc-runner:cc-secret-7@127.0.0.1:" + store.port() + "/ccache";
            Path machines = ItProject.workDir().resolve("launcher-ccache-remote-machines");
            ItProject.deleteTree(machines);

            Path firstCache = machines.resolve("runner-1");
            BuildResult first = remoteBuild(storage, firstCache);
            assertThat(first.succeeded()).as(first.toString()).isTrue();
            assertThat(first.log()).contains("ccache remote storage: http://***@127.0.0.1:" + store.port() + "/ccache")
                    .doesNotContain("cc-secret-7");
            long compiles = stat(firstCache, "cache_miss");
            assertThat(compiles).isPositive();
            assertThat(stat(firstCache, "remote_storage_write")).isGreaterThanOrEqualTo(compiles);
            assertThat(store.count("PUT", 201)).isGreaterThanOrEqualTo(compiles);

            Path secondCache = machines.resolve("runner-2");
            BuildResult second = remoteBuild(storage, secondCache);
            assertThat(second.succeeded()).as(second.toString()).isTrue();
            assertThat(stat(secondCache, "remote_storage_hit")).isEqualTo(compiles);
            assertThat(stat(secondCache, "cache_miss")).isZero();

            Path thirdCache = machines.resolve("runner-3");
            store.forgetRequests();
            BuildResult refused = remoteBuild(storage.replace("cc-secret-7", "wrong"), thirdCache);
            assertThat(refused.succeeded()).as(refused.toString()).isTrue();
            assertThat(stat(thirdCache, "remote_storage_hit")).isZero();
            assertThat(stat(thirdCache, "cache_miss")).isEqualTo(compiles);
            assertThat(store.count("GET", 401)).isPositive();
            assertThat(store.count("GET", 200)).isZero();
        }
    }

    /** A fresh copy of the kernel project, always at the same path, compiled with ccache in {@code cache}. */
    private static BuildResult remoteBuild(String storage, Path cache) throws IOException {
        ItProject p = ItProject.copy("kernel", "launcher-ccache-remote");
        Files.createDirectories(cache);
        return p.maven("compile").property("kernel.defconfig", "x86_64_defconfig")
                .property("kernel.compilerLauncher", "ccache").property("kernel.ccacheRemoteStorage", storage)
                .env("CCACHE_DIR", cache.toString()).run();
    }

    @Test
    void distccSendsTheCompilesToTheDistccd() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        ItProject p = ItProject.copy("kernel", "launcher-distcc");
        Path daemonLog = p.resolve("distccd.log");
        Process distccd = new ProcessBuilder("distccd", "--no-detach", "--daemon", "--allow", "127.0.0.1", "--listen",
                "127.0.0.1", "--port", String.valueOf(port), "--log-stderr", "--log-level", "info", "--jobs", "2")
                .redirectErrorStream(true).redirectOutput(daemonLog.toFile()).start();
        try {
            waitForPort(port);
            BuildResult r = p.maven("compile").property("kernel.defconfig", "x86_64_defconfig")
                    .property("kernel.compilerLauncher", "distcc").property("kernel.distccHosts", "127.0.0.1:" + port + "/2")
                    .env("DISTCC_FALLBACK", "0").run();
            assertThat(r.succeeded()).as(r.toString()).isTrue();
        } finally {
            distccd.destroy();
            distccd.waitFor(10, TimeUnit.SECONDS);
        }
        String log = Files.readString(daemonLog, StandardCharsets.UTF_8);
        assertThat(Pattern.compile("COMPILE_OK").matcher(log).results().count()).isGreaterThanOrEqualTo(5);
    }

    private static long stat(Path cache, String key) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("ccache", "--print-stats");
        pb.environment().put("CCACHE_DIR", cache.toString());
        Process proc = pb.redirectErrorStream(true).start();
        String out = new String(proc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        proc.waitFor();
        Matcher m = Pattern.compile("(?m)^" + key + "\\s+(\\d+)$").matcher(out);
        return m.find() ? Long.parseLong(m.group(1)) : 0;
    }

    private static void waitForPort(int port) throws Exception {
        long deadline = System.currentTimeMillis() + 10_000;
        while (System.currentTimeMillis() < deadline) {
            try (java.net.Socket s = new java.net.Socket("127.0.0.1", port)) {
                return;
            } catch (IOException e) {
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException("distccd did not listen on port " + port);
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var s = Files.walk(dir)) {
            for (Path q : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(q);
            }
        }
    }
}
