package io.github.dom0build.core.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CacheKeyPinningTest {
    private static final Path PROJECT = Path.of("/builds/example/dom0");

    @Test
    void sourcesNamedByWhatTheyAreArePinned() {
        assertThat(CacheKeyPinning.unpinned(new GitSource("https://git.example.org/linux.git", "main",
                "0123456789abcdef0123456789abcdef01234567"), PROJECT)).isEmpty();
        assertThat(CacheKeyPinning.unpinned(new GitSource("https://git.example.org/linux.git",
                "0123456789abcdef0123456789abcdef01234567", null), PROJECT)).isEmpty();
        assertThat(CacheKeyPinning.unpinned(new AptSource("linux", "6.1.176-1", false), PROJECT)).isEmpty();
        assertThat(CacheKeyPinning.unpinned(new ArchiveSource(URI.create("https://example.org/linux.tar.xz"),
                "9aad4025" + "0".repeat(56)), PROJECT)).isEmpty();
        assertThat(CacheKeyPinning.unpinned(new DirectorySource(PROJECT.resolve("src/linux"), true), PROJECT))
                .isEmpty();
    }

    @Test
    void sourcesNamedByWhereTheyAreSayHowToPinThem() {
        assertThat(CacheKeyPinning.unpinned(new GitSource("https://ci:tok@git.example.org/linux.git", "main", null),
                PROJECT)).get().asString().contains("at main").contains("<commit>").doesNotContain("tok");
        assertThat(CacheKeyPinning.unpinned(new GitSource("https://git.example.org/linux.git", "v6.1", null),
                PROJECT)).isPresent();
        assertThat(CacheKeyPinning.unpinned(new AptSource("linux", null, false), PROJECT)).get().asString()
                .contains("apt:linux=<version>");
        assertThat(CacheKeyPinning.unpinned(new ArchiveSource(URI.create("file:/srv/linux.tar.xz"), null), PROJECT))
                .get().asString().contains("<sha256>");
        assertThat(CacheKeyPinning.unpinned(new DirectorySource(Path.of("/srv/linux"), true), PROJECT)).get()
                .asString().contains("outside the project");
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
