package io.github.dom0build.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.dom0build.core.io.Sha256;
import io.github.dom0build.core.testing.LoopbackHttpServer;
import io.github.dom0build.it.harness.Archives;
import io.github.dom0build.it.harness.BuildResult;
import io.github.dom0build.it.harness.Fixtures;
import io.github.dom0build.it.harness.ItProject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * The Xen goals on the fixture Xen tree, whose configure records its arguments and writes the files
 * the real one writes, and whose make builds and installs like the real top-level Makefile.
 */
class XenBuildIT {
    private static ItProject project(TestInfo info) throws Exception {
        return ItProject.copy("xen", "xen-" + info.getTestMethod().orElseThrow().getName());
    }

    @Test
    void configureRunsTheRecipesChoicesOfflineAndChecksWhatTook(TestInfo info) throws Exception {
        ItProject p = project(info);
        BuildResult r = p.maven("process-sources").run();
        assertThat(r.succeeded()).as(r.toString()).isTrue();
        String status = Files.readString(p.resolve("target/xen/config.status"), StandardCharsets.UTF_8);
        assertThat(status).contains("--prefix=/usr").contains("--with-xenstored=oxenstored").contains("--enable-systemd")
                .contains("--with-sysconfig-leaf-dir=default").contains("--disable-docs").contains("--disable-stubdom")
                .contains("--with-system-qemu=/usr/bin/qemu-system-i386")
                .contains("--with-system-seabios=/usr/share/seabios/bios.bin");
        assertThat(r.log()).contains("Configured: xenstored /usr/sbin/oxenstored, systemd on, xencommons in /etc/default");
        assertThat(r.log()).contains("No hypervisor options requested");

        BuildResult again = p.maven("process-sources").run();
        assertThat(again.log()).contains("Configure up to date");
    }

    @Test
    void oxenstoredWithoutOcamlFailsNamingThePackagesAndTheAlternative(TestInfo info) throws Exception {
        ItProject p = project(info);
        BuildResult r = p.maven("process-sources").env("OCAMLFIND", "no").run();
        assertThat(r.succeeded()).isFalse();
        assertThat(r.log()).contains("Missing ocaml dependencies for oxenstored")
                .contains("apt-get install ocaml-nox ocaml-findlib").contains("or set xenstored=cxenstored");

        BuildResult c = p.maven("process-sources").env("OCAMLFIND", "no").property("xen.xenstored", "cxenstored").run();
        assertThat(c.succeeded()).as(c.toString()).isTrue();
        assertThat(p.resolve("target/xen/tools/hotplug/Linux/launch-xenstore")).content()
                .contains("XENSTORED=/usr/sbin/xenstored");
    }

    @Test
    void aReleaseWithoutOxenstoredIsRefusedAtConfigureAndTheCDaemonBuildsIt(TestInfo info) throws Exception {
        ItProject p = project(info);
        Path fixtures = p.resolve("fixtures-4.22");
        Path tree = fixtures.resolve("xen");
        copyTree(Fixtures.trees().resolve("xen"), tree);
        ItProject.deleteTree(tree.resolve("tools/ocaml/xenstored"));
        Path makefile = tree.resolve("xen/Makefile");
        Files.writeString(makefile, Files.readString(makefile).replace("XEN_SUBVERSION    = 17", "XEN_SUBVERSION    = 22"));

        BuildResult r = p.maven("process-sources").property("fixtures", fixtures).run();
        assertThat(r.succeeded()).isFalse();
        assertThat(r.log()).contains("(Xen 4.22) has no tools/ocaml/xenstored").contains("Nothing was configured")
                .contains("set xenstored=cxenstored")
                .as("configure names the version, and what it means for systemd, before it checks the machine")
                .contains("Xen 4.22 in ").contains("--enable-systemd needs no libsystemd since 4.19");
        assertThat(p.resolve("target/xen/config.status")).doesNotExist();

        // As a machine building 4.22 has it: no OCaml, nothing left that needs it.
        BuildResult c = p.maven("package").property("fixtures", fixtures).property("xen.xenstored", "cxenstored")
                .env("OCAMLFIND", "no").run();
        assertThat(c.succeeded()).as(c.toString()).isTrue();
        assertThat(p.resolve("target/xen/tools/hotplug/Linux/launch-xenstore")).content()
                .contains("XENSTORED=/usr/sbin/xenstored");
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> all = Files.walk(from)) {
            for (Path f : (Iterable<Path>) all::iterator) {
                Path t = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(f, t, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    @Test
    void hypervisorKconfigIsAuditedLikeTheKernels(TestInfo info) throws Exception {
        ItProject p = project(info);
        BuildResult ok = p.maven("process-sources").property("xen.options", "CONFIG_DEBUG=y").run();
        assertThat(ok.succeeded()).as(ok.toString()).isTrue();
        assertThat(ok.log()).contains("Config audit: 1 requested option holds");
        assertThat(p.resolve("target/xen/xen/.config")).content().contains("CONFIG_DEBUG=y");

        BuildResult bad = p.maven("process-sources").property("xen.options", "CONFIG_DEBUG=y,CONFIG_NO_SUCH_OPTION=y")
                .run();
        assertThat(bad.succeeded()).isFalse();
        assertThat(bad.log()).contains("Config audit of " + p.resolve("target/xen/xen/.config") + " failed")
                .contains("CONFIG_NO_SUCH_OPTION: requested y (inline), got n");
    }

    /** configFile is what kernel:defconfig takes (here a URL with its sha256), but running. */
    @Test
    void aConfigFileByUrlIsTheHypervisorsBaseAndRunningIsRefused(TestInfo info) throws Exception {
        ItProject p = project(info);
        byte[] config = "CONFIG_EXPERT=y\n".getBytes(StandardCharsets.UTF_8);
        try (LoopbackHttpServer server = new LoopbackHttpServer()) {
            server.on("/xen.config", LoopbackHttpServer.bytes(config));
            BuildResult r = p.maven("process-sources").property("xen.configFile", server.uri("/xen.config"))
                    .property("xen.configFileSha256", Sha256.of(config))
                    .property("xen.cacheDirectory", p.resolve("downloads")).run();
            assertThat(r.succeeded()).as(r.toString()).isTrue();
            assertThat(r.log()).contains("Base configuration: ").contains("(configFile " + server.uri("/xen.config"));
            assertThat(p.resolve("target/xen/xen/.config")).content().contains("CONFIG_EXPERT=y");
            assertThat(server.hits("/xen.config")).isEqualTo(1);
        }
        BuildResult running = p.maven("process-sources").property("xen.configFile", "running").run();
        assertThat(running.succeeded()).isFalse();
        assertThat(running.log()).contains("configFile=running names this machine's kernel configuration")
                .contains("give xen:defconfig a path, an https URL with configFileSha256, or Maven coordinates");
    }

    @Test
    void makeIsOfflineAndDistPackagesTheInstallTree(TestInfo info) throws Exception {
        ItProject p = project(info);
        BuildResult r = p.maven("package").run();
        assertThat(r.succeeded()).as(r.toString()).isTrue();
        assertThat(p.resolve("target/xen-dist/build-vars.txt")).content().contains("GIT=false").contains("WGET=false");
        var entries = Archives.entries(p.resolve("target/xen-1-xen.tar.gz"));
        assertThat(entries).containsKeys("boot/xen-4.17.5-fixture.gz", "usr/sbin/oxenstored",
                "usr/lib/systemd/system/xenstored.service", "etc/default/xencommons",
                "usr/lib/xen/boot/xen-4.17.5-fixture.multiboot");
        JsonObject md = JsonParser.parseString(Files.readString(p.resolve("target/xen-1-xen.json"))).getAsJsonObject();
        assertThat(md.get("xenVersion").getAsString()).isEqualTo("4.17.5-fixture");
        assertThat(md.getAsJsonObject("config").get("xenstored").getAsString()).isEqualTo("/usr/sbin/oxenstored");
        assertThat(md.getAsJsonObject("config").getAsJsonArray("configure").toString()).contains("--enable-systemd");
        assertThat(md.getAsJsonObject("makeVariables").get("GIT").getAsString()).isEqualTo("false");
        assertThat(md.getAsJsonObject("environment").get("XEN_BUILD_DATE").getAsString())
                .isEqualTo("Sat Jun  1 00:00:00 UTC 2024");

        ItProject twin = ItProject.copy("xen", "xen-twin-of-" + info.getTestMethod().orElseThrow().getName());
        assertThat(twin.maven("package").run().succeeded()).isTrue();
        assertThat(twin.resolve("target/xen-1-xen.tar.gz")).hasSameBinaryContentAs(p.resolve("target/xen-1-xen.tar.gz"));
    }

    @Test
    void installPutsXenInTheStagedRootWithLdconfigLinksAndWithoutTheExtraHypervisorLinks(TestInfo info)
            throws Exception {
        ItProject p = project(info);
        BuildResult r = p.maven("install").run();
        assertThat(r.succeeded()).as(r.toString()).isTrue();
        Path root = p.resolve("target/root");
        assertThat(root.resolve("boot/xen-4.17.5-fixture.gz")).exists();
        assertThat(root.resolve("boot/xen.gz")).doesNotExist();
        assertThat(root.resolve("usr/lib/libxenstore.so.4")).exists();
        assertThat(r.log()).contains("Running ldconfig -n on the staged library directories")
                .contains("  create usr/sbin/oxenstored");
        BuildResult again = p.maven("install").run();
        assertThat(again.log()).contains("0 change(s) in staged root " + root);
    }

    @Test
    void aSecondBuildWithNothingChangedRunsNoMakeAndAChangedSourceDoes(TestInfo info) throws Exception {
        ItProject p = project(info);
        BuildResult cold = p.maven("package").run();
        assertThat(cold.succeeded()).as(cold.toString()).isTrue();
        assertThat(cold.log()).contains("Building Xen in").doesNotContain("Make up to date");
        byte[] archive = Files.readAllBytes(p.resolve("target/xen-1-xen.tar.gz"));

        BuildResult noop = p.maven("package").run();
        assertThat(noop.succeeded()).as(noop.toString()).isTrue();
        assertThat(noop.log()).contains("Make up to date").contains("Dist up to date").doesNotContain("Building Xen in");
        assertThat(p.resolve("target/xen-1-xen.tar.gz")).hasBinaryContent(archive);

        BuildResult forced = p.maven("package").property("xen.upToDateCheck", false).run();
        assertThat(forced.succeeded()).as(forced.toString()).isTrue();
        assertThat(forced.log()).contains("Building Xen in").doesNotContain("Make up to date");

        // An edit behind the build's back: make runs again, and so does dist.
        Path source = p.resolve("target/xen/xen/common/kernel.c");
        Files.writeString(source, Files.readString(source) + "\n/* edited */\n");
        BuildResult edited = p.maven("package").run();
        assertThat(edited.succeeded()).as(edited.toString()).isTrue();
        assertThat(edited.log()).contains("Building Xen in").doesNotContain("Make up to date")
                .doesNotContain("Dist up to date");
    }

    @Test
    void afterMvnCleanConfigureRunsFromScratchWithoutCachedAnswers(TestInfo info) throws Exception {
        ItProject p = project(info);
        BuildResult cold = p.maven("package").run();
        assertThat(cold.succeeded()).as(cold.toString()).isTrue();
        byte[] archive = Files.readAllBytes(p.resolve("target/xen-1-xen.tar.gz"));

        BuildResult again = p.maven("clean", "package").run();
        assertThat(again.succeeded()).as(again.toString()).isTrue();
        // No autoconf cache file of dom0-build's (configure's own sub-configures get --cache-file=/dev/null).
        assertThat(again.log()).contains("[configure] checking for perl... ").doesNotContain("(cached)")
                .doesNotContain("config.cache");
        assertThat(p.resolve("target/xen-1-xen.tar.gz")).as("the same artifact").hasBinaryContent(archive);
    }
}
