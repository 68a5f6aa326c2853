package io.github.dom0build.it.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dom0build.core.io.Sha256;
import io.github.dom0build.it.harness.ArchiveBuilder;
import io.github.dom0build.it.harness.BuildResult;
import io.github.dom0build.it.harness.ItProject;
import io.github.dom0build.it.harness.TreeDigest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * The deletion rule through the goals that recreate a directory, pointed at a directory of the user's
 * outside the project's build directory ({@code mine/}, with files in it): each refuses, naming the path
 * and the parameter, and every file is still there. A new directory outside target/ is made and marked,
 * so the next run may recreate it; the mark never ends up in an archive.
 */
class OwnedDirectoriesIT {
    private ItProject project;
    private Path mine;
    private Map<String, String> mineBefore;

    @BeforeEach
    void aDirectoryOfTheUsers(TestInfo info) throws Exception {
        project = ItProject.copy("fetch", "reliability-owned-" + info.getTestMethod().orElseThrow().getName());
        mine = project.resolve("mine");
        write(mine.resolve("etc/hostname"), "the user's machine\n");
        write(mine.resolve("home/notes.txt"), "years of notes\n");
        mineBefore = TreeDigest.full(mine);
    }

    private static void write(Path p, String content) throws Exception {
        Files.createDirectories(p.getParent());
        Files.writeString(p, content);
    }

    private void refusedAndKept(BuildResult r, String parameter) throws Exception {
        assertThat(r.succeeded()).as(r.toString()).isFalse();
        assertThat(r.log()).contains("Refusing to delete " + mine + " (" + parameter + "): it is not under this"
                + " project's build directory (" + project.resolve("target").toAbsolutePath().normalize() + ") and carries no"
                + " .dom0-build-owned marker, so dom0-build did not make it. Nothing was deleted.")
                .contains("Fix: point " + parameter + " at a directory under target/");
        assertThat(TreeDigest.full(mine)).isEqualTo(mineBefore);
    }

    /** A project whose dependencies are a kernel and a Xen part, put in the local repository by hand. */
    private void bundleProject() throws Exception {
        Path repo = Path.of(System.getProperty("it.localRepo", "target/local-repo")).toAbsolutePath()
                .resolve("it/dom0build/owned");
        for (String part : new String[] {"kernel", "xen"}) {
            Path dir = Files.createDirectories(repo.resolve(part + "-part/1"));
            ArchiveBuilder a = ArchiveBuilder.create().dir("boot");
            a = part.equals("kernel") ? a.file("boot/vmlinuz-6.1.0-fixture", "kernel\n")
                    .file("boot/config-6.1.0-fixture", "CONFIG_XEN_DOM0=y\n")
                    : a.file("boot/xen-4.17.5.gz", "xen\n");
            Files.write(dir.resolve(part + "-part-1-" + part + ".tar.gz"), a.tarGz());
            // The smallest metadata the published schema accepts: the bundle embeds it as it is.
            Files.writeString(dir.resolve(part + "-part-1-" + part + ".json"), (part.equals("kernel")
                    ? "{\"schemaVersion\": \"1.0\", \"kind\": \"linux-kernel\", \"version\": \"6.1.0-fixture\","
                            + " \"kernelRelease\": \"6.1.0-fixture\","
                    : "{\"schemaVersion\": \"1.0\", \"kind\": \"xen\", \"version\": \"4.17.5\","
                            + " \"xenVersion\": \"4.17.5\",")
                    + " \"sources\": {\"source\": {}, \"patches\": []}, \"config\": {},"
                    + " \"archive\": {\"file\": \"" + part + "-part-1-" + part + ".tar.gz\", \"sha256\": \""
                    + Sha256.of(dir.resolve(part + "-part-1-" + part + ".tar.gz")) + "\"}, \"files\": []}\n");
            Files.writeString(dir.resolve(part + "-part-1.pom"), "<project><modelVersion>4.0.0</modelVersion>"
                    + "<groupId>it.dom0build.owned</groupId><artifactId>" + part + "-part</artifactId>"
                    + "<version>1</version><packaging>pom</packaging></project>\n");
        }
        String dependency = "<dependency><groupId>it.dom0build.owned</groupId><artifactId>%1$s-part</artifactId>"
                + "<version>1</version><type>tar.gz</type><classifier>%1$s</classifier></dependency>";
        project.writeXenPluginPom("owned", "<properties><project.build.outputTimestamp>2024-06-01T00:00:00Z"
                + "</project.build.outputTimestamp></properties><dependencies>" + dependency.formatted("kernel")
                + dependency.formatted("xen") + "</dependencies>", "");
    }

    @Test
    void assembleRefusesABundleRootItDidNotMakeAndMarksOneItMade() throws Exception {
        bundleProject();
        refusedAndKept(project.maven("xen:assemble").property("xen.bundleRoot", mine).run(), "bundleRoot");

        Path fresh = project.resolve("dom0-root");
        BuildResult first = project.maven("xen:assemble", "xen:bundle").property("xen.bundleRoot", fresh).run();
        assertThat(first.succeeded()).as(first.toString()).isTrue();
        assertThat(fresh.resolve(".dom0-build-owned")).isRegularFile();
        assertThat(fresh.resolve("boot/vmlinuz-6.1.0-fixture")).hasContent("kernel");
        BuildResult again = project.maven("xen:assemble", "xen:bundle").property("xen.bundleRoot", fresh).run();
        assertThat(again.succeeded()).as("a root dom0-build made and marked may be recreated; %s", again).isTrue();
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new GZIPInputStream(
                Files.newInputStream(project.resolve("target/owned-1-dom0.tar.gz"))))) {
            for (TarArchiveEntry e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
                assertThat(e.getName()).as("the bundle").doesNotContain(".dom0-build-owned");
            }
        }
    }

    @Test
    void theBootTestRefusesAReportDirectoryItDidNotMake() throws Exception {
        Path root = project.resolve("target/root");
        write(root.resolve("boot/vmlinuz-6.1.0-fixture"), "kernel\n");
        write(root.resolve("boot/config-6.1.0-fixture"), "CONFIG_XEN_DOM0=y\n");
        write(root.resolve("usr/lib/xen/boot/xen-4.17.5.multiboot"), "xen\n");
        BuildResult r = project.maven("xen:boot-test").property("xen.bootTest.reportDirectory", mine).run();
        refusedAndKept(r, "reportDirectory");

        // The root goals' property is not the boot test's: given alone, it is refused instead of ignored.
        Path other = project.resolve("other-root");
        BuildResult wrong = project.maven("xen:boot-test").property("xen.root", other).run();
        assertThat(wrong.succeeded()).as(wrong.toString()).isFalse();
        assertThat(wrong.log()).contains("-Dxen.root=" + other + " is the root of install, systemd-enable and"
                + " grub-update; boot-test boots bundleRoot").contains("give -Dxen.bundleRoot=" + other);
    }

    @Test
    void aForcedFetchRefusesASourceDirectoryOfTheUsersOutsideTarget() throws Exception {
        Path upstream = project.resolve("upstream");
        write(upstream.resolve("Makefile"), "all:\n");
        BuildResult r = project.maven("initialize").property("xen.fetch.skip", true).property("kernel.url", upstream)
                .property("kernel.copy", true).property("kernel.force", true).property("kernel.sourceDirectory", mine)
                .run();
        refusedAndKept(r, "sourceDirectory");
        // under target/, force still replaces a tree fetch did not make, as documented
        write(project.resolve("target/linux/old-file"), "from a build by hand\n");
        BuildResult forced = project.maven("initialize").property("xen.fetch.skip", true)
                .property("kernel.url", upstream).property("kernel.copy", true).property("kernel.force", true).run();
        assertThat(forced.succeeded()).as(forced.toString()).isTrue();
        assertThat(project.resolve("target/linux/Makefile")).hasContent("all:");
        assertThat(project.resolve("target/linux/old-file")).doesNotExist();
    }
}
