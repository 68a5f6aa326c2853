package io.github.dom0build.it.reliability;

import static io.github.dom0build.it.harness.Fixtures.files;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.dom0build.it.harness.ArchiveBuilder;
import io.github.dom0build.it.harness.BuildResult;
import io.github.dom0build.it.harness.Fixtures;
import io.github.dom0build.it.harness.ItProject;
import io.github.dom0build.it.harness.TreeDigest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The user's project is a git repository; a source archive carries {@code linux/.git}, a file that says
 * {@code gitdir: ../../.git}: the project's own repository, two levels up from {@code target/linux}.
 * fetch then patch must leave that repository exactly as it was (branch, HEAD, index, info/exclude, no
 * commit), the patch still applied to the files.
 */
class ForeignGitIT {
    @Test
    void aDotGitFileInASourceArchiveNeverReachesTheProjectsOwnRepository() throws Exception {
        ItProject p = ItProject.copy("patch", "reliability-foreign-git");
        Path pom = p.resolve("pom.xml");
        Files.writeString(pom, Files.readString(pom).replace("${project.basedir}/tree",
                "${project.basedir}/linux-6.1.tar.gz"));
        Fixtures.gitRepo(p.dir(), files("pom.xml", Files.readString(p.resolve("pom.xml"))));
        Map<String, String> repoBefore = TreeDigest.full(p.resolve(".git"));

        ArchiveBuilder archive = ArchiveBuilder.create().file("linux-6.1/.git", "gitdir: ../../.git\n");
        try (Stream<Path> s = Files.walk(p.resolve("tree"))) {
            for (Path f : (Iterable<Path>) s.filter(Files::isRegularFile)::iterator) {
                archive.file("linux-6.1/" + p.resolve("tree").relativize(f), Files.readString(f));
            }
        }
        Path tarball = p.resolve("linux-6.1.tar.gz");
        Files.write(tarball, archive.tarGz());

        BuildResult r = p.maven("process-sources").property("kernel.series", p.resolve("patches/series")).run();
        assertThat(r.succeeded()).as(r.toString()).isTrue();
        assertThat(r.log()).contains("Left out 1 entry of git metadata from linux-6.1.tar.gz (the first:"
                + " 'linux-6.1/.git')");
        Path tree = p.resolve("target/linux");
        assertThat(tree.resolve(".git")).doesNotExist();
        assertThat(tree.resolve("drivers/xen/events.c")).content().contains("int ports = 4096;");
        assertThat(TreeDigest.full(p.resolve(".git"))).as("the project's own repository").isEqualTo(repoBefore);
    }
}
