package io.github.dom0build.core.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Validates documents against the JSON Schemas the site publishes (draft 2020-12, loaded from the core
 * jar, where the build copies them), with networknt's validator: the one cyclonedx-core-java uses.
 */
public final class SchemaChecks {
    /** The schema of the dist metadata (kernel, Xen, bundle). */
    public static final String DIST_METADATA = "dist-metadata.schema.json";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private SchemaChecks() {
    }

    /** Every way {@code document} breaks the schema; empty when it is valid. */
    public static List<String> errors(String schemaName, Path document) throws IOException {
        return errors(schemaName, MAPPER.readTree(Files.readString(document)));
    }

    public static List<String> errors(String schemaName, JsonNode document) {
        return schema(schemaName).validate(document).stream().map(ValidationMessage::getMessage).sorted().toList();
    }

    private static JsonSchema schema(String name) {
        try (InputStream in = SchemaChecks.class.getResourceAsStream("/io/github/dom0build/core/metadata/" + name)) {
            if (in == null) {
                throw new IllegalStateException("no schema " + name + " in the core jar");
            }
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
