package io.github.dom0build.it;

import static io.github.dom0build.it.harness.InstalledDom0Fixtures.GROUP;
import static io.github.dom0build.it.harness.InstalledDom0Fixtures.VERSION;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.dom0build.it.harness.Archives;
import io.github.dom0build.it.harness.BuildResult;
import io.github.dom0build.it.harness.InstalledDom0Fixtures;
import io.github.dom0build.it.harness.ItProject;
import io.github.dom0build.it.harness.TreeDigest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * kernel:install and xen:install of archives by their coordinates, as a fleet installs what CI built:
 * the fixture dom0 is built and installed into the IT local repository once, then each case runs the
 * goal by its full name in a directory without a POM, against Maven's real resolver, and compares the
 * root with the one the build itself installed.
 */
class InstallFromRepositoryIT {
    private static ItProject noProject(TestInfo info) throws Exception {
        return ItProject.empty("install-by-coordinates-" + info.getTestMethod().orElseThrow().getName());
    }

    private static BuildResult install(ItProject p, String plugin, String artifact, Path root, boolean dryRun) {
        return p.maven("io.github.dom0build:" + plugin + "-maven-plugin:" + ItProject.pluginVersion() + ":install")
                .property(plugin + ".artifact", artifact).property(plugin + ".root", root)
                .property(plugin + ".dryRun", dryRun).run();
    }

    @Test
    void aKernelByCoordinatesGivesTheRootTheBuildInstalledAndADryRunChangesNothing(TestInfo info) throws Exception {
        ItProject built = InstalledDom0Fixtures.get();
        ItProject p = noProject(info);
        Path root = p.resolve("root");
        String kernel = GROUP + ":dom0-kernel:" + VERSION;

        BuildResult dry = install(p, "kernel", kernel, root, true);
        assertThat(dry.succeeded()).as(dry.toString()).isTrue();
        assertThat(dry.log()).contains("Verified " + kernel + ":kernel: every file matches the sha256 in its metadata")
                .contains("  would create boot/vmlinuz-6.1.0-fixture");
        assertThat(root).doesNotExist();

        BuildResult r = install(p, "kernel", kernel, root, false);
        assertThat(r.succeeded()).as(r.toString()).isTrue();
        assertThat(p.resolve("pom.xml")).doesNotExist();
        assertThat(TreeDigest.full(root)).isEqualTo(TreeDigest.full(built.resolve("kernel/target/root")))
                .containsKey("var/lib/dom0-build/dom0-kernel-kernel.manifest");
        assertThat(p.resolve("target")).as("the unpacked tree and the target/ made for it removed").doesNotExist();
    }

    @Test
    void xenByCoordinatesGivesTheRootTheBuildInstalled(TestInfo info) throws Exception {
        ItProject built = InstalledDom0Fixtures.get();
        ItProject p = noProject(info);
        Path root = p.resolve("root");
        BuildResult r = install(p, "xen", GROUP + ":dom0-xen:" + VERSION + ":xen", root, false);
        assertThat(r.succeeded()).as(r.toString()).isTrue();
        assertThat(TreeDigest.full(root)).isEqualTo(TreeDigest.full(built.resolve("xen/target/root")));
        assertThat(root.resolve("boot/xen.gz")).doesNotExist();
    }

    @Test
    void theDom0BundleByCoordinatesGivesTheBundlesRootWithoutItsGrubAndRecords(TestInfo info) throws Exception {
        ItProject built = InstalledDom0Fixtures.get();
        ItProject p = noProject(info);
        Path root = p.resolve("root");
        BuildResult r = install(p, "xen", GROUP + ":dom0:" + VERSION + ":dom0", root, false);
        assertThat(r.succeeded()).as(r.toString()).isTrue();
        assertThat(r.log()).contains("Leaving out /boot/grub/grub.cfg, the bundle root's own: it has only the Xen"
                + " entries, without this machine's disk: run xen:grub-update here");

        Map<String, String> installed = withoutRecords(TreeDigest.full(root));
        Map<String, String> bundle = withoutRecords(TreeDigest.full(built.resolve("dom0/target/root")));
        bundle.remove("boot/grub/grub.cfg");
        bundle.remove(".dom0-build-owned");
        assertThat(installed).isEqualTo(bundle).containsKey("boot/vmlinuz-6.1.0-fixture")
                .containsKey("boot/xen-4.17.5-fixture.gz")
                .containsKey("etc/systemd/system/multi-user.target.wants/xenstored.service");
        assertThat(root.resolve("var/lib/dom0-build/dom0-dom0.manifest")).content()
                .contains("  /boot/vmlinuz-6.1.0-fixture\n").doesNotContain("grub.cfg");
    }

    @Test
    void aTamperedArchiveIsRefusedNamingTheFileAndTheRootStaysAsItWas(TestInfo info) throws Exception {
        InstalledDom0Fixtures.get();
        // a copy of the kernel in the local repository under its own coordinates, one byte changed, metadata kept
        Path published = InstalledDom0Fixtures.localRepository().resolve("io/github/dom0build/examples/dom0-kernel/"
                + VERSION);
        Path tampered = Files.createDirectories(InstalledDom0Fixtures.localRepository()
                .resolve("org/example/tampered/dom0-kernel/1"));
        Archives.withOneByteChanged(published.resolve("dom0-kernel-" + VERSION + "-kernel.tar.gz"),
                tampered.resolve("dom0-kernel-1-kernel.tar.gz"), "boot/config-6.1.0-fixture");
        Files.copy(published.resolve("dom0-kernel-" + VERSION + "-kernel.json"),
                tampered.resolve("dom0-kernel-1-kernel.json"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);

        ItProject p = noProject(info);
        Path root = p.resolve("root");
        Files.createDirectories(root.resolve("boot"));
        Files.writeString(root.resolve("boot/config-6.1.0-fixture"), "the machine's own\n");
        Map<String, String> before = TreeDigest.full(root);

        BuildResult r = install(p, "kernel", "org.example.tampered:dom0-kernel:1", root, false);
        assertThat(r.succeeded()).isFalse();
        assertThat(r.log()).contains("org.example.tampered:dom0-kernel:1:kernel (" + tampered.resolve(
                "dom0-kernel-1-kernel.tar.gz") + ") is not what its metadata " + tampered.resolve(
                        "dom0-kernel-1-kernel.json") + " lists:")
                .containsPattern("\n\\s+boot/config-6\\.1\\.0-fixture: sha256 [0-9a-f]{64} in the archive, [0-9a-f]{64}"
                        + " in the metadata\n")
                .contains("Nothing was installed.").contains("Fix: resolve it again from the repository CI deployed it"
                        + " to");
        assertThat(TreeDigest.full(root)).isEqualTo(before);
        assertThat(p.resolve("target")).doesNotExist();
    }

    @Test
    void coordinatesThatAreNotCoordinatesAndAKernelArchiveForXenAreRefused(TestInfo info) throws Exception {
        InstalledDom0Fixtures.get();
        ItProject p = noProject(info);
        Path root = p.resolve("root");
        BuildResult bad = install(p, "xen", "dom0-xen:" + VERSION, root, false);
        assertThat(bad.succeeded()).isFalse();
        assertThat(bad.log()).contains("artifact 'dom0-xen:" + VERSION + "' is not groupId:artifactId:version"
                + "[:classifier].");
        BuildResult kernel = install(p, "xen", GROUP + ":dom0-kernel:" + VERSION + ":kernel", root, false);
        assertThat(kernel.succeeded()).isFalse();
        assertThat(kernel.log()).contains("is a linux-kernel archive (the kind in its metadata")
                .contains("Fix: install it with kernel:install -Dkernel.artifact=" + GROUP + ":dom0-kernel:" + VERSION
                        + ":kernel");
        BuildResult missing = install(p, "xen", "org.example:no-such-xen:1", root, false);
        assertThat(missing.succeeded()).isFalse();
        assertThat(missing.log()).contains("Cannot resolve org.example:no-such-xen:1:xen (its tar.gz and the json"
                + " metadata beside it)");
        assertThat(root).doesNotExist();
    }

    /** dom0-build's own records (manifests, and a bundle's grub settings record) are each root's own. */
    private static Map<String, String> withoutRecords(Map<String, String> digest) {
        Map<String, String> m = new TreeMap<>(digest);
        m.keySet().removeIf(k -> k.startsWith("var/lib/dom0-build/") && !k.equals("var/lib/dom0-build/"));
        return m;
    }
}
