package io.github.dom0build.core.sbom;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.dom0build.core.archive.ArtifactMetadata;
import io.github.dom0build.core.dist.DistPackager;
import io.github.dom0build.core.io.Sha256;
import io.github.dom0build.core.testing.RecordingLog;
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
    private static final Instant TS = Instant.parse("2024-06-01T00:00:00Z");
    private static final DistSbom.Generator GEN = new DistSbom.Generator("io.github.dom0build", "kernel-maven-plugin",
            "0.1.0-SNAPSHOT");
    private static final String ORIG = "9aad4025973feea3f0d978e82ab7db97d8d5ce3f59fcc6b1f316153d66e3a504";
    private static final String PATCH = "1111111111111111111111111111111111111111111111111111111111111111";

    @TempDir
    Path tmp;

    @Test
    void aKernelSbomValidatesAndNamesSourcePatchesToolchainConfigAndEveryFile() throws Exception {
        Path archive = kernelDist("a");
        Path sbom = tmp.resolve("kernel-cyclonedx.json");
        SbomWriter.write(DistSbom.of(ArtifactMetadata.read(tmp.resolve("a.json")), "kernel", TS, GEN), sbom);

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
        JsonObject md = ArtifactMetadata.read(tmp.resolve("a.json"));
        String first = SbomWriter.json(DistSbom.of(md, "kernel", TS, GEN));
        String second = SbomWriter.json(DistSbom.of(ArtifactMetadata.read(tmp.resolve("a.json")), "kernel", TS, GEN));
        assertThat(second).isEqualTo(first);
        String serial = JsonParser.parseString(first).getAsJsonObject().get("serialNumber").getAsString();
        assertThat(serial).matches("urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");

        String later = SbomWriter.json(DistSbom.of(md, "kernel", TS.plusSeconds(1), GEN));
        assertThat(JsonParser.parseString(later).getAsJsonObject().get("serialNumber").getAsString())
                .isNotEqualTo(serial);
    }

    @Test
    void anArchiveSourceGetsItsDownloadUrlAndAGitSourceItsCommit() throws Exception {
        JsonObject archive = new JsonObject();
        archive.addProperty("type", "archive");
        archive.addProperty("url", "https://downloads.example.org/pub/linux-6.1.176.tar.xz");
        archive.addProperty("sha256", ORIG);
        var c = SourceComponents.source("kernel:source", sources(archive, new JsonObject()), "linux", "6.1.176");
        assertThat(c.getName()).isEqualTo("linux");
        assertThat(c.getVersion()).isEqualTo("6.1.176");
        assertThat(c.getPurl()).isEqualTo("pkg:generic/linux@6.1.176?checksum=sha256%3A" + ORIG
                + "&download_url=https%3A%2F%2Fdownloads.example.org%2Fpub%2Flinux-6.1.176.tar.xz");
        assertThat(c.getExternalReferences().get(0).getUrl())
                .isEqualTo("https://downloads.example.org/pub/linux-6.1.176.tar.xz");

        JsonObject git = new JsonObject();
        git.addProperty("type", "git");
        git.addProperty("url", "https://git.example.org/xen.git");
        git.addProperty("ref", "RELEASE-4.17.5");
        JsonObject resolved = new JsonObject();
        resolved.addProperty("commit", "430ce6cd936546ad883ecd1c85ddea32d790604b");
        c = SourceComponents.source("xen:source", sources(git, resolved), "xen", "4.17.5");
        assertThat(c.getVersion()).isEqualTo("430ce6cd936546ad883ecd1c85ddea32d790604b");
        assertThat(c.getPurl()).isEqualTo("pkg:generic/xen@430ce6cd936546ad883ecd1c85ddea32d790604b?vcs_url="
                + "git%2Bhttps%3A%2F%2Fgit.example.org%2Fxen.git%40430ce6cd936546ad883ecd1c85ddea32d790604b");
    }

    @Test
    void aBundleNestsEachPartWithTheInputsOfThePartsOwnSbom() throws Exception {
        kernelDist("k");
        JsonObject kernelMd = ArtifactMetadata.read(tmp.resolve("k.json"));
        Path stage = Files.createDirectories(tmp.resolve("root/boot"));
        Files.writeString(stage.resolve("vmlinuz-6.1.176"), "kernel image");
        Files.writeString(stage.resolve("grub.cfg"), "menuentry 'Xen'");
        ArtifactMetadata md = new ArtifactMetadata("dom0", "1.0");
        md.put("project", "org.example:my-dom0:pom:1.0");
        md.put("components", kernelPart(kernelMd));
        Path archive = tmp.resolve("dom0.tar.gz");
        new DistPackager(new RecordingLog()).pack(tmp.resolve("root"), archive, tmp.resolve("dom0.json"), TS, md);
        Path sbom = tmp.resolve("dom0-cyclonedx.json");
        SbomWriter.write(DistSbom.of(ArtifactMetadata.read(tmp.resolve("dom0.json")), "dom0", TS, GEN), sbom);

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
        JsonObject foreign = JsonParser.parseString("{\"type\": \"kernel\"}").getAsJsonObject();
        JsonObject md = JsonParser.parseString("{\"format\": 1, \"kind\": \"dom0\", \"version\": \"1\","
                + " \"project\": \"org.example:my-dom0:pom:1\", \"files\": []}").getAsJsonObject();
        md.add("components", kernelPart(foreign));
        Path sbom = tmp.resolve("foreign-cyclonedx.json");
        SbomWriter.write(DistSbom.of(md, "dom0", TS, GEN), sbom);

        assertThat(SbomChecks.schemaErrors(sbom)).isEmpty();
        JsonObject kernel = SbomChecks.read(sbom).getAsJsonArray("components").get(0).getAsJsonObject();
        assertThat(kernel.get("bom-ref").getAsString()).isEqualTo("kernel:artifact");
        assertThat(kernel.has("purl")).isFalse();
    }

    /** A kernel dist packed for real: {@code <name>.tar.gz} and {@code <name>.json} in tmp. */
    private Path kernelDist(String name) throws Exception {
        Path stage = Files.createDirectories(tmp.resolve(name + "-stage/boot"));
        Files.writeString(stage.resolve("vmlinuz-6.1.176"), "kernel image");
        Files.writeString(stage.resolve("config-6.1.176"), "CONFIG_XEN_DOM0=y\n");
        Files.createSymbolicLink(stage.resolve("vmlinuz"), Path.of("vmlinuz-6.1.176"));
        ArtifactMetadata md = new ArtifactMetadata("linux-kernel", "6.1.176");
        md.put("project", "org.example:my-dom0-kernel:linux-kernel:1.0");
        md.put("kernelRelease", "6.1.176");
        md.put("arch", "x86_64");
        JsonObject apt = new JsonObject();
        apt.addProperty("type", "apt");
        apt.addProperty("package", "linux");
        apt.addProperty("version", "6.1.176-1");
        apt.addProperty("debianPatches", false);
        apt.addProperty("origSha256", ORIG);
        JsonObject sources = sources(apt, new JsonObject());
        JsonObject patch = new JsonObject();
        patch.addProperty("name", "0001-xen-dom0.patch");
        patch.addProperty("sha256", PATCH);
        patch.addProperty("strip", 1);
        sources.getAsJsonArray("patches").add(patch);
        md.put("sources", sources);
        md.put("config", JsonParser.parseString("""
                {"file": "boot/config-6.1.176", "digest": "%s",
                 "audit": {"requested": 2, "clean": true, "mismatches": []},
                 "inputs": {"base": "target:tinyconfig", "request": {"XEN": "y", "XEN_DOM0": "y"}}}
                """.formatted(PATCH.replace('1', '2'))));
        Map<String, String> tools = new java.util.LinkedHashMap<>();
        tools.put("gcc", "gcc (Debian 12.2.0-14+deb12u1) 12.2.0");
        tools.put("ld", "GNU ld (GNU Binutils for Debian) 2.40");
        tools.put("ocamlopt", "unavailable");
        md.put("tools", tools);
        md.put("toolPackages", JsonParser.parseString("""
                {"gcc": {"package": "gcc-12", "version": "12.2.0-14+deb12u1", "arch": "amd64"}}"""));
        Path archive = tmp.resolve(name + ".tar.gz");
        new DistPackager(new RecordingLog()).pack(tmp.resolve(name + "-stage"), archive, tmp.resolve(name + ".json"),
                TS, md);
        return archive;
    }

    /** A bundle's {@code components}: one part labelled kernel with this metadata. */
    private static JsonArray kernelPart(JsonObject metadata) {
        JsonObject part = new JsonObject();
        part.addProperty("label", "kernel");
        part.add("metadata", metadata);
        JsonArray parts = new JsonArray();
        parts.add(part);
        return parts;
    }

    private static JsonObject sources(JsonObject identity, JsonObject resolved) {
        JsonObject source = new JsonObject();
        source.add("identity", identity);
        source.add("resolved", resolved);
        JsonObject sources = new JsonObject();
        sources.add("source", source);
        sources.add("patches", new JsonArray());
        return sources;
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
