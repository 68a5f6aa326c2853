package io.github.dom0build.core.metadata;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.github.dom0build.core.BuildException;
import io.github.dom0build.core.io.FileTrees;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The one JSON mapping of the documents the plugins write (metadata, journals, records): Jackson
 * databind over records. Fields come out in the order the record declares them, absent ones are left
 * out, maps keep the order they were built in, and the layout is fixed (two-space indent, one value
 * a line, a final newline): the same record always gives the same bytes, which the reproducible
 * archives and their metadata rely on.
 */
public final class JsonDocuments {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            // A newer minor version may add fields: an older reader skips them (see SchemaVersion).
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .defaultPrettyPrinter(new Layout())
            .build();

    private JsonDocuments() {
    }

    /** The document as written to a file: UTF-8, ending in a newline. */
    public static byte[] bytes(Object document) {
        try {
            return (MAPPER.writeValueAsString(document) + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes the document atomically (a reader never sees half of it). */
    public static void write(Path file, Object document) throws IOException {
        FileTrees.writeAtomically(file, bytes(document));
    }

    /**
     * Reads a versioned document: {@code reader} is the schema version this code reads, and a document of
     * another major, or without a version, is refused with a message naming the file, both versions and
     * what to do.
     */
    public static <T> T read(Path file, Class<T> type, String document, SchemaVersion reader)
            throws BuildException {
        JsonNode tree;
        try {
            tree = tree(file);
        } catch (NoSuchFileException e) {
            throw new BuildException("The " + document + " " + file + " does not exist.",
                    "build the artifact it belongs to again", e);
        } catch (IOException e) {
            throw new BuildException("Cannot read the " + document + " " + file + ": " + e.getMessage(),
                    "rebuild the artifact; the file is missing or damaged", e);
        }
        reader.requireReadable(file, document, schemaVersion(tree));
        try {
            return value(tree, type);
        } catch (IOException e) {
            throw new BuildException("The " + document + " " + file + " does not have the expected form: "
                    + e.getMessage(), "rebuild the artifact; the file is damaged or was written by another tool", e);
        }
    }

    /** The file as a JSON object; a file that is not one (cut off, damaged) is an IOException. */
    public static JsonNode tree(Path file) throws IOException {
        return tree(Files.readString(file, StandardCharsets.UTF_8), file.toString());
    }

    /** {@code text} as a JSON object; {@code source} names it in the error. */
    public static JsonNode tree(String text, String source) throws IOException {
        JsonNode tree = MAPPER.readTree(text);
        if (tree == null || !tree.isObject()) {
            throw new IOException(source + " does not hold a JSON object");
        }
        return tree;
    }

    /** JSON text as a tree (for text of another origin that a record does not describe yet). */
    public static JsonNode parse(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The record as a JSON object that starts with {@code "schemaVersion": version}. */
    public static JsonNode versioned(SchemaVersion version, Object record) {
        com.fasterxml.jackson.databind.node.ObjectNode out = MAPPER.createObjectNode();
        out.put("schemaVersion", version.toString());
        JsonNode fields = MAPPER.valueToTree(record);
        fields.fieldNames().forEachRemaining(name -> {
            if (!name.equals("schemaVersion")) {
                out.set(name, fields.get(name));
            }
        });
        return out;
    }

    /** The document as text, in the layout of {@link #bytes}. */
    public static String text(Object document) {
        return new String(bytes(document), StandardCharsets.UTF_8);
    }

    /** The document's {@code schemaVersion}, or null when it has none. */
    public static String schemaVersion(JsonNode tree) {
        JsonNode v = tree.get("schemaVersion");
        return v == null || !v.isTextual() ? null : v.asText();
    }

    /** The tree as a record; a field of the wrong form is an IOException. */
    public static <T> T value(JsonNode tree, Class<T> type) throws IOException {
        try {
            return MAPPER.treeToValue(tree, type);
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    /** The layout of every document: {@code "key": value}, one member a line, {@code []} when empty. */
    private static final class Layout extends DefaultPrettyPrinter {
        private static final long serialVersionUID = 1L;

        Layout() {
            super(Separators.createDefaultInstance()
                    .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                    .withObjectEmptySeparator("")
                    .withArrayEmptySeparator(""));
            DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
            indentObjectsWith(indenter);
            indentArraysWith(indenter);
        }

        private Layout(Layout base) {
            super(base);
        }

        @Override
        public DefaultPrettyPrinter createInstance() {
            return new Layout(this);
        }

        @Override
        public void writeRootValueSeparator(JsonGenerator g) {
            // one document per file: nothing between root values
        }
    }
}
