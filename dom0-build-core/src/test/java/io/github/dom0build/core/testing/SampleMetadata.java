package io.github.dom0build.core.testing;

import io.github.dom0build.core.dist.DistPackager;
import io.github.dom0build.core.metadata.BuildConfig;
import io.github.dom0build.core.metadata.DistMetadata;
import io.github.dom0build.core.metadata.Sources;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Metadata as the dist goals write it, for tests that read it (SBOM, schema, install): a kernel and a
 * Xen record with every section filled, packed for real by {@link DistPackager} over a small staged tree.
 */
public final class SampleMetadata {
    public static final Instant TIME = Instant.parse("2024-06-01T00:00:00Z");
    public static final String ORIG = "9aad4025973feea3f0d978e82ab7db97d8d5ce3f59fcc6b1f316153d66e3a504";
    public static final String PATCH = "1111111111111111111111111111111111111111111111111111111111111111";
    public static final String DIGEST = "2222222222222222222222222222222222222222222222222222222222222222";

    private SampleMetadata() {
    }

    /** A kernel built from a Debian source package with one patch, a clean audit and two tools. */
    public static DistMetadata kernel() {
        Sources sources = new Sources(new Sources.Fetch(
                new Sources.Identity("apt", null, null, null, null, "linux", "6.1.176-1", false, ORIG, null, null,
                        null),
                new Sources.Resolved(null, ORIG, 83753L, "linux-6.1.176")),
                List.of(new Sources.Patch("0001-xen-dom0.patch", PATCH, 1, null)));
        BuildConfig config = BuildConfig.kernel("boot/config-6.1.176", DIGEST,
                new BuildConfig.Audit(2, true, List.of()),
                new BuildConfig.KconfigInputs("target:tinyconfig", ordered("XEN", "y", "XEN_DOM0", "y"),
                        Map.of("ARCH", "x86_64"), DIGEST, null));
        Map<String, String> tools = ordered("gcc", "gcc (Debian 12.2.0-14+deb12u1) 12.2.0", "ld",
                "GNU ld (GNU Binutils for Debian) 2.40", "ocamlopt", "unavailable");
        Map<String, DistMetadata.ToolPackage> packages = Map.of("gcc",
                new DistMetadata.ToolPackage("gcc-12", "12.2.0-14+deb12u1", "amd64"));
        return new DistMetadata(DistMetadata.SCHEMA_VERSION.toString(), DistMetadata.KERNEL, "6.1.176",
                "org.example:my-dom0-kernel:linux-kernel:1.0", "6.1.176", null, "x86_64", sources, config, null, null,
                null, null, tools, packages, Map.of("ARCH", "x86_64"), ordered("SOURCE_DATE_EPOCH", "1717200000",
                        "KBUILD_BUILD_USER", "dom0-build"), null, null);
    }

    /** Xen from a git tag, configured for oxenstored and systemd, with a hypervisor audit that dropped one option. */
    public static DistMetadata xen() {
        Sources sources = new Sources(new Sources.Fetch(
                new Sources.Identity("git", "https://git.example.org/xen.git", "RELEASE-4.17.5", null, null, null,
                        null, null, null, null, null, null),
                new Sources.Resolved("430ce6cd936546ad883ecd1c85ddea32d790604b", null, null, null)), List.of());
        BuildConfig config = new BuildConfig(null, null, null, null, List.of("--prefix=/usr",
                "--with-xenstored=oxenstored", "--enable-systemd"), "/usr/sbin/oxenstored", true, "default", DIGEST,
                new BuildConfig.Audit(3, false, List.of(new BuildConfig.Mismatch("CONFIG_XSM", "y", "n",
                        List.of("depends on EXPERT")))));
        return new DistMetadata(DistMetadata.SCHEMA_VERSION.toString(), DistMetadata.XEN, "4.17.5",
                "org.example:my-dom0-xen:xen:1.0", null, "4.17.5", null, sources, config, null,
                "usr/lib/xen/boot/xen-4.17.5.multiboot", null, null, Map.of("make", "GNU Make 4.3"), Map.of(), Map.of(),
                Map.of(), null, null);
    }

    /** A bundle of the given parts, as xen:bundle records it. */
    public static DistMetadata bundle(Map<String, DistMetadata> parts) {
        List<DistMetadata.Component> components = parts.entrySet().stream()
                .map(e -> new DistMetadata.Component(e.getKey(), e.getValue())).toList();
        return new DistMetadata(DistMetadata.SCHEMA_VERSION.toString(), DistMetadata.DOM0, "1.0",
                "org.example:my-dom0:pom:1.0", null, null, null, null, null, null, null, null, components, null, null,
                null, null, null, null);
    }

    /**
     * Packs a small kernel-like tree (an image, its config, a link) with {@code metadata}: writes
     * {@code <name>.tar.gz} and {@code <name>.json} in {@code dir} and returns the archive.
     */
    public static Path pack(Path dir, String name, DistMetadata metadata) throws Exception {
        Path stage = Files.createDirectories(dir.resolve(name + "-stage/boot"));
        Files.writeString(stage.resolve("vmlinuz-6.1.176"), "kernel image");
        Files.writeString(stage.resolve("config-6.1.176"), "CONFIG_XEN_DOM0=y\n");
        Files.createSymbolicLink(stage.resolve("vmlinuz"), Path.of("vmlinuz-6.1.176"));
        Path archive = dir.resolve(name + ".tar.gz");
        new DistPackager(new RecordingLog()).pack(stage.getParent(), archive, dir.resolve(name + ".json"), TIME,
                metadata);
        return archive;
    }

    /** A map that keeps the order given: key, value, key, value, ... */
    public static Map<String, String> ordered(String... keysAndValues) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return m;
    }
}
