package io.github.dom0build.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dom0build.core.testing.LoopbackStore;
import io.github.dom0build.it.harness.BuildResult;
import io.github.dom0build.it.harness.Commands;
import io.github.dom0build.it.harness.Fixtures;
import io.github.dom0build.it.harness.ItProject;
import io.github.dom0build.it.harness.MavenRun;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The fixture dom0 under Apache's Maven build cache extension (Maven 3.9), configured by what
 * examples/dom0/.mvn holds: a second clean build restores every module without running the plugins' make,
 * changing one input rebuilds exactly the modules that depend on it, and a second "runner" with an empty
 * local repository, an empty ccache and an empty download cache restores the dom0 from the remote cache
 * the first one filled (a loopback server with Basic authentication, credentials from settings.xml).
 */
class BuildCacheIT {
    private static final String GROUP = "io.github.dom0build.examples";
    private static final List<String> MODULES = List.of("dom0-kernel", "dom0-xen", "dom0");
    private static final String SERVER_ID = "dom0-build-cache";

    /** The kernel source as two releases: archives of the fixture tree, the second with one file changed. */
    private static URI linuxV1;
    private static String linuxV1Sha256;
    private static URI linuxV2;
    private static String linuxV2Sha256;

    @BeforeAll
    static void kernelReleases() throws Exception {
        Path dir = ItProject.workDir().resolve("cache-sources");
        ItProject.deleteTree(dir);
        Files.createDirectories(dir);
        Path v1 = dir.resolve("linux-v1.tar.gz");
        Commands.run(dir, Duration.ofMinutes(1), "tar", "-C", Fixtures.trees().toString(), "-czf", v1.toString(),
                "linux");
        Commands.run(dir, Duration.ofMinutes(1), "cp", "-a", Fixtures.trees().resolve("linux").toString(),
                dir.resolve("linux").toString());
        Files.writeString(dir.resolve("linux/drivers/xen/xenfs.c"), "/* release 2 */\n", StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.APPEND);
        Path v2 = dir.resolve("linux-v2.tar.gz");
        Commands.run(dir, Duration.ofMinutes(1), "tar", "-czf", v2.toString(), "linux");
        linuxV1 = v1.toUri();
        linuxV1Sha256 = sha256(v1);
        linuxV2 = v2.toUri();
        linuxV2Sha256 = sha256(v2);
    }

    @Test
    void aSecondCleanBuildRestoresEveryModuleWithoutRunningMake() throws Exception {
        Runner runner = new Runner("cache-restore");
        BuildResult first = runner.build();
        assertThat(first.succeeded()).as(first.toString()).isTrue();
        assertThat(rebuilt(first)).containsExactlyInAnyOrderElementsOf(MODULES);
        String bundle = sha256(runner.project.resolve("dom0/target/dom0-1.0.0-SNAPSHOT-dom0.tar.gz"));

        runner.clean();
        BuildResult second = runner.build();
        assertThat(second.succeeded()).as(second.toString()).isTrue();
        assertThat(rebuilt(second)).as(second.toString()).isEmpty();
        assertThat(restored(second)).containsExactlyInAnyOrderElementsOf(MODULES);
        assertNoMakeRan(second);
        // What must run anyway ran, from the restored archives: the staged installs and the local repository.
        assertThat(second.log()).contains("installing the attached dom0-kernel-1.0.0-SNAPSHOT-kernel.tar.gz instead")
                .contains("installing the attached dom0-xen-1.0.0-SNAPSHOT-xen.tar.gz instead");
        assertThat(runner.project.resolve("kernel/target/root/boot/vmlinuz-6.1.0-fixture")).isRegularFile();
        assertThat(runner.project.resolve("xen/target/root/boot/xen-4.17.5-fixture.gz")).isRegularFile();
        assertThat(sha256(runner.project.resolve("dom0/target/dom0-1.0.0-SNAPSHOT-dom0.tar.gz"))).isEqualTo(bundle);
        assertThat(runner.localRepository().resolve(
                "io/github/dom0build/examples/dom0/1.0.0-SNAPSHOT/dom0-1.0.0-SNAPSHOT-dom0.tar.gz")).isRegularFile();
    }

    @Test
    void changingOneInputRebuildsExactlyTheModulesThatDependOnIt() throws Exception {
        Runner runner = new Runner("cache-inputs");
        BuildResult filled = runner.build();
        assertThat(filled.succeeded()).as(filled.toString()).isTrue();

        Path patch = runner.project.resolve("kernel/src/main/patches/0001-xen-balloon-report-initial-target.patch");
        Files.writeString(patch, Files.readString(patch).replace("initial target: 1", "initial target: 2"));
        assertRebuilds(runner, "a patch byte", "dom0-kernel", "dom0");

        Path fragment = runner.project.resolve("kernel/src/main/kconfig/dom0.config");
        Files.writeString(fragment, "CONFIG_XEN_GNTDEV=y\n", java.nio.file.StandardOpenOption.APPEND);
        assertRebuilds(runner, "a fragment line", "dom0-kernel", "dom0");

        // Parameters given with -D only: in the key because the parent POM names their properties.
        runner.properties.put("kernel.options", "CONFIG_XEN_NETDEV_BACKEND=m");
        assertRebuilds(runner, "a -D parameter (kernel.options)", "dom0-kernel", "dom0");
        assertThat(runner.project.resolve("kernel/target/root/boot/config-6.1.0-fixture"))
                .content().contains("CONFIG_XEN_NETDEV_BACKEND=m");

        runner.properties.put("xen.configureArguments", "--enable-fixture-note");
        assertRebuilds(runner, "a -D parameter (xen.configureArguments)", "dom0-xen", "dom0");

        runner.properties.put("xen.bundleSbom", "false");
        assertRebuilds(runner, "a -D parameter of the bundle only (xen.bundleSbom)", "dom0");
        assertThat(runner.project.resolve("dom0/target/dom0-1.0.0-SNAPSHOT-cyclonedx.json")).doesNotExist();

        runner.properties.put("xen.xenstored", "cxenstored");
        assertRebuilds(runner, "a parameter (xenstored)", "dom0-xen", "dom0");

        runner.properties.put("kernel.source", linuxV2.toString());
        runner.properties.put("kernel.sourceSha256", linuxV2Sha256);
        assertRebuilds(runner, "the kernel source release", "dom0-kernel", "dom0");

        runner.properties.put("build.toolchain", "gcc 99 (test)");
        assertRebuilds(runner, "the toolchain", "dom0-kernel", "dom0-xen", "dom0");

        // And back to an earlier state: nothing to build, every module is in the cache.
        runner.properties.put("build.toolchain", "gcc 12 (test)");
        runner.clean();
        BuildResult back = runner.build();
        assertThat(back.succeeded()).as(back.toString()).isTrue();
        assertThat(rebuilt(back)).as(back.toString()).isEmpty();
        assertNoMakeRan(back);
    }

    @Test
    void aFreshRunnerRestoresTheDom0FromTheRemoteCacheAnotherFilled() throws Exception {
        try (LoopbackStore store = new LoopbackStore("ci-runner", "cache-secret-1")) {
            String url = store.uri() + "/dom0-cache";
            Runner first = new Runner("cache-runner-1").ownMachine().remote(url, true, "ci-runner", "cache-secret-1");
            BuildResult filled = first.build();
            assertThat(filled.succeeded()).as(filled.toString()).isTrue();
            assertThat(store.count("PUT", 201)).as("uploads to the remote cache").isPositive();
            assertThat(store.paths()).anyMatch(p -> p.startsWith("/dom0-cache/") && p.contains("dom0-kernel"));
            String bundle = sha256(first.project.resolve("dom0/target/dom0-1.0.0-SNAPSHOT-dom0.tar.gz"));

            // Without the credentials of settings.xml, or with others, the remote answers 401.
            HttpClient http = HttpClient.newHttpClient();
            String somePath = store.paths().iterator().next();
            assertThat(status(http, store.uri().resolve(somePath), null)).isEqualTo(401);
            assertThat(status(http, store.uri().resolve(somePath), "ci-runner:wrong")).isEqualTo(401);
            assertThat(status(http, store.uri().resolve(somePath), "ci-runner:cache-secret-1")).isEqualTo(200);

            // A second machine: its own empty local repository, build cache, download cache and ccache, in
            // another directory; it reads the remote and does not write to it.
            store.forgetRequests();
            Runner second = new Runner("cache-runner-2").ownMachine().remote(url, false, "ci-runner",
                    "cache-secret-1");
            BuildResult restoredRun = second.build();
            assertThat(restoredRun.succeeded()).as(restoredRun.toString()).isTrue();
            assertThat(rebuilt(restoredRun)).as(restoredRun.toString()).isEmpty();
            assertThat(restored(restoredRun)).containsExactlyInAnyOrderElementsOf(MODULES);
            assertNoMakeRan(restoredRun);
            assertThat(store.count("GET", 200)).as("downloads from the remote cache").isPositive();
            assertThat(store.count("PUT", 201)).as("a reading runner uploads nothing").isZero();
            assertThat(sha256(second.project.resolve("dom0/target/dom0-1.0.0-SNAPSHOT-dom0.tar.gz")))
                    .isEqualTo(bundle);
            assertThat(second.project.resolve("kernel/target/root/boot/vmlinuz-6.1.0-fixture")).isRegularFile();
            assertThat(second.downloads).isEmptyDirectory();
            assertThat(second.ccache).isEmptyDirectory();

            // The same runner with a wrong password: the remote refuses it, so everything is built again.
            Runner refused = new Runner("cache-runner-3").ownMachine().remote(url, false, "ci-runner", "wrong");
            store.forgetRequests();
            BuildResult rebuiltRun = refused.build();
            assertThat(rebuiltRun.succeeded()).as(rebuiltRun.toString()).isTrue();
            assertThat(rebuilt(rebuiltRun)).containsExactlyInAnyOrderElementsOf(MODULES);
            assertThat(store.count("GET", 401)).isPositive();
            assertThat(store.count("GET", 200)).isZero();
        }
    }

    /** Cleans, builds, and checks that exactly {@code modules} were built (the others restored). */
    private static void assertRebuilds(Runner runner, String change, String... modules) {
        runner.clean();
        BuildResult r = runner.build();
        assertThat(r.succeeded()).as(change + ": " + r).isTrue();
        assertThat(rebuilt(r)).as(change + " rebuilds; " + r).containsExactlyInAnyOrder(modules);
        Set<String> others = new TreeSet<>(MODULES);
        others.removeAll(List.of(modules));
        assertThat(restored(r)).as(change + " restores; " + r).containsExactlyInAnyOrderElementsOf(others);
        if (List.of(modules).contains("dom0-kernel")) {
            assertThat(r.log()).as(change).contains("--- kernel:" + ItProject.pluginVersion() + ":make");
        } else {
            assertThat(r.log()).as(change).doesNotContain("--- kernel:" + ItProject.pluginVersion() + ":make");
        }
    }

    private static void assertNoMakeRan(BuildResult r) {
        String v = ItProject.pluginVersion();
        assertThat(r.log()).doesNotContain("--- kernel:" + v + ":make").doesNotContain("--- xen:" + v + ":make")
                .doesNotContain("--- kernel:" + v + ":fetch").doesNotContain("--- xen:" + v + ":configure")
                .doesNotContain("[make]");
    }

    /** The modules this build built and saved into the cache. */
    private static Set<String> rebuilt(BuildResult r) {
        Set<String> out = new TreeSet<>();
        for (String m : MODULES) {
            if (r.log().lines().anyMatch(l -> l.contains("Saved Build to") && l.contains("/" + GROUP + "/" + m + "/"))) {
                out.add(m);
            }
        }
        return out;
    }

    /** The modules this build took from the cache. */
    private static Set<String> restored(BuildResult r) {
        Set<String> out = new TreeSet<>();
        for (String m : MODULES) {
            if (r.log().contains("Found cached build, restoring " + GROUP + ":" + m + " from cache")
                    && !rebuilt(r).contains(m)) {
                out.add(m);
            }
        }
        return out;
    }

    private static int status(HttpClient http, URI uri, String credentials) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).GET();
        if (credentials != null) {
            b.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                    credentials.getBytes(StandardCharsets.UTF_8)));
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }

    /**
     * One machine building the fixture dom0 with examples/dom0's build cache configuration: its project copy,
     * build cache, download cache and ccache directories, and (with {@link #ownMachine}) its own local
     * repository.
     */
    private static final class Runner {
        final ItProject project;
        final Path home;
        final Path downloads;
        final Path ccache;
        final Map<String, String> properties = new LinkedHashMap<>();
        private Path localRepository;
        private Path settings;

        Runner(String name) throws IOException {
            project = ItProject.copy("dom0-cache", name);
            Path mvn = Path.of(System.getProperty("it.examples", "../examples")).toAbsolutePath()
                    .resolve("dom0/.mvn");
            Files.createDirectories(project.resolve(".mvn"));
            try (Stream<Path> files = Files.list(mvn)) {
                for (Path f : files.toList()) {
                    Files.copy(f, project.resolve(".mvn/" + f.getFileName()));
                }
            }
            home = ItProject.workDir().resolve(name + "-machine");
            ItProject.deleteTree(home);
            downloads = Files.createDirectories(home.resolve("downloads"));
            ccache = Files.createDirectories(home.resolve("ccache"));
            properties.put("maven.build.cache.location", home.resolve("build-cache").toString());
            properties.put("kernel.cacheDirectory", downloads.toString());
            properties.put("xen.cacheDirectory", downloads.toString());
            properties.put("kernel.source", linuxV1.toString());
            properties.put("kernel.sourceSha256", linuxV1Sha256);
            properties.put("build.toolchain", "gcc 12 (test)");
        }

        /** A local repository of its own, empty at the start. */
        Runner ownMachine() throws IOException {
            localRepository = Files.createDirectories(home.resolve("repository"));
            return this;
        }

        Path localRepository() {
            return localRepository != null ? localRepository
                    : Path.of(System.getProperty("it.localRepo", "target/local-repo")).toAbsolutePath();
        }

        /** The remote cache at {@code url}, with the credentials in this runner's settings.xml. */
        Runner remote(String url, boolean save, String user, String password) {
            properties.put("maven.build.cache.remote.enabled", "true");
            properties.put("maven.build.cache.remote.url", url);
            properties.put("maven.build.cache.remote.save.enabled", String.valueOf(save));
            settings = MavenRun.settingsWith(home.resolve("settings.xml"), """
                      <servers>
                        <server>
                          <id>%s</id>
                          <username>%s</username>
                          <password>%s</password>
                        </server>
                      </servers>
                    """.formatted(SERVER_ID, user, password));
            return this;
        }

        /** What {@code mvn clean} removes, without needing maven-clean-plugin in the local repository. */
        void clean() {
            try {
                ItProject.deleteTree(project.resolve("target"));
                for (String dir : List.of("kernel", "xen", "dom0")) {
                    ItProject.deleteTree(project.resolve(dir + "/target"));
                }
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        BuildResult build() {
            MavenRun run = project.maven("install").onMaven39().env("CCACHE_DIR", ccache.toString());
            properties.forEach(run::property);
            if (localRepository != null) {
                run.localRepository(localRepository);
            }
            if (settings != null) {
                run.settings(settings);
            }
            return run.run();
        }
    }
}
