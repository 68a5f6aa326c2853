package io.github.dom0build.core.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dom0build.core.testing.RecordingLog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectoryFetcherTest {
    @TempDir
    Path tmp;

    private final RecordingLog log = new RecordingLog();

    private FetchResult fetch(Path dir, boolean copy, Path target, boolean force) throws Exception {
        return new SourceFetcher(log).fetch(FetchRequest.builder(new DirectorySource(dir, copy), target).force(force)
                .build());
    }

    @Test
    void inPlaceTheTargetLinksToTheDirectory() throws Exception {
        Path src = Files.createDirectories(tmp.resolve("linux"));
        Files.writeString(src.resolve("Makefile"), "all:\n");
        Path target = tmp.resolve("target/linux");
        assertThat(fetch(src, false, target, false).changed()).isTrue();
        assertThat(Files.isSymbolicLink(target)).isTrue();
        assertThat(target.toRealPath()).isEqualTo(src.toRealPath());
        assertThat(fetch(src, false, target, false).changed()).isFalse();
    }

    @Test
    void aCopyKeepsModesAndLinksAndIsRedoneWhenTheSourceChanges() throws Exception {
        Path src = Files.createDirectories(tmp.resolve("xen"));
        Path script = Files.writeString(src.resolve("configure"), "#!/bin/sh\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.createSymbolicLink(src.resolve("link"), Path.of("configure"));
        Path target = tmp.resolve("target/xen");
        fetch(src, true, target, false);
        assertThat(Files.isExecutable(target.resolve("configure"))).isTrue();
        assertThat(Files.readSymbolicLink(target.resolve("link"))).isEqualTo(Path.of("configure"));
        assertThat(fetch(src, true, target, false).changed()).isFalse();
        Files.writeString(src.resolve("new.c"), "int x;\n");
        assertThat(fetch(src, true, target, false).changed()).isTrue();
        assertThat(target.resolve("new.c")).exists();
    }

    @Test
    void replacingALinkNeverTouchesWhatItPointedAt() throws Exception {
        Path a = Files.createDirectories(tmp.resolve("a"));
        Files.writeString(a.resolve("keep"), "x");
        Path b = Files.createDirectories(tmp.resolve("b"));
        Path target = tmp.resolve("target/src");
        fetch(a, false, target, false);
        fetch(b, false, target, false);
        assertThat(target.toRealPath()).isEqualTo(b.toRealPath());
        assertThat(a.resolve("keep")).exists();
    }

    @Test
    void aForeignTreeAtTheTargetIsLeftAlone() throws Exception {
        Path src = Files.createDirectories(tmp.resolve("linux"));
        Path target = Files.createDirectories(tmp.resolve("target/linux"));
        Files.writeString(target.resolve("work.c"), "mine");
        assertThatThrownBy(() -> fetch(src, false, target, false)).hasMessageContaining("was not made by fetch");
        assertThat(target.resolve("work.c")).content().isEqualTo("mine");
    }
}
