package io.github.dom0build.core.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dom0build.core.BuildException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SourceSpecsTest {
    @TempDir
    Path base;

    private static final String SHA = "9aad40250000000000000000000000000000000000000000000000000000a504";

    private SourceSpec parse(String url) throws BuildException {
        return SourceSpecs.parse(url, null, null, null, false, base);
    }

    @Test
    void gitFormsAreRecognised() throws Exception {
        assertThat(parse("git+https://xenbits.example/xen")).isEqualTo(new GitSource("https://xenbits.example/xen", null, null));
        assertThat(parse("https://git.example/linux.git")).isInstanceOf(GitSource.class);
        assertThat(parse("ssh://git@host/repo")).isInstanceOf(GitSource.class);
        assertThat(parse("git@github.example:org/xen")).isInstanceOf(GitSource.class);
        Files.createDirectories(base.resolve("repo/.git"));
        assertThat(parse("repo")).isEqualTo(new GitSource(base.resolve("repo").toString(), null, null));
    }

    @Test
    void aCommitPinAloneIsAlsoTheRef() throws Exception {
        GitSource g = (GitSource) SourceSpecs.parse("git+https://h/x", null, "86216963fd1d89883bb8120535704fdc79fdad50",
                null, false, base);
        assertThat(g.ref()).isEqualTo(g.commitPin());
    }

    @Test
    void archivesNeedSha256OverHttpButNotFromAFile() throws Exception {
        assertThatThrownBy(() -> parse("https://cdn.example/linux-6.1.tar.xz")).isInstanceOf(BuildException.class)
                .hasMessageContaining("No sha256").hasMessageContaining("Fix: add <sha256>");
        assertThat(SourceSpecs.parse("https://cdn.example/linux-6.1.tar.xz", null, null, "SHA256:" + SHA.toUpperCase(),
                false, base)).isEqualTo(new ArchiveSource(java.net.URI.create("https://cdn.example/linux-6.1.tar.xz"), SHA));
        Files.writeString(base.resolve("x.tar.gz"), "x");
        assertThat(parse("x.tar.gz")).isInstanceOf(ArchiveSource.class);
        assertThat(parse(base.resolve("x.tar.gz").toUri().toString())).isInstanceOf(ArchiveSource.class);
    }

    @Test
    void directoriesAreUsedAsTheyAreOrExplicitlyWithDir() throws Exception {
        Files.createDirectories(base.resolve("tree"));
        assertThat(parse("tree")).isEqualTo(new DirectorySource(base.resolve("tree"), false));
        Files.createDirectories(base.resolve("wt/.git"));
        assertThat(parse("dir:wt")).isEqualTo(new DirectorySource(base.resolve("wt"), false));
    }

    @Test
    void contradictionsAndNonsenseAreExplained() {
        assertThatThrownBy(() -> SourceSpecs.parse("https://h/x.tar.gz", "v1", null, SHA, false, base))
                .hasMessageContaining("ref/commit is set, but");
        assertThatThrownBy(() -> SourceSpecs.parse("git+https://h/x", null, null, SHA, false, base))
                .hasMessageContaining("sha256 applies to archives");
        assertThatThrownBy(() -> SourceSpecs.parse("git+https://h/x", null, "not-a-sha", null, false, base))
                .hasMessageContaining("is not a commit id");
        assertThatThrownBy(() -> parse("missing/path")).hasMessageContaining("neither a URL nor an existing");
        assertThatThrownBy(() -> parse("ftp://h/x.tar.gz")).hasMessageContaining("scheme");
        assertThatThrownBy(() -> parse(" ")).hasMessageContaining("url parameter is empty");
    }
}
