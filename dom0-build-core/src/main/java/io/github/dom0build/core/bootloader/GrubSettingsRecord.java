package io.github.dom0build.core.bootloader;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
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
    record Setting(String previous, String written) {
    }

    static final String PATH = "var/lib/dom0-build/grub-settings.json";
    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().serializeNulls()
            .create();

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

    static GrubSettingsRecord load(Path path) throws IOException {
        try {
            JsonObject o = GSON.fromJson(Files.readString(path, StandardCharsets.ISO_8859_1), JsonObject.class);
            Map<String, Setting> settings = new LinkedHashMap<>();
            o.getAsJsonObject("settings").entrySet().forEach(e -> {
                JsonObject s = e.getValue().getAsJsonObject();
                settings.put(e.getKey(), new Setting(s.get("previous").isJsonNull() ? null
                        : s.get("previous").getAsString(), s.get("written").getAsString()));
            });
            return new GrubSettingsRecord(o.get("file").getAsString(), o.get("created").getAsBoolean(), settings);
        } catch (JsonParseException | IllegalStateException | NullPointerException | UnsupportedOperationException e) {
            throw new IOException(path + " is not a record of grub settings: " + e.getMessage(), e);
        }
    }

    /** The JSON text; the statements are the file's bytes, one char per byte. */
    String json() {
        JsonObject o = new JsonObject();
        o.addProperty("file", file);
        o.addProperty("created", created);
        JsonObject s = new JsonObject();
        settings.forEach((name, setting) -> {
            JsonObject v = new JsonObject();
            v.addProperty("previous", setting.previous());
            v.addProperty("written", setting.written());
            s.add(name, v);
        });
        o.add("settings", s);
        return GSON.toJson(o) + "\n";
    }
}
