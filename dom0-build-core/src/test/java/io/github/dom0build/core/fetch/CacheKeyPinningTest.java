package io.github.dom0build.core.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CacheKeyPinningTest {
    private static final Path PROJECT = Path.of("/builds/example/dom0");
    private static final String TMP = "/var/tmp-java";

    @Test
    void sourcesNamedByWhatTheyAreArePinned() {
        assertThat(unpinned(new GitSource("https://git.example.org/linux.git", "main",
                "0123456789abcdef0123456789abcdef01234567"))).isEmpty();
        assertThat(unpinned(new GitSource("https://git.example.org/linux.git",
                "0123456789abcdef0123456789abcdef01234567", null))).isEmpty();
        assertThat(unpinned(new AptSource("linux", "6.1.176-1", false))).isEmpty();
        assertThat(unpinned(new ArchiveSource(URI.create("https://example.org/linux.tar.xz"),
                "9aad4025" + "0".repeat(56)))).isEmpty();
        assertThat(unpinned(new DirectorySource(PROJECT.resolve("src/linux"), true)))
                .isEmpty();
    }

    @Test
    void sourcesNamedByWhereTheyAreSayHowToPinThem() {
        assertThat(unpinned(new GitSource("https://ci:tok@git.example.org/linux.git", "main", null))).get().asString()
                .contains("at main").contains("<commit>").doesNotContain("tok");
        assertThat(unpinned(new GitSource("https://git.example.org/linux.git", "v6.1", null))).isPresent();
        assertThat(unpinned(new AptSource("linux", null, false))).get().asString()
                .contains("apt:linux=<version>");
        assertThat(unpinned(new ArchiveSource(URI.create("file:/srv/linux.tar.xz"), null)))
                .get().asString().contains("<sha256>");
        assertThat(unpinned(new DirectorySource(Path.of("/srv/linux"), true))).get()
                .asString().contains("outside the project");
    }

    @Test
    void aDirectoryTheCacheDoesNotReadIsInNoKey() {
        DirectorySource d = new DirectorySource(PROJECT.resolve("linux"), true);
        assertThat(CacheKeyPinning.unpinned(d, PROJECT.resolve("linux").toString(), PROJECT, TMP)).isEmpty();
        assertThat(CacheKeyPinning.unpinned(d, "dir:" + PROJECT.resolve("linux"), PROJECT, TMP)).get().asString()
                .contains("named as a URL or lies under the temporary directory").contains("in no key");
        DirectorySource inTmp = new DirectorySource(Path.of(TMP, "linux"), true);
        assertThat(CacheKeyPinning.unpinned(inTmp, TMP + "/linux", PROJECT, TMP)).isPresent();
        assertThat(CacheKeyPinning.readsAsPath("src/main/kconfig/dom0.config", TMP)).isTrue();
        assertThat(CacheKeyPinning.readsAsPath("file:/srv/linux", TMP)).isFalse();
        assertThat(CacheKeyPinning.readsAsPath("", TMP)).isFalse();
    }

    /** As FetchMojo asks: the source as parsed, its url parameter as written (here a plain path). */
    private static Optional<String> unpinned(SourceSpec source) {
        String spelled = source instanceof DirectorySource d ? d.path().toString() : "https://example.org/x";
        return CacheKeyPinning.unpinned(source, spelled, PROJECT, TMP);
    }

    @Test
    void theCacheCountsWhenItsConfigurationIsThereAndNotSwitchedOff(@TempDir Path root) throws Exception {
        assertThat(CacheKeyPinning.buildCacheConfigured(root, null)).isFalse();
        Files.createDirectories(root.resolve(".mvn"));
        Files.writeString(root.resolve(".mvn/maven-build-cache-config.xml"), "<cache/>");
        assertThat(CacheKeyPinning.buildCacheConfigured(root, null)).isTrue();
        assertThat(CacheKeyPinning.buildCacheConfigured(root, "false")).isFalse();
        assertThat(CacheKeyPinning.buildCacheConfigured(null, null)).isFalse();
    }
}
