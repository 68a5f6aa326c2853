package io.github.dom0build.core.metadata;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.dom0build.core.testing.SampleMetadata;
import io.github.dom0build.core.testing.SchemaChecks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The published schema ({@code src/site/resources/schemas/dist-metadata.schema.json}) against the files
 * the core writes: they pass, and a document missing a required field or holding a wrong type fails.
 * EveryItMetadataIT checks every file the integration tests' real builds wrote the same way.
 */
class DistMetadataSchemaTest {
    private static final String SCHEMA = SchemaChecks.DIST_METADATA;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void kernelXenAndBundleMetadataAsWrittenAreValid() throws Exception {
        SampleMetadata.pack(tmp, "k", SampleMetadata.kernel());
        SampleMetadata.pack(tmp, "x", SampleMetadata.xen());
        Map<String, DistMetadata> parts = new LinkedHashMap<>();
        parts.put("kernel", DistMetadata.read(tmp.resolve("k.json")));
        parts.put("xen", DistMetadata.read(tmp.resolve("x.json")));
        SampleMetadata.pack(tmp, "dom0", SampleMetadata.bundle(parts));

        for (String name : new String[] {"k.json", "x.json", "dom0.json"}) {
            assertThat(SchemaChecks.errors(SCHEMA, tmp.resolve(name))).as(name).isEmpty();
        }
    }

    @Test
    void theExampleTheSitePublishesIsValidAndReadable() throws Exception {
        // the module's directory is the working directory of the tests
        Path example = Path.of("../src/site/resources/schemas/dist-metadata-example.json");

        assertThat(SchemaChecks.errors(SCHEMA, example)).isEmpty();
        assertThat(DistMetadata.read(example).kernelRelease()).isEqualTo("6.1.176");
    }

    @Test
    void aMissingRequiredFieldFails() throws Exception {
        ObjectNode md = kernel();
        md.remove("kernelRelease");
        assertThat(SchemaChecks.errors(SCHEMA, md)).anyMatch(e -> e.contains("kernelRelease"));

        ObjectNode noSha = kernel();
        ((ObjectNode) noSha.get("archive")).remove("sha256");
        assertThat(SchemaChecks.errors(SCHEMA, noSha)).anyMatch(e -> e.contains("sha256"));

        ObjectNode noVersion = kernel();
        noVersion.remove("schemaVersion");
        assertThat(SchemaChecks.errors(SCHEMA, noVersion)).anyMatch(e -> e.contains("schemaVersion"));
    }

    @Test
    void aWrongTypeOrValueFails() throws Exception {
        ObjectNode size = kernel();
        ((ObjectNode) size.get("files").get(2)).put("size", "12");
        assertThat(SchemaChecks.errors(SCHEMA, size)).isNotEmpty();

        ObjectNode clean = kernel();
        ((ObjectNode) clean.at("/config/audit")).put("clean", "yes");
        assertThat(SchemaChecks.errors(SCHEMA, clean)).anyMatch(e -> e.contains("clean"));

        ObjectNode kind = kernel();
        kind.put("kind", "initramfs");
        assertThat(SchemaChecks.errors(SCHEMA, kind)).anyMatch(e -> e.contains("kind"));

        ObjectNode major = kernel();
        major.put("schemaVersion", "2.0");
        assertThat(SchemaChecks.errors(SCHEMA, major)).anyMatch(e -> e.contains("schemaVersion"));

        ObjectNode typo = kernel();
        typo.put("kernelRelase", "6.1.176");
        assertThat(SchemaChecks.errors(SCHEMA, typo)).as("a field the schema does not describe")
                .anyMatch(e -> e.contains("kernelRelase"));
    }

    @Test
    void aBundlesPartsAreCheckedAgainstTheSameSchema() throws Exception {
        SampleMetadata.pack(tmp, "k", SampleMetadata.kernel());
        ObjectNode part = kernel();
        part.remove("config");
        Map<String, DistMetadata> parts = Map.of("kernel", DistMetadata.read(tmp.resolve("k.json")));
        SampleMetadata.pack(tmp, "dom0", SampleMetadata.bundle(parts));
        ObjectNode bundle = (ObjectNode) MAPPER.readTree(Files.readString(tmp.resolve("dom0.json")));
        ((ObjectNode) bundle.get("components").get(0)).set("metadata", part);

        assertThat(SchemaChecks.errors(SCHEMA, bundle)).anyMatch(e -> e.contains("config"));
    }

    /** A kernel metadata file as written, as a tree the test can break. */
    private ObjectNode kernel() throws Exception {
        Path file = tmp.resolve("sample-kernel.json");
        if (!Files.exists(file)) {
            SampleMetadata.pack(tmp, "sample-kernel", SampleMetadata.kernel());
        }
        JsonNode tree = MAPPER.readTree(Files.readString(file));
        assertThat(SchemaChecks.errors(SCHEMA, tree)).as("the sample before it is broken").isEmpty();
        return (ObjectNode) tree;
    }
}
