package io.github.dom0build.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.dom0build.it.harness.BuildResult;
import io.github.dom0build.it.harness.Fixtures;
import io.github.dom0build.it.harness.ItProject;
import io.github.dom0build.it.harness.SitePoms;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The packagings and the multi-module dom0 example (examples/dom0, as users copy it): the lifecycle
 * runs the whole recipe, the artifacts reach the repository, the bundle root has the units enabled
 * and a checked grub entry, and two builds give the same bytes.
 */
class PackagingIT {
    private static final String KERNEL = "dom0-kernel-1.0.0-SNAPSHOT";

    /** The quick start's POM, from the index page as a reader copies it, only its source a fixture tree. */
    @Test
    void theLinuxKernelPackagingRunsTheWholeRecipeOnMvnPackage() throws Exception {
        String quickStart = SitePoms.pom("index.md", "my-dom0-kernel");
        assertThat(SitePoms.normalized(SitePoms.pom("packagings.md", "my-dom0-kernel")))
                .as("the packagings page shows the quick start's POM").isEqualTo(SitePoms.normalized(quickStart));
        assertThat(SitePoms.normalized(SitePoms.pom(SitePoms.readme(), "my-dom0-kernel")))
                .as("the README shows the quick start's POM").isEqualTo(SitePoms.normalized(quickStart));
        assertThat(quickStart).contains("<version>" + ItProject.pluginVersion() + "</version>");
        ItProject p = ItProject.empty("packaging-kernel");
        Files.writeString(p.resolve("pom.xml"), SitePoms.withSource(quickStart, "${fixtures}/linux"));
        BuildResult r = p.maven("package").run();
        assertThat(r.succeeded()).as(r.toString()).isTrue();
        assertGoalsRanInOrder(r, "kernel-maven-plugin", ":fetch", ":patch", ":defconfig", ":make", ":dist");
        assertThat(p.resolve("target/my-dom0-kernel-1.0-kernel.tar.gz")).exists();
        assertThat(p.resolve("target/my-dom0-kernel-1.0-kernel.json")).exists();
    }

    /** The xen packaging's POM from the packagings page, only its source a fixture tree. */
    @Test
    void theXenPackagingOfThePackagingsPageRunsTheRecipeOnMvnPackage() throws Exception {
        String pom = SitePoms.pom("packagings.md", "my-xen");
        assertThat(pom).contains("<version>" + ItProject.pluginVersion() + "</version>");
        ItProject p = ItProject.empty("packaging-xen");
        Files.writeString(p.resolve("pom.xml"), SitePoms.withSource(pom, "${fixtures}/xen"));
        BuildResult r = p.maven("package").run();
        assertThat(r.succeeded()).as(r.toString()).isTrue();
        assertGoalsRanInOrder(r, "xen-maven-plugin", ":fetch", ":patch", ":configure", ":make", ":dist");
        assertThat(p.resolve("target/my-xen-1.0-xen.tar.gz")).exists();
        JsonObject md = JsonParser.parseString(Files.readString(p.resolve("target/my-xen-1.0-xen.json")))
                .getAsJsonObject();
        assertThat(md.toString()).contains("oxenstored");
        assertThat(Fixtures.trees().resolve("xen/config.status")).as("the fixture tree was copied, not built in")
                .doesNotExist();
    }

    @Test
    void theDom0ExampleInstallsDeploysAndChecksUnitsAndGrub() throws Exception {
        ItProject p = ItProject.copy("dom0-fixtures", "dom0-fixtures");
        Path remote = p.resolve("remote-repo");
        BuildResult r = p.maven("deploy").property("altDeploymentRepository", "it::" + remote.toUri()).run();
        assertThat(r.succeeded()).as(r.toString()).isTrue();

        Path deployed = remote.resolve("io/github/dom0build/examples/dom0-kernel/1.0.0-SNAPSHOT");
        try (var files = Files.list(deployed)) {
            List<String> names = files.map(f -> f.getFileName().toString()).toList();
            assertThat(names).anyMatch(n -> n.matches("dom0-kernel-1\\.0\\.0-.*-kernel\\.tar\\.gz"))
                    .anyMatch(n -> n.matches("dom0-kernel-1\\.0\\.0-.*-kernel\\.json"))
                    .anyMatch(n -> n.matches("dom0-kernel-1\\.0\\.0-[0-9.]+-[0-9]+\\.json"));
        }

        Path root = p.resolve("dom0/target/root");
        assertThat(root.resolve("boot/vmlinuz-6.1.0-fixture")).exists();
        assertThat(root.resolve("boot/xen-4.17.5-fixture.gz")).exists();
        assertThat(root.resolve("boot/xen.gz")).doesNotExist();
        for (String unit : List.of("xenstored.service", "xenconsoled.service", "xen-init-dom0.service")) {
            assertThat(Files.isSymbolicLink(root.resolve("etc/systemd/system/multi-user.target.wants/" + unit)))
                    .as(unit).isTrue();
        }
        assertThat(r.log()).contains("proc-xen.mount has no [Install] section");
        assertThat(root.resolve("etc/default/xencommons")).content().contains("\nXENSTORED=/usr/sbin/oxenstored\n");
        String grub = Files.readString(root.resolve("boot/grub/grub.cfg"), StandardCharsets.UTF_8);
        assertThat(grub).containsPattern("multiboot2?\\s+/boot/xen-4\\.17\\.5-fixture\\.gz")
                .containsPattern("module2?\\s+/boot/vmlinuz-6\\.1\\.0-fixture");

        JsonObject bundle = JsonParser.parseString(Files.readString(
                p.resolve("dom0/target/dom0-1.0.0-SNAPSHOT-dom0.json"))).getAsJsonObject();
        assertThat(bundle.get("kind").getAsString()).isEqualTo("dom0");
        assertThat(bundle.getAsJsonArray("components").toString()).contains("\"label\":\"kernel\"")
                .contains("\"label\":\"xen\"").contains("6.1.0-fixture").contains("4.17.5-fixture");
        assertThat(bundle.getAsJsonArray("files").toString())
                .contains("etc/systemd/system/multi-user.target.wants/xenstored.service").contains("boot/grub/grub.cfg");

        // The recipe's flip on the built root (the fixture installs both daemons, as Xen does with OCaml):
        // configure's xenstored names what is built, so given alone it is refused instead of ignored ...
        Path xencommons = root.resolve("etc/default/xencommons");
        String installed = Files.readString(xencommons);
        BuildResult asked = p.maven("xen:systemd-enable").projects("dom0").property("xen.xenstored", "cxenstored")
                .offline().run();
        assertThat(asked.succeeded()).as(asked.toString()).isFalse();
        assertThat(asked.log()).contains("xenstored=cxenstored is configure's choice, but staged root " + root
                + " starts oxenstored").contains("set xencommonsXenstored=cxenstored");
        assertThat(xencommons).content().isEqualTo(installed);
        // ... and systemd-enable's own parameter flips it, or leaves xencommons alone.
        BuildResult flipped = p.maven("xen:systemd-enable").projects("dom0")
                .property("xen.xencommonsXenstored", "cxenstored").offline().run();
        assertThat(flipped.succeeded()).as(flipped.toString()).isTrue();
        assertThat(xencommons).content().contains("\nXENSTORED=/usr/sbin/xenstored\n");
        BuildResult unchanged = p.maven("xen:systemd-enable").projects("dom0")
                .property("xen.xencommonsXenstored", "unchanged").property("xen.xenstored", "oxenstored").offline()
                .run();
        assertThat(unchanged.succeeded()).as(unchanged.toString()).isTrue();
        assertThat(unchanged.log()).contains("xencommonsXenstored=unchanged: xencommons is left as installed");
        assertThat(xencommons).content().contains("\nXENSTORED=/usr/sbin/xenstored\n");
    }

    @Test
    void theCXenstoredIsAFirstClassChoiceFromConfigureToTheBundle() throws Exception {
        ItProject p = ItProject.copy("dom0-fixtures", "dom0-fixtures-cxenstored");
        BuildResult r = p.maven("install").property("xen.xenstored", "cxenstored").run();
        assertThat(r.succeeded()).as(r.toString()).isTrue();
        assertThat(p.resolve("xen/target/xen/config.status")).content().contains("--with-xenstored=xenstored");
        Path root = p.resolve("dom0/target/root");
        assertThat(root.resolve("usr/sbin/xenstored")).isRegularFile();
        assertThat(root.resolve("etc/default/xencommons")).content().contains("\nXENSTORED=/usr/sbin/xenstored\n");
        assertThat(Files.isSymbolicLink(root.resolve("etc/systemd/system/multi-user.target.wants/xenstored.service")))
                .isTrue();
        JsonObject xen = JsonParser.parseString(Files.readString(p.resolve("xen/target/dom0-xen-1.0.0-SNAPSHOT-xen.json")))
                .getAsJsonObject();
        assertThat(xen.toString()).contains("\"xenstored\":\"/usr/sbin/xenstored\"");
    }

    @Test
    void twoBuildsOfTheExampleGiveByteIdenticalArchives() throws Exception {
        ItProject a = ItProject.copy("dom0-fixtures", "dom0-fixtures-a");
        ItProject b = ItProject.copy("dom0-fixtures", "dom0-fixtures-b");
        assertThat(a.maven("package").run().succeeded()).isTrue();
        assertThat(b.maven("package").run().succeeded()).isTrue();
        for (String f : List.of("kernel/target/" + KERNEL + "-kernel.tar.gz", "xen/target/dom0-xen-1.0.0-SNAPSHOT-xen.tar.gz",
                "dom0/target/dom0-1.0.0-SNAPSHOT-dom0.tar.gz")) {
            assertThat(b.resolve(f)).as(f).hasSameBinaryContentAs(a.resolve(f));
        }
    }

    @Test
    void grubUpdateRefusesAKernelWithoutXenDom0AndSaysWhy() throws Exception {
        ItProject p = ItProject.copy("dom0-fixtures", "dom0-fixtures-no-dom0");
        BuildResult r = p.maven("package").property("kernel.dom0Fragment", false).run();
        assertThat(r.succeeded()).isFalse();
        assertThat(r.log()).contains("grub would not offer a Xen dom0 entry")
                .contains("no kernel in " + p.resolve("dom0/target/root/boot")
                        + " has a config-<release> with CONFIG_XEN_DOM0=y (kernels: 6.1.0-fixture)");
    }

    /** The packaging's lifecycle ran {@code plugin}'s deps, then each of {@code goals}, in that order. */
    private static void assertGoalsRanInOrder(BuildResult r, String plugin, String... goals) {
        List<String> order = new ArrayList<>(List.of(plugin + ":" + ItProject.pluginVersion() + ":deps"));
        order.addAll(List.of(goals));
        int at = 0;
        for (String goal : order) {
            int i = r.log().indexOf(goal, at);
            assertThat(i).as("%s runs after the goals before it", goal).isGreaterThan(at);
            at = i;
        }
    }
}
