package io.github.dom0build.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dom0build.core.io.Sha256;
import io.github.dom0build.core.testing.LoopbackHttpServer;
import io.github.dom0build.it.harness.BuildResult;
import io.github.dom0build.it.harness.Commands;
import io.github.dom0build.it.harness.DebianKernelConfig;
import io.github.dom0build.it.harness.ItProject;
import io.github.dom0build.it.harness.MavenRun;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * A distribution's real kernel configuration on the real Linux 6.1 tree, in the default run: Debian's
 * own config for linux 6.1.176-1 (fetched through apt at test time), served from a loopback server by
 * URL and sha256, as the base of examples/dom0's kernel with its {@code distro} profile. The fixups the
 * config needs are logged, the dom0 fragments and the audit pass, and make builds what the distribution's
 * settings would break ({@code certs/}, which reads the signing and trusted keys) and the Xen drivers.
 * The full build of that config is the {@code distro} profile (hours on 2 cores; see the site page).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RealDistroConfigIT {
    private static final String VERSION = "6.1.176-1";
    private static final Duration OPENSSL = Duration.ofMinutes(2);
    private static ItProject project;
    private static LoopbackHttpServer server;
    private static Path config;
    private static String url;

    @BeforeAll
    static void fetchDebiansConfig() throws Exception {
        Assumptions.assumeTrue(Boolean.parseBoolean(System.getProperty("it.real", "true")),
                "it.real=false: the real distribution config is skipped");
        project = ItProject.copyExample("dom0", "real-distro-config");
        config = DebianKernelConfig.fetch(VERSION, "amd64", project.resolve("debian-config"));
        server = new LoopbackHttpServer();
        server.on("/" + config.getFileName(), LoopbackHttpServer.bytes(Files.readAllBytes(config)));
        url = server.uri("/" + config.getFileName()).toString();
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    /** The kernel module with -Pdistro, the config by URL, building in target/distro-build. */
    private static MavenRun kernel(String log, String... goals) {
        return project.mavenIn("kernel", goals).profile("distro").property("distro.config", url)
                .property("kernel.configFileSha256", sha256(config))
                .property("kernel.outputDirectory", project.resolve("kernel/target/distro-build"))
                .timeout(Duration.ofMinutes(30)).log(log);
    }

    private static String make() {
        return "io.github.dom0build:kernel-maven-plugin:" + ItProject.pluginVersion() + ":make";
    }

    private static String dotConfig() throws Exception {
        return Files.readString(project.resolve("kernel/target/distro-build/.config"), StandardCharsets.UTF_8);
    }

    @Test
    @Order(1)
    void debiansConfigIsFixedUpLoggedAuditedAndBuildsItsKeysAndTheXenDrivers() throws Exception {
        assertThat(Files.readString(config)).as("Debian's config as shipped").contains("CONFIG_MODULE_SIG_ALL=y")
                .contains("CONFIG_MODULE_SIG_KEY=\"output/signing_key.pem\"").contains("CONFIG_DEBUG_INFO_BTF=y")
                .contains("CONFIG_BUILD_SALT=\"6.1.0-");

        BuildResult r = kernel("distro.log", "process-sources", make()).property("kernel.targets", "certs/,drivers/xen/")
                .run();
        assertThat(r.succeeded()).as(r.toString()).isTrue();
        assertThat(r.log()).contains("Base configuration: ").contains(url)
                .contains("Config fixup module-signing: CONFIG_MODULE_SIG_ALL y -> n")
                .contains("Config fixup module-signing: CONFIG_MODULE_SIG_KEY \"output/signing_key.pem\" -> \"\"")
                .contains("Config fixup build-salt: CONFIG_BUILD_SALT")
                .contains("Config fixup debug-info: CONFIG_DEBUG_INFO y -> n")
                .contains("CONFIG_MODULE_SIG stays y (selected")
                .contains("Config audit: ").doesNotContain("[WARNING] Config audit");
        String c = dotConfig();
        assertThat(c).contains("CONFIG_XEN_DOM0=y\n").contains("CONFIG_MODULE_SIG_KEY=\"\"\n")
                .contains("# CONFIG_MODULE_SIG_ALL is not set").contains("CONFIG_BUILD_SALT=\"\"\n")
                .doesNotContain("CONFIG_DEBUG_INFO=y").doesNotContain("CONFIG_DEBUG_INFO_BTF=y")
                .as("the distribution's own choices stay").contains("CONFIG_BTRFS_FS=m\n");
        Path build = project.resolve("kernel/target/distro-build");
        assertThat(build.resolve("certs/signing_key.x509")).as("no key built in").isEmptyFile();
        assertThat(build.resolve("certs/system_certificates.o")).isNotEmptyFile();
        assertThat(build.resolve("drivers/xen/xenbus/xenbus_probe.o")).isNotEmptyFile();
        assertThat(build.resolve("drivers/xen/events/events_base.o")).isNotEmptyFile();
    }

    @Test
    @Order(2)
    void keepingTheDistributionsSigningKeyFailsBeforeTheBuildNamingTheKeyOffline() throws Exception {
        BuildResult r = kernel("keep-signing.log", "process-sources").offline()
                .property("kernel.keepDistributionSettings", "module-signing").run();
        assertThat(r.succeeded()).isFalse();
        assertThat(r.log()).as("the URL comes from the download cache offline").contains("Base configuration: ")
                .contains("CONFIG_MODULE_SIG_KEY is \"output/signing_key.pem\", which this tree does not have")
                .contains("keepDistributionSettings");
    }

    @Test
    @Order(3)
    void keepingBtfWithoutPaholeFailsInDefconfigNamingDwarves() throws Exception {
        Assumptions.assumeFalse(onPath("pahole"), "pahole is installed here: nothing is missing");
        BuildResult r = kernel("keep-debug.log", "process-sources").offline().property("kernel.debugInfo", "keep").run();
        assertThat(r.succeeded()).isFalse();
        assertThat(r.log()).doesNotContain("Config fixup debug-info").contains("pahole").contains("dwarves");
    }

    @Test
    @Order(4)
    void aMachinesModuleListTrimsTheConfigAndTheUsersKeySignsIt() throws Exception {
        Path lsmod = project.resolve("lsmod.txt");
        Files.writeString(lsmod, "Module                  Size  Used by\nxen_netback            94208  0\n"
                + "xen_blkback            53248  0\next4                  987136  1\nbtrfs                1781760  0\n"
                + "e1000                 155648  0\n");
        Path key = project.resolve("signing-key.pem");
        Commands.run(project.dir(), OPENSSL, "openssl", "req", "-new", "-x509", "-newkey", "rsa:2048", "-nodes", "-batch",
                "-subj", "/CN=dom0-build test modules", "-days", "36500", "-keyout", key.toString(), "-out",
                key.toString());
        Path der = project.resolve("signing-key.der");
        Commands.run(project.dir(), OPENSSL, "openssl", "x509", "-in", key.toString(), "-outform", "DER", "-out",
                der.toString());
        long distroModules = Files.readAllLines(config).stream().filter(l -> l.endsWith("=m")).count();

        BuildResult r = kernel("localmod.log", "process-sources", make()).offline().property("kernel.targets", "certs/")
                .property("kernel.localModules", lsmod).property("kernel.moduleSigningKey", key).run();
        assertThat(r.succeeded()).as(r.toString()).isTrue();
        assertThat(r.log()).contains("Trimming the base to the modules in").contains("(make localmodconfig)")
                .contains("Config fixup module-signing: CONFIG_MODULE_SIG_KEY ")
                .contains(" -> \"certs/dom0-build-signing-key.pem\" (modules signed with moduleSigningKey");
        String c = dotConfig();
        long modules = c.lines().filter(l -> l.endsWith("=m")).count();
        assertThat(modules).as("of Debian's " + distroModules).isLessThan(60).isGreaterThan(0);
        assertThat(c).contains("CONFIG_BTRFS_FS=m\n").contains("CONFIG_E1000=m\n")
                .contains("CONFIG_MODULE_SIG_ALL=y\n").contains("CONFIG_MODULE_SIG_KEY=\"certs/dom0-build-signing-key.pem\"");
        assertThat(project.resolve("kernel/target/distro-build/certs/signing_key.x509")).as("the user's certificate")
                .hasSameBinaryContentAs(der);
    }

    private static boolean onPath(String program) {
        for (String dir : System.getenv("PATH").split(":")) {
            if (Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }

    private static String sha256(Path p) {
        try {
            return Sha256.of(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
