package io.github.dom0build.core.stamp;

import io.github.dom0build.core.io.Sha256;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Which build steps (make, dist) are done for the files as they are now, so that a second
 * {@code mvn install} with nothing changed runs none of them. Kept in {@code .dom0-build/build-state.json}
 * of one tree: the {@link TreeSnapshot} of each path a step works on, taken after the last step that
 * ran there, and the identity of each step done since those paths last changed behind our back.
 *
 * <p>A step is up to date when its identity (command line, environment, and every other stamp: fetch,
 * patches, configure, defconfig) is recorded as done and the snapshots of its paths still match. When a
 * step runs, each step done before stays done only if its own paths were as recorded when this one
 * started: what the running step changes is the build's own output (Xen's dist relinks, recreates
 * links), whereas a change from elsewhere (an edit, a deleted output) means redoing.
 */
public final class BuildState {
    static final String STAMP = "build-state";

    private final Path stateTree;
    private final StampStore stamps;

    /** The state kept in {@code stateTree}'s stamp directory. */
    public BuildState(Path stateTree) {
        this.stateTree = stateTree;
        this.stamps = StampStore.in(stateTree);
    }

    /** True when {@code step} ran with this identity and no file under the paths it works on changed since. */
    public boolean isUpToDate(String step, String identity) throws IOException {
        return isUpToDate(step, identity, new HashMap<>());
    }

    /**
     * {@link #begin} unless {@link #isUpToDate}, empty when it is: both look at the trees as they are
     * before the step, so each tree is walked once for the two (a Linux tree has about 80000 files).
     */
    public Optional<Run> beginUnlessUpToDate(String step, String identity, List<Path> paths) throws IOException {
        Map<String, String> now = new HashMap<>();
        return isUpToDate(step, identity, now) ? Optional.empty() : Optional.of(begin(paths, now));
    }

    private boolean isUpToDate(String step, String identity, Map<String, String> now) throws IOException {
        Optional<State> state = stamps.read(STAMP, State.class).filter(State::complete);
        if (state.isEmpty()) {
            return false;
        }
        Done entry = state.get().done().get(step);
        return entry != null && entry.identity() != null && withStamps(identity).equals(entry.identity())
                && unchanged(state.get().snapshots(), entry.paths(), now);
    }

    /**
     * Call before running a step on {@code paths}; then {@link Run#succeeded} once it did. The steps done
     * before stay done if none of their paths changed behind our back since the last step that ran.
     */
    public Run begin(List<Path> paths) throws IOException {
        return begin(paths, new HashMap<>());
    }

    private Run begin(List<Path> paths, Map<String, String> now) throws IOException {
        Optional<State> state = stamps.read(STAMP, State.class).filter(State::complete);
        Map<String, String> snapshots = new LinkedHashMap<>();
        Map<String, Done> done = new LinkedHashMap<>();
        if (state.isPresent()) {
            Map<String, String> recorded = state.get().snapshots();
            for (Map.Entry<String, Done> e : state.get().done().entrySet()) {
                if (e.getValue() != null && unchanged(recorded, e.getValue().paths(), now)) {
                    done.put(e.getKey(), e.getValue());
                    e.getValue().paths().forEach(p -> snapshots.put(p, recorded.get(p)));
                }
            }
        }
        return new Run(List.copyOf(paths), snapshots, done);
    }

    /** {@code build-state.json}: the snapshot of each path, and each step done with its identity and paths. */
    record State(Map<String, String> snapshots, Map<String, Done> done) {
        boolean complete() {
            return snapshots != null && done != null;
        }
    }

    /** A step done: its identity (with the other stamps) and the paths it works on. */
    record Done(String identity, List<String> paths) {
    }

    /** A step in progress; a failure leaves the recorded state alone, so the next run does the step. */
    public final class Run {
        private final List<Path> paths;
        private final Map<String, String> snapshots;
        private final Map<String, Done> done;

        private Run(List<Path> paths, Map<String, String> snapshots, Map<String, Done> done) {
            this.paths = paths;
            this.snapshots = snapshots;
            this.done = done;
        }

        public void succeeded(String step, String identity) throws IOException {
            List<String> keys = new ArrayList<>();
            for (Path p : paths) {
                keys.add(key(p));
                snapshots.put(key(p), TreeSnapshot.of(List.of(p)));
            }
            done.put(step, new Done(withStamps(identity), keys));
            stamps.write(STAMP, new State(snapshots, done));
        }
    }

    /** Whether each of {@code keys} still has its recorded snapshot; {@code now} caches the walks. */
    private static boolean unchanged(Map<String, String> recorded, List<String> keys, Map<String, String> now)
            throws IOException {
        if (keys == null) {
            return false;
        }
        for (String key : keys) {
            if (key == null || recorded.get(key) == null) {
                return false;
            }
            String current = now.get(key);
            if (current == null) {
                current = TreeSnapshot.of(List.of(Path.of(key)));
                now.put(key, current);
            }
            if (!recorded.get(key).equals(current)) {
                return false;
            }
        }
        return true;
    }

    private static String key(Path p) {
        return p.toAbsolutePath().normalize().toString();
    }

    /**
     * The step's identity together with the other stamps of the state tree: when an earlier step records
     * something new, the later ones are not done any more, even where it left every file as it was.
     */
    private String withStamps(String identity) throws IOException {
        MessageDigest md = Sha256.newDigest();
        md.update(identity.getBytes(StandardCharsets.UTF_8));
        Path dir = StampStore.in(stateTree).directory();
        if (Files.isDirectory(dir)) {
            try (Stream<Path> files = Files.list(dir)) {
                for (Path f : files.sorted().toList()) {
                    String name = f.getFileName().toString();
                    if (Files.isRegularFile(f) && name.endsWith(".json") && !name.equals(STAMP + ".json")) {
                        md.update(("\n" + name + "\n").getBytes(StandardCharsets.UTF_8));
                        md.update(Files.readAllBytes(f));
                    }
                }
            }
        }
        return Sha256.hex(md);
    }
}
