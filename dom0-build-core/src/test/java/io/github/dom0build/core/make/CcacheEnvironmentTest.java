package io.github.dom0build.core.make;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dom0build.core.BuildException;
import io.github.dom0build.core.process.Command;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CcacheEnvironmentTest {
    private static final CompilerLauncher CCACHE = new CompilerLauncher("ccache");

    @Test
    void aRemoteStorageReachesCcacheThroughItsEnvironmentVariable() throws Exception {
        assertThat(CcacheEnvironment.of(CCACHE, " http://ci:pw@cache.example.org:8080/cc|connect-timeout=500 "))
                .containsExactly(Map.entry("CCACHE_REMOTE_STORAGE",
                        "http://ci:pw@cache.example.org:8080/cc|connect-timeout=500"));
        assertThat(CcacheEnvironment.of(CCACHE, "file:/mnt/cc redis://cache.example.org")).containsEntry(
                "CCACHE_REMOTE_STORAGE", "file:/mnt/cc redis://cache.example.org");
        assertThat(CcacheEnvironment.of(CCACHE, "")).isEmpty();
        assertThat(CcacheEnvironment.of(CCACHE, null)).isEmpty();
        assertThat(CcacheEnvironment.of(new CompilerLauncher("/usr/bin/ccache"), "file:/mnt/cc")).isNotEmpty();
    }

    @Test
    void aRemoteStorageWithoutCcacheOrNotAUrlIsRefusedWithoutShowingThePassword() {
        assertThatThrownBy(() -> CcacheEnvironment.of(new CompilerLauncher("sccache"), "http://cache.example.org"))
                .isInstanceOf(BuildException.class).hasMessageContaining("compiler launcher is sccache");
        assertThatThrownBy(() -> CcacheEnvironment.of(CompilerLauncher.NONE, "http://cache.example.org"))
                .isInstanceOf(BuildException.class).hasMessageContaining("compiler launcher is none");
        assertThatThrownBy(() -> CcacheEnvironment.of(CCACHE, "ftp://ci:hunter2@cache.example.org"))
                .isInstanceOf(BuildException.class).hasMessageContaining("ftp://***@cache.example.org")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void aCommandShowsTheStorageWithoutItsCredentials() {
        Command c = Command.of(java.util.List.of("make", "bzImage"))
                .env(Map.of("CCACHE_REMOTE_STORAGE", "http://ci:hunter2@cache.example.org/cc"))
                .build();
        assertThat(c.display()).contains("http://***@cache.example.org/cc").doesNotContain("hunter2")
                .contains("make bzImage");
    }
}
