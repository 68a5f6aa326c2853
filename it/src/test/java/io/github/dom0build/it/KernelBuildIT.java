package io.github.dom0build.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.dom0build.it.harness.Archives;
import io.github.dom0build.it.harness.BuildResult;
import io.github.dom0build.it.harness.ItProject;
import io.github.dom0build.it.harness.MavenRun;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * The kernel goals on the fixture Linux tree, whose Kconfig is processed by the real Kconfig conf
 * (kconfig-frontends) and whose build runs real make and gcc: defconfig with the audit, make, dist,
 * install.
 */
class KernelBuildIT {
    private static ItProject project(TestInfo info) throws Exception {
        return ItProject.copy("kernel", "kernel-" + info.getTestMethod().orElseThrow().getName());
    }

    private static MavenRun upTo(ItProject p, String phase) {
        return p.maven(phase).property("kernel.defconfig", "x86_64_defconfig");
    }

    @Test
    void defconfigWithTheDom0FragmentPassesTheAuditOutOfTree(TestInfo info) throws Exception {
        ItProject p = project(info);
        BuildResult r = upTo(p, "process-sources").run();
        assertThat(r.succeeded()).as(r.toString()).isTrue();
        assertThat(r.log()).contains("Config audit: 27 requested options hold");
        Path config = p.resolve("target/kernel-build/.config");
        assertThat(config).content().contains("CONFIG_XEN_DOM0=y").contains("CONFIG_XEN_GNTDEV=y");
        assertThat(p.resolve("target/linux/.config")).doesNotExist();

        BuildResult again = upTo(p, "process-sources").run();
        assertThat(again.log()).contains("Configuration up to date");
    }

    @Test
    void aDistributionConfigFromTheRepositoryTakesMergeTargetsFixupsAndStrippedListedModules(TestInfo info)
            throws Exception {
        ItProject p = project(info);
        Path distro = p.resolve("config-6.1.0-fixture-amd64");
        Files.writeString(distro, "CONFIG_MODULES=y\nCONFIG_SYSTEM_TRUSTED_KEYS=\"debian/certs/debian-uefi-certs.pem\"\n"
                + "CONFIG_BUILD_SALT=\"6.1.0-fixture-amd64\"\n");
        BuildResult installed = p.maven("org.apache.maven.plugins:maven-install-plugin:3.1.4:install-file")
                .property("file", distro).property("groupId", "org.example.distro").property("artifactId", "kernel-config")
                .property("version", "6.1.0-1").property("packaging", "config").run();
        assertThat(installed.succeeded()).as(installed.toString()).isTrue();

        BuildResult r = p.maven("package").property("kernel.configFile", "org.example.distro:kernel-config:6.1.0-1")
                .property("kernel.mergeTargets", "xen.config").property("kernel.options", "CONFIG_XEN_NETDEV_BACKEND=m")
                .property("kernel.stripModules", true).run();
        assertThat(r.succeeded()).as(r.toString()).isTrue();
        assertThat(r.log()).contains("Base configuration: ").contains("kernel-config-6.1.0-1.config")
                .contains("Merging upstream's xen.config into the base (make xen.config)")
                .contains("Config fixup trusted-keys: CONFIG_SYSTEM_TRUSTED_KEYS \"debian/certs/debian-uefi-certs.pem\""
                        + " -> \"\" (the tree has no debian/certs/debian-uefi-certs.pem")
                .contains("Config fixup build-salt").contains("Config audit: ")
                .containsPattern("Staged kernel 6\\.1\\.0-fixture in .* with [0-9]+ modules \\(stripped\\)");
        assertThat(p.resolve("target/kernel-build/.config")).content().as("from xen.config, not the dom0 fragment")
                .contains("CONFIG_XEN_BLKDEV_BACKEND=");
        JsonObject modules = JsonParser.parseString(Files.readString(p.resolve("target/kernel-1-kernel.json")))
                .getAsJsonObject().getAsJsonObject("modules");
        assertThat(modules.get("directory").getAsString()).isEqualTo("lib/modules/6.1.0-fixture");
        assertThat(modules.get("stripped").getAsBoolean()).isTrue();
        assertThat(modules.get("count").getAsInt()).isPositive().isEqualTo(modules.getAsJsonArray("order").size());
        assertThat(modules.getAsJsonArray("order").get(0).getAsString()).startsWith("kernel/").endsWith(".ko");
        assertThat(p.resolve("target/kernel-1-cyclonedx.json")).as("the SBOM says what was done to the base").content()
                .contains("dom0-build:kconfig:base:mergeTargets").contains("[\\\"xen.config\\\"]")
                .contains("dom0-build:kconfig:base:debugInfo");

        BuildResult offline = p.maven("process-sources").offline()
                .property("kernel.configFile", "org.example.distro:kernel-config:6.1.0-2").run();
        assertThat(offline.succeeded()).isFalse();
        assertThat(offline.log()).contains("Cannot resolve the configuration org.example.distro:kernel-config:config:6.1.0-2")
                .contains("offline: only the local repository is read");
    }

    /**
     * With a build cache configured (.mvn/maven-build-cache-config.xml), an input its key cannot pin gets a
     * warning: here the fixture tree, a directory outside the project, and a SNAPSHOT base configuration;
     * with configFileSha256 the configuration is pinned. So does a goal skipped by {@code -D} alone.
     */
    @Test
    void withABuildCacheConfiguredAnInputTheKeyCannotPinIsWarnedAbout(TestInfo info) throws Exception {
        ItProject p = project(info);
        Files.createDirectories(p.resolve(".mvn"));
        Files.writeString(p.resolve(".mvn/maven-build-cache-config.xml"), "<cache/>\n");
        Path config = p.resolve("config-6.1.0-fixture");
        Files.writeString(config, "CONFIG_MODULES=y\n");
        BuildResult installed = p.maven("org.apache.maven.plugins:maven-install-plugin:3.1.4:install-file")
                .property("file", config).property("groupId", "org.example.distro").property("artifactId", "kernel-config")
                .property("version", "6.1.0-SNAPSHOT").property("packaging", "config").run();
        assertThat(installed.succeeded()).as(installed.toString()).isTrue();

        String snapshot = "org.example.distro:kernel-config:6.1.0-SNAPSHOT";
        BuildResult r = p.maven("process-sources").property("kernel.configFile", snapshot).run();
        assertThat(r.succeeded()).as(r.toString()).isTrue();
        // The fixture tree is outside the project; under java.io.tmpdir (a checkout in /tmp) the cache does not
        // even read it: either way a warning.
        assertThat(r.log()).contains("[WARNING] The build cache (.mvn/maven-build-cache-config.xml) keys this module"
                + " on its POM and files, but the directory ").containsAnyOf("is outside the project: the cache hashes",
                        "lies under the temporary directory, which the cache does not read")
                .contains("but the configuration " + snapshot + " names a version that moves; name a release, or set"
                        + " configFileSha256; otherwise it restores a build made from another configuration.");

        BuildResult pinned = p.maven("process-sources").property("kernel.configFile", snapshot)
                .property("kernel.configFileSha256", BuildCacheIT.sha256(config)).run();
        assertThat(pinned.succeeded()).as(pinned.toString()).isTrue();
        assertThat(pinned.log()).doesNotContain("the configuration " + snapshot);

        // A goal skipped by -D alone: its skip is in no key, so the build must not be saved.
        BuildResult skipped = p.maven("process-sources").property("kernel.defconfig.skip", "true").run();
        assertThat(skipped.succeeded()).as(skipped.toString()).isTrue();
        assertThat(skipped.log()).contains("[WARNING] -Dkernel.defconfig.skip skips defconfig, but it is in no build"
                + " cache key (the POM does not pass it to <skip>)").contains("-Dmaven.build.cache.skipSave=true");
        BuildResult notSaved = p.maven("process-sources").property("kernel.defconfig.skip", "true")
                .property("maven.build.cache.skipSave", "true").run();
        assertThat(notSaved.succeeded()).as(notSaved.toString()).isTrue();
        assertThat(notSaved.log()).contains("Skipping kernel:defconfig").doesNotContain("skips defconfig, but");
    }

    @Test
    void anOptionKconfigDropsFailsTheAuditWithItsUnmetDependency(TestInfo info) throws Exception {
        ItProject p = project(info);
        BuildResult r = upTo(p, "process-sources").property("kernel.options", "CONFIG_HIGHMEM64G=y,CONFIG_XEN_EVTCHN=y")
                .run();
        assertThat(r.succeeded()).isFalse();
        assertThat(r.log()).contains("Config audit of " + p.resolve("target/kernel-build/.config") + " failed")
                .contains("CONFIG_HIGHMEM64G: requested y (inline), got n")
                .contains("depends on X86_32 = n")
                .contains("CONFIG_XEN_EVTCHN: requested y (inline), got n")
                .contains("did you mean XEN_DEV_EVTCHN?")
                .contains("failOnConfigMismatch=false builds anyway");
    }

    @Test
    void withoutItsDependenciesXenDom0IsDroppedAndTheReportSaysWhy(TestInfo info) throws Exception {
        ItProject p = project(info);
        BuildResult r = p.maven("process-sources").property("kernel.defconfig", "tinyconfig")
                .property("kernel.dom0Fragment", false).property("kernel.options", "CONFIG_XEN=y,CONFIG_XEN_DOM0=y")
                .run();
        assertThat(r.succeeded()).isFalse();
        assertThat(r.log()).contains("CONFIG_XEN_DOM0: requested y (inline), got n")
                .containsPattern("depends on .*PCI.*= n");

        BuildResult warnOnly = p.maven("process-sources").property("kernel.defconfig", "tinyconfig")
                .property("kernel.dom0Fragment", false).property("kernel.options", "CONFIG_XEN=y,CONFIG_XEN_DOM0=y")
                .property("kernel.failOnConfigMismatch", false).run();
        assertThat(warnOnly.succeeded()).as(warnOnly.toString()).isTrue();
        assertThat(warnOnly.log()).contains("[WARNING] Config audit of").contains("CONFIG_XEN_DOM0");
    }

    @Test
    void tinyconfigPlusTheDom0FragmentBuildsWithoutModules(TestInfo info) throws Exception {
        ItProject p = project(info);
        BuildResult r = p.maven("compile").property("kernel.defconfig", "tinyconfig").run();
        assertThat(r.succeeded()).as(r.toString()).isTrue();
        assertThat(r.log()).contains("make bzImage (-j").doesNotContain("make bzImage modules");
        assertThat(p.resolve("target/kernel-build/arch/x86/boot/bzImage")).exists();
    }

    @Test
    void makeBuildsImageAndModulesReproduciblyAndDistPackagesThem(TestInfo info) throws Exception {
        ItProject p = project(info);
        BuildResult r = upTo(p, "package").run();
        assertThat(r.succeeded()).as(r.toString()).isTrue();
        assertThat(r.log()).contains("make bzImage modules");
        String image = Files.readString(p.resolve("target/kernel-build/arch/x86/boot/bzImage"),
                StandardCharsets.ISO_8859_1);
        assertThat(image).contains("(dom0-build@dom0-build)").contains("#1 Sat Jun  1 00:00:00 UTC 2024");

        Path archive = p.resolve("target/kernel-1-kernel.tar.gz");
        Map<String, TarArchiveEntry> entries = Archives.entries(archive);
        assertThat(entries).containsKeys("boot/vmlinuz-6.1.0-fixture", "boot/System.map-6.1.0-fixture",
                "boot/config-6.1.0-fixture", "lib/modules/6.1.0-fixture/modules.order");
        assertThat(entries.keySet()).noneMatch(n -> n.endsWith("/build") || n.endsWith("/source"));
        for (TarArchiveEntry e : entries.values()) {
            assertThat(e.getModTime().toInstant()).hasToString("2024-06-01T00:00:00Z");
            assertThat(e.getLongUserId()).isZero();
            assertThat(e.getUserName()).isEmpty();
        }
        JsonObject md = JsonParser.parseString(Files.readString(p.resolve("target/kernel-1-kernel.json")))
                .getAsJsonObject();
        assertThat(md.get("kind").getAsString()).isEqualTo("linux-kernel");
        assertThat(md.get("kernelRelease").getAsString()).isEqualTo("6.1.0-fixture");
        assertThat(md.getAsJsonObject("config").getAsJsonObject("audit").get("clean").getAsBoolean()).isTrue();
        assertThat(md.getAsJsonObject("tools").get("gcc").getAsString()).contains("gcc");
        assertThat(md.getAsJsonObject("environment").get("KBUILD_BUILD_TIMESTAMP").getAsString())
                .isEqualTo("Sat Jun  1 00:00:00 UTC 2024");
        assertThat(md.getAsJsonObject("sources").getAsJsonObject("source").getAsJsonObject("identity")
                .get("type").getAsString()).isEqualTo("directory-copy");
        assertThat(md.getAsJsonArray("files").toString()).contains("boot/vmlinuz-6.1.0-fixture");
        assertThat(md.getAsJsonObject("archive").get("sha256").getAsString())
                .isEqualTo(io.github.dom0build.core.io.Sha256.of(archive));

        // A second build of the same POM and sources, in another directory: the same bytes.
        ItProject twin = ItProject.copy("kernel", "kernel-twin-of-" + info.getTestMethod().orElseThrow().getName());
        assertThat(upTo(twin, "package").run().succeeded()).isTrue();
        assertThat(twin.resolve("target/kernel-1-kernel.tar.gz")).hasSameBinaryContentAs(archive);
    }

    @Test
    void aSecondBuildCompilesNothing(TestInfo info) throws Exception {
        ItProject p = project(info);
        assertThat(upTo(p, "compile").run().succeeded()).isTrue();
        long before = Files.getLastModifiedTime(p.resolve("target/kernel-build/vmlinux")).toMillis();
        BuildResult again = upTo(p, "compile").run();
        assertThat(again.succeeded()).isTrue();
        assertThat(again.log()).doesNotContain("  CC ");
        assertThat(Files.getLastModifiedTime(p.resolve("target/kernel-build/vmlinux")).toMillis()).isEqualTo(before);
    }

    @Test
    void aCompileErrorIsQuotedInTheFailure(TestInfo info) throws Exception {
        ItProject p = project(info);
        BuildResult r = upTo(p, "compile").property("kernel.options", "CONFIG_BROKEN_DRIVER=y").run();
        assertThat(r.succeeded()).isFalse();
        String failure = r.log().substring(r.log().indexOf("[ERROR] Failed to execute goal"));
        assertThat(failure).contains("Command failed with exit code").contains("First errors:")
                .contains("drivers/broken.c").contains("error:").contains("Last ");
    }

    @Test
    void installStagesTheKernelIntoTheRootAndDryRunChangesNothing(TestInfo info) throws Exception {
        ItProject p = project(info);
        BuildResult dry = upTo(p, "install").property("kernel.dryRun", true).run();
        assertThat(dry.succeeded()).as(dry.toString()).isTrue();
        assertThat(dry.log()).contains("would create boot/vmlinuz-6.1.0-fixture");
        assertThat(p.resolve("target/root")).doesNotExist();

        BuildResult r = upTo(p, "install").run();
        assertThat(r.succeeded()).as(r.toString()).isTrue();
        assertThat(r.log()).contains("  create boot/config-6.1.0-fixture");
        assertThat(p.resolve("target/root/boot/config-6.1.0-fixture")).content().contains("CONFIG_XEN_DOM0=y");
        assertThat(p.resolve("target/root/boot/vmlinuz-6.1.0-fixture")).exists();
        assertThat(p.resolve("target/root/lib/modules/6.1.0-fixture")).isDirectory();
        assertThat(p.resolve("target/root/var/lib/dom0-build/kernel-kernel.manifest")).content()
                .contains("/boot/vmlinuz-6.1.0-fixture");
    }

    @Test
    void theLiveSystemIsRefusedWithoutTheExplicitFlag(TestInfo info) throws Exception {
        ItProject p = project(info);
        assertThat(upTo(p, "package").run().succeeded()).isTrue();
        BuildResult r = p.maven("io.github.dom0build:kernel-maven-plugin:" + ItProject.pluginVersion() + ":install")
                .property("kernel.root", "/").run();
        assertThat(r.succeeded()).isFalse();
        assertThat(r.log()).contains("Refusing to install the kernel into the live system (root /). Nothing was"
                + " changed.").contains("-Dkernel.allowLiveSystem=true");
        assertThat(Path.of("/boot/vmlinuz-6.1.0-fixture")).doesNotExist();
    }
}
