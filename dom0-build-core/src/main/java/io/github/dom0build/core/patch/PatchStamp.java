package io.github.dom0build.core.patch;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.github.dom0build.core.stamp.StampStore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The record of the series a tree carries ({@code .dom0-build/patches.json}): each patch's name, digest
 * and strip level, and in git trees the commits made from it.
 */
final class PatchStamp {
    static final String NAME = "patches";

    /** One applied patch. */
    record Entry(String name, String sha256, int strip, List<String> commits) {
        Entry {
            commits = List.copyOf(commits);
        }

        boolean sameAs(PatchFile patch) {
            return name.equals(patch.name()) && sha256.equals(patch.sha256()) && strip == patch.strip();
        }

        @Override
        public String toString() {
            return name + " (sha256 " + sha256.substring(0, Math.min(12, sha256.length())) + ", -p" + strip + ")";
        }
    }

    private final List<Entry> entries;
    private final String head;

    PatchStamp(List<Entry> entries, String head) {
        this.entries = List.copyOf(entries);
        this.head = head;
    }

    List<Entry> entries() {
        return entries;
    }

    /** The commit HEAD was left at, or null outside git. */
    String head() {
        return head;
    }

    /** The stamp file as a tree path. */
    static String treePath() {
        return StampStore.DIR_NAME + "/" + NAME + ".json";
    }

    static Optional<PatchStamp> read(Path tree) throws IOException, PatchException {
        Optional<JsonObject> json = StampStore.in(tree).read(NAME);
        if (json.isEmpty()) {
            return Optional.empty();
        }
        try {
            List<Entry> entries = new ArrayList<>();
            for (JsonElement e : json.get().getAsJsonArray("patches")) {
                JsonObject o = e.getAsJsonObject();
                List<String> commits = new ArrayList<>();
                if (o.has("commits")) {
                    o.getAsJsonArray("commits").forEach(c -> commits.add(c.getAsString()));
                }
                entries.add(new Entry(o.get("name").getAsString(), o.get("sha256").getAsString(),
                        o.get("strip").getAsInt(), commits));
            }
            JsonElement head = json.get().get("head");
            return Optional.of(new PatchStamp(entries, head == null || head.isJsonNull() ? null : head.getAsString()));
        } catch (RuntimeException e) {
            throw new PatchException(null, null, "The patch stamp " + StampStore.in(tree).path(NAME)
                    + " is damaged (" + e.getMessage() + "), so it is unknown which patches " + tree + " carries.",
                    "start again from fresh sources: delete the source directory (or run mvn clean when it is under"
                            + " target/) and run the fetch goal again");
        }
    }

    void write(Path tree) throws IOException {
        JsonObject json = new JsonObject();
        json.addProperty("version", 1);
        JsonArray patches = new JsonArray();
        for (Entry e : entries) {
            JsonObject o = new JsonObject();
            o.addProperty("name", e.name());
            o.addProperty("sha256", e.sha256());
            o.addProperty("strip", e.strip());
            if (head != null) {
                JsonArray commits = new JsonArray();
                e.commits().forEach(commits::add);
                o.add("commits", commits);
            }
            patches.add(o);
        }
        json.add("patches", patches);
        if (head != null) {
            json.addProperty("head", head);
        }
        StampStore.in(tree).write(NAME, json);
    }
}
