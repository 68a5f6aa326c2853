package io.github.dom0build.core.sbom;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/** Lenient reads of the metadata: an SBOM says less for an older or partial record, it does not fail. */
final class Json {
    private Json() {
    }

    static JsonObject object(JsonObject o, String key) {
        return o != null && o.has(key) && o.get(key).isJsonObject() ? o.getAsJsonObject(key) : new JsonObject();
    }

    static JsonArray array(JsonObject o, String key) {
        return o != null && o.has(key) && o.get(key).isJsonArray() ? o.getAsJsonArray(key) : new JsonArray();
    }

    /** The value as text (numbers and booleans too), or null when absent or JSON null. */
    static String string(JsonObject o, String key) {
        if (o == null || !o.has(key)) {
            return null;
        }
        JsonElement e = o.get(key);
        return e.isJsonPrimitive() ? e.getAsString() : e.isJsonNull() ? null : e.toString();
    }
}
