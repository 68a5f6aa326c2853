package io.github.dom0build.core.patch;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.github.dom0build.core.metadata.Sources;
import io.github.dom0build.core.stamp.StampStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
        Path file = StampStore.in(tree).path(NAME);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        Optional<Form> form = StampStore.in(tree).read(NAME, Form.class);
        if (form.isEmpty() || form.get().patches() == null || form.get().patches().stream().anyMatch(e -> e == null
                || e.name() == null || e.sha256() == null)) {
            throw new PatchException(null, null, "The patch stamp " + file + " is damaged, so it is unknown which"
                    + " patches " + tree + " carries.", "start again from fresh sources: delete the source directory"
                            + " (or run mvn clean when it is under target/) and run the fetch goal again");
        }
        List<Entry> entries = form.get().patches().stream().map(e -> new Entry(e.name(), e.sha256(), e.strip(),
                e.commits() == null ? List.of() : e.commits())).toList();
        return Optional.of(new PatchStamp(entries, form.get().head()));
    }

    void write(Path tree) throws IOException {
        List<Sources.Patch> patches = entries.stream().map(e -> new Sources.Patch(e.name(), e.sha256(), e.strip(),
                head == null ? null : e.commits())).toList();
        StampStore.in(tree).write(NAME, new Form(patches, head));
    }

    /**
     * {@code patches.json}: the series as the dist metadata lists it, and the commit HEAD was left at in a
     * git tree.
     */
    @JsonIgnoreProperties({"version"}) // the unversioned stamps' own format number
    record Form(List<Sources.Patch> patches, String head) {
    }
}
