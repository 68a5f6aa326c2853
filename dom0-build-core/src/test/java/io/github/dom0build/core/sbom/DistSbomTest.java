package io.github.dom0build.core.sbom;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.dom0build.core.io.Sha256;
import io.github.dom0build.core.metadata.DistMetadata;
import io.github.dom0build.core.metadata.Sources;
import io.github.dom0build.core.testing.SampleMetadata;
import io.github.dom0build.core.testing.SbomChecks;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SBOMs made from real dist metadata (a staged tree packed by DistPackager), validated with
 * cyclonedx-core-java's schema validation and checked against the archive's bytes.
 */
class DistSbomTest {
    private static final Instant TS = SampleMetadata.TIME;
    private static final DistSbom.Generator GEN = new DistSbom.Generator("io.github.dom0build", "kernel-maven-plugin",
            "0.1.0-SNAPSHOT");
    private static final String ORIG = SampleMetadata.ORIG;
    private static final String PATCH = SampleMetadata.PATCH;

    @TempDir
    Path tmp;

    @Test
    void aKernelSbomValidatesAndNamesSourcePatchesToolchainConfigAndEveryFile() throws Exception {
        Path archive = kernelDist("a");
        Path sbom = tmp.resolve("kernel-cyclonedx.json");
        SbomWriter.write(DistSbom.of(DistMetadata.read(tmp.resolve("a.json")), "kernel", TS, GEN), sbom);

        assertThat(SbomChecks.schemaErrors(sbom)).isEmpty();
        assertThat(SbomChecks.hashMismatches(sbom, archive)).isEmpty();
        JsonObject bom = SbomChecks.read(sbom);
        assertThat(bom.get("specVersion").getAsString()).isEqualTo("1.6");
        assertThat(bom.getAsJsonObject("metadata").get("timestamp").getAsString()).startsWith("2024-06-01T00:00:00");
        JsonObject subject = bom.getAsJsonObject("metadata").getAsJsonObject("component");
        assertThat(subject.get("purl").getAsString())
                .isEqualTo("pkg:maven/org.example/my-dom0-kernel@1.0?classifier=kernel&type=tar.gz");
        assertThat(subject.get("type").getAsString()).isEqualTo("operating-system");
        Map<String, JsonObject> byRef = byRef(bom);
        JsonObject source = byRef.get("kernel:source");
        assertThat(source.get("name").getAsString()).isEqualTo("linux");
        assertThat(source.get("version").getAsString()).isEqualTo("6.1.176-1");
        assertThat(source.get("purl").getAsString()).isEqualTo("pkg:deb/debian/linux@6.1.176-1?arch=source");
        assertThat(SbomChecks.sha256(source)).isEqualTo(ORIG);
        assertThat(SbomChecks.sha256(byRef.get("kernel:patch:0001-xen-dom0.patch"))).isEqualTo(PATCH);
        JsonObject gcc = byRef.get("kernel:tool:gcc");
        assertThat(gcc.get("version").getAsString()).isEqualTo("12.2.0");
        assertThat(gcc.get("scope").getAsString()).isEqualTo("excluded");
        assertThat(gcc.get("purl").getAsString()).isEqualTo("pkg:deb/debian/gcc-12@12.2.0-14%2Bdeb12u1?arch=amd64");
        assertThat(byRef.get("kernel:tool:ld").get("version").getAsString()).isEqualTo("2.40");
        assertThat(byRef.get("kernel:tool:ld").has("purl")).as("no package recorded, no purl guessed").isFalse();
        assertThat(byRef).doesNotContainKey("kernel:tool:ocamlopt"); // probed, unavailable: not a tool of this build
        JsonObject config = byRef.get("kernel:config");
        assertThat(config.get("name").getAsString()).isEqualTo("boot/config-6.1.176");
        assertThat(SbomChecks.sha256(config)).isEqualTo(Sha256.of(("CONFIG_XEN_DOM0=y\n").getBytes(
                StandardCharsets.UTF_8)));
        assertThat(properties(config)).containsEntry("dom0-build:kconfig:CONFIG_XEN_DOM0", "y")
                .containsEntry("dom0-build:kconfig:base", "target:tinyconfig")
                .containsEntry("dom0-build:kconfig:audit", "clean: all 2 requested options hold");
        assertThat(byRef).containsKeys("file:boot/vmlinuz-6.1.176", "file:boot/vmlinuz");
        assertThat(properties(byRef.get("file:boot/vmlinuz"))).containsEntry("dom0-build:file:linkTarget",
                "vmlinuz-6.1.176");
        JsonArray deps = bom.getAsJsonArray("dependencies");
        assertThat(deps.get(0).getAsJsonObject().get("dependsOn").toString()).contains("kernel:source",
                "kernel:patch:0001-xen-dom0.patch", "kernel:tool:gcc", "kernel:config");
    }

    @Test
    void twoWritesOfTheSameDistAreByteIdenticalAndTheSerialFollowsTheContent() throws Exception {
        kernelDist("a");
        DistMetadata md = DistMetadata.read(tmp.resolve("a.json"));
        String first = SbomWriter.json(DistSbom.of(md, "kernel", TS, GEN));
        String second = SbomWriter.json(DistSbom.of(DistMetadata.read(tmp.resolve("a.json")), "kernel", TS, GEN));
        assertThat(second).isEqualTo(first);
        String serial = JsonParser.parseString(first).getAsJsonObject().get("serialNumber").getAsString();
        assertThat(serial).matches("urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");

        String later = SbomWriter.json(DistSbom.of(md, "kernel", TS.plusSeconds(1), GEN));
        assertThat(JsonParser.parseString(later).getAsJsonObject().get("serialNumber").getAsString())
                .isNotEqualTo(serial);
    }

    @Test
    void anArchiveSourceGetsItsDownloadUrlAndAGitSourceItsCommit() throws Exception {
        Sources.Identity archive = new Sources.Identity("archive",
                "https://downloads.example.org/pub/linux-6.1.176.tar.xz", null, null, ORIG, null, null, null, null,
                null, null, null);
        var c = SourceComponents.source("kernel:source", new Sources.Fetch(archive, null), "linux", "6.1.176");
        assertThat(c.getName()).isEqualTo("linux");
        assertThat(c.getVersion()).isEqualTo("6.1.176");
        assertThat(c.getPurl()).isEqualTo("pkg:generic/linux@6.1.176?checksum=sha256%3A" + ORIG
                + "&download_url=https%3A%2F%2Fdownloads.example.org%2Fpub%2Flinux-6.1.176.tar.xz");
        assertThat(c.getExternalReferences().get(0).getUrl())
                .isEqualTo("https://downloads.example.org/pub/linux-6.1.176.tar.xz");

        c = SourceComponents.source("xen:source", SampleMetadata.xen().sources().source(), "xen", "4.17.5");
        assertThat(c.getVersion()).isEqualTo("430ce6cd936546ad883ecd1c85ddea32d790604b");
        assertThat(c.getPurl()).isEqualTo("pkg:generic/xen@430ce6cd936546ad883ecd1c85ddea32d790604b?vcs_url="
                + "git%2Bhttps%3A%2F%2Fgit.example.org%2Fxen.git%40430ce6cd936546ad883ecd1c85ddea32d790604b");
    }

    @Test
    void aBundleNestsEachPartWithTheInputsOfThePartsOwnSbom() throws Exception {
        kernelDist("k");
        DistMetadata kernelMd = DistMetadata.read(tmp.resolve("k.json"));
        Path archive = SampleMetadata.pack(tmp, "dom0", SampleMetadata.bundle(Map.of("kernel", kernelMd)));
        Path sbom = tmp.resolve("dom0-cyclonedx.json");
        SbomWriter.write(DistSbom.of(DistMetadata.read(tmp.resolve("dom0.json")), "dom0", TS, GEN), sbom);

        assertThat(SbomChecks.schemaErrors(sbom)).isEmpty();
        assertThat(SbomChecks.hashMismatches(sbom, archive)).isEmpty();
        JsonObject bom = SbomChecks.read(sbom);
        JsonObject kernel = bom.getAsJsonArray("components").get(0).getAsJsonObject();
        assertThat(kernel.get("purl").getAsString())
                .isEqualTo("pkg:maven/org.example/my-dom0-kernel@1.0?classifier=kernel&type=tar.gz");
        assertThat(SbomChecks.sha256(kernel)).isEqualTo(Sha256.of(tmp.resolve("k.tar.gz")));
        JsonObject own = JsonParser.parseString(SbomWriter.json(DistSbom.of(kernelMd, "kernel", TS, GEN)))
                .getAsJsonObject();
        List<JsonElement> ownInputs = own.getAsJsonArray("components").asList().stream()
                .filter(c -> !c.getAsJsonObject().get("bom-ref").getAsString().startsWith("file:")).toList();
        assertThat(kernel.getAsJsonArray("components").asList()).isEqualTo(ownInputs);
        assertThat(bom.getAsJsonArray("dependencies").get(0).toString()).contains(kernel.get("bom-ref").getAsString());
    }

    @Test
    void aPartWhoseMetadataNamesNoProjectStillGetsAValidSbom() throws Exception {
        Path file = tmp.resolve("foreign.json");
        Files.writeString(file, "{\"schemaVersion\": \"1.0\", \"kind\": \"dom0\", \"version\": \"1\","
                + " \"project\": \"org.example:my-dom0:pom:1\", \"files\": [],"
                + " \"components\": [{\"label\": \"kernel\", \"metadata\": {\"type\": \"kernel\"}}]}");
        DistMetadata md = DistMetadata.read(file);
        Path sbom = tmp.resolve("foreign-cyclonedx.json");
        SbomWriter.write(DistSbom.of(md, "dom0", TS, GEN), sbom);

        assertThat(SbomChecks.schemaErrors(sbom)).isEmpty();
        JsonObject kernel = SbomChecks.read(sbom).getAsJsonArray("components").get(0).getAsJsonObject();
        assertThat(kernel.get("bom-ref").getAsString()).isEqualTo("kernel:artifact");
        assertThat(kernel.has("purl")).isFalse();
    }

    /** A kernel dist packed for real: {@code <name>.tar.gz} and {@code <name>.json} in tmp. */
    private Path kernelDist(String name) throws Exception {
        return SampleMetadata.pack(tmp, name, SampleMetadata.kernel());
    }

    private static Map<String, JsonObject> byRef(JsonObject bom) {
        return SbomChecks.allComponents(bom).stream().collect(Collectors.toMap(c -> c.get("bom-ref").getAsString(),
                c -> c, (a, b) -> a, java.util.LinkedHashMap::new));
    }

    private static Map<String, String> properties(JsonObject component) {
        return component.getAsJsonArray("properties").asList().stream().map(JsonElement::getAsJsonObject).collect(
                Collectors.toMap(p -> p.get("name").getAsString(), p -> p.get("value").getAsString(), (a, b) -> a));
    }
}
