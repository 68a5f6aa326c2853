package io.github.dom0build.core.bootloader;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.dom0build.core.BuildException;
import io.github.dom0build.core.metadata.JsonDocuments;
import io.github.dom0build.core.metadata.SchemaVersion;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What grub-update changed in grub's defaults file, kept in the root
 * ({@code var/lib/dom0-build/grub-settings.json}) so that an uninstall can put it back: per variable,
 * the statement as it was before dom0-build first set it (null: there was none) and as dom0-build wrote
 * it, and whether dom0-build created the file.
 *
 * @param file the defaults file, relative to the root ({@code etc/default/grub})
 */
record GrubSettingsRecord(String file, boolean created, Map<String, Setting> settings) {
    /** One variable: its statement before dom0-build set it, and as dom0-build wrote it. */
    @JsonInclude(JsonInclude.Include.ALWAYS) // previous: null says there was no statement
    record Setting(String previous, String written) {
    }

    static final String PATH = "var/lib/dom0-build/grub-settings.json";
    static final SchemaVersion SCHEMA_VERSION = new SchemaVersion(1, 0);

    GrubSettingsRecord {
        settings = new LinkedHashMap<>(settings);
    }

    /**
     * This record with {@code name} now written as {@code written} over {@code previous}. When dom0-build
     * had set it before and nobody changed it since, the value from before dom0-build is kept.
     */
    GrubSettingsRecord with(String name, String previous, String written) {
        Setting old = settings.get(name);
        Map<String, Setting> next = new LinkedHashMap<>(settings);
        next.put(name, new Setting(old != null && old.written().equals(previous) ? old.previous() : previous, written));
        return new GrubSettingsRecord(file, created, next);
    }

    /**
     * The record in the root. A damaged one is an IOException; one of another major version is refused,
     * and one without a version (plugins before the versioned formats) has this form and is read.
     */
    static GrubSettingsRecord load(Path path) throws IOException, BuildException {
        JsonNode tree;
        Document d;
        try {
            tree = JsonDocuments.tree(Files.readString(path, StandardCharsets.ISO_8859_1), path.toString());
            d = JsonDocuments.value(tree, Document.class);
        } catch (IOException e) {
            throw new IOException(path + " is not a record of grub settings: " + e.getMessage(), e);
        }
        String version = JsonDocuments.schemaVersion(tree);
        if (version != null) {
            SCHEMA_VERSION.requireReadable(path, "record of grub settings", version);
        }
        if (d.file() == null || d.settings() == null || d.settings().values().stream()
                .anyMatch(v -> v == null || v.written() == null)) {
            throw new IOException(path + " is not a record of grub settings: file, settings or a written value"
                    + " is missing");
        }
        return new GrubSettingsRecord(d.file(), d.created(), d.settings());
    }

    /** The JSON text; the statements are the file's bytes, one char per byte. */
    String json() {
        return JsonDocuments.text(new Document(SCHEMA_VERSION.toString(), file, created, settings));
    }

    /** The file's form. */
    record Document(String schemaVersion, String file, boolean created, Map<String, Setting> settings) {
    }
}
