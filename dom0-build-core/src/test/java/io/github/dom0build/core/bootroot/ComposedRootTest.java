package io.github.dom0build.core.bootroot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ComposedRootTest {
    @TempDir
    Path tmp;

    private Path userland;
    private Path bundle;

    /** A dom0 bundle shaped like xen:assemble's root: a real lib/ and var/run/ where Debian 12 has links. */
    @BeforeEach
    void bundle() throws IOException {
        userland = UserlandTar.write(tmp.resolve("userland.tar"));
        bundle = tmp.resolve("bundle");
        write("boot/vmlinuz-6.1.176", "kernel");
        write("lib/modules/6.1.176/modules.dep", "");
        Files.createDirectories(bundle.resolve("var/run/xen"));
        write("etc/default/xencommons", "XENSTORED=/usr/sbin/oxenstored\n");
        write("etc/hostname", "dom0\n");
        write("usr/sbin/oxenstored", "daemon");
        Files.createSymbolicLink(bundle.resolve("boot/xen.gz"), Path.of("xen-4.17.5.gz"));
    }

    private void write(String path, String content) throws IOException {
        Path p = bundle.resolve(path);
        Files.createDirectories(p.getParent());
        Files.writeString(p, content);
    }

    private static Map<String, RootEntry> read(RootSource root, Map<String, String> contents) throws IOException {
        Map<String, RootEntry> out = new LinkedHashMap<>();
        root.read((e, data) -> {
            assertThat(out).as("each path once").doesNotContainKey(e.path());
            out.put(e.path(), e);
            if (e.type() == RootEntry.Type.FILE) {
                contents.put(e.path(), new String(data.readNBytes((int) e.size()), StandardCharsets.UTF_8));
            }
        });
        return out;
    }

    @Test
    void theBundleLandsWhereTheUserlandsLinksSendIt() throws Exception {
        ComposedRoot root = ComposedRoot.compose(new TarRootSource(userland),
                List.of(new DirectoryRootSource(bundle, false)));
        Map<String, String> contents = new LinkedHashMap<>();
        Map<String, RootEntry> entries = read(root, contents);

        assertThat(entries).containsKeys("usr/lib/modules/6.1.176", "usr/lib/modules/6.1.176/modules.dep",
                "run/xen", "boot", "boot/vmlinuz-6.1.176", "usr/sbin/oxenstored", "etc/default/xencommons");
        assertThat(entries).doesNotContainKeys("lib/modules", "var/run/xen");
        assertThat(entries.get("lib").type()).as("the userland's merged-/usr link stays").isEqualTo(
                RootEntry.Type.SYMLINK);
        assertThat(entries.get("var/run").linkTarget()).isEqualTo("/run");
        assertThat(root.moved()).contains("lib/modules -> usr/lib/modules", "var/run/xen -> run/xen");
        assertThat(contents.get("etc/hostname")).as("the bundle's file replaces the userland's").isEqualTo("dom0\n");
        assertThat(root.replaced()).containsExactly("etc/hostname");
        assertThat(entries.get("boot/xen.gz").linkTarget()).isEqualTo("xen-4.17.5.gz");
        assertThat(entries.get("usr/sbin/oxenstored").uid()).as("the bundle belongs to root").isZero();
    }

    @Test
    void theUserlandKeepsItsOwnersModesDevicesAndHardLinkData() throws Exception {
        ComposedRoot root = ComposedRoot.compose(new TarRootSource(userland), List.of());
        Map<String, String> contents = new LinkedHashMap<>();
        Map<String, RootEntry> entries = read(root, contents);

        assertThat(entries.get("usr/bin/su").mode()).isEqualTo(04755);
        assertThat(entries.get("var/log/journal/.keep").gid()).isEqualTo(101);
        RootEntry console = entries.get("dev/console");
        assertThat(console.type()).isEqualTo(RootEntry.Type.CHAR_DEVICE);
        assertThat(List.of(console.major(), console.minor())).containsExactly(5, 1);
        assertThat(entries.get("usr/bin/perl5.36.0").type()).as("a hard link becomes a file")
                .isEqualTo(RootEntry.Type.FILE);
        assertThat(contents.get("usr/bin/perl5.36.0")).isEqualTo("perl");
        assertThat(entries).doesNotContainKey("");
    }

    @Test
    void parentsComeBeforeWhatTheyHold() throws Exception {
        MemoryRootSource own = new MemoryRootSource("test files").file("usr/libexec/dom0-build/boot-check", 0755,
                "#!/bin/sh\n");
        List<String> order = new ArrayList<>();
        ComposedRoot.compose(new TarRootSource(userland), List.of(new DirectoryRootSource(bundle, false), own))
                .read((e, data) -> order.add(e.path()));
        for (String p : order) {
            int slash = p.lastIndexOf('/');
            if (slash > 0) {
                assertThat(order.indexOf(p.substring(0, slash))).as("parent of " + p).isBetween(0, order.indexOf(p));
            }
        }
        assertThat(order).contains("usr/libexec", "usr/libexec/dom0-build", "usr/libexec/dom0-build/boot-check");
    }

    @Test
    void aLaterOverlayReplacesAnEarlierOnesFile() throws Exception {
        MemoryRootSource own = new MemoryRootSource("test files").file("etc/default/xencommons", 0644, "XENSTORED=\n");
        Map<String, String> contents = new LinkedHashMap<>();
        read(ComposedRoot.compose(new TarRootSource(userland), List.of(new DirectoryRootSource(bundle, false), own)),
                contents);
        assertThat(contents.get("etc/default/xencommons")).isEqualTo("XENSTORED=\n");
    }

    @Test
    void aFileWhereTheUserlandHasADirectoryIsRefused() throws Exception {
        MemoryRootSource own = new MemoryRootSource("test files").file("usr/lib/modules", 0644, "not a directory");
        assertThatThrownBy(() -> ComposedRoot.compose(new TarRootSource(userland), List.of(own)))
                .isInstanceOf(IOException.class)
                .hasMessage("test files puts a file at usr/lib/modules, where the base root has a directory");
    }

    @Test
    void aTarEntryThatClimbsOutOfTheRootIsRefused() throws Exception {
        Path evil = tmp.resolve("evil.tar");
        try (var t = new org.apache.commons.compress.archivers.tar.TarArchiveOutputStream(Files.newOutputStream(evil))) {
            var e = new org.apache.commons.compress.archivers.tar.TarArchiveEntry("./etc/../../x");
            e.setSize(0);
            t.putArchiveEntry(e);
            t.closeArchiveEntry();
        }
        assertThatThrownBy(() -> new TarRootSource(evil).read((e, d) -> { }))
                .hasMessageContaining("./etc/../../x").hasMessageContaining("climbs out of the root");
    }
}
