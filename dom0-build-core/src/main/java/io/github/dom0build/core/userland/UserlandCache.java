package io.github.dom0build.core.userland;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.dom0build.core.io.FileTrees;
import io.github.dom0build.core.log.BuildLog;
import io.github.dom0build.core.metadata.JsonDocuments;
import io.github.dom0build.core.metadata.SchemaVersion;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Made userlands, kept between builds: one directory per request (suite, architecture, packages,
 * sources), in it one tarball per resolved package list with a record of what it holds. A record is
 * written after its tarball, so an entry without one is unfinished and never used. The two most
 * recently used entries of a request are kept, older ones removed.
 */
final class UserlandCache {
    static final String RECORD = ".json";
    static final String TARBALL = ".tar";
    private static final int KEEP = 2;
    static final SchemaVersion SCHEMA_VERSION = new SchemaVersion(1, 0);

    /** One finished entry. */
    record Entry(Path tarball, Record record) {
        List<String> packages() {
            return record.packages();
        }
    }

    /**
     * {@code <key>.json} beside each tarball: what was asked for, the {@code name=version} of every package
     * it holds, the mmdebstrap that made it, its sha256 and when.
     */
    record Record(String suite, String architecture, List<String> requested, List<String> packages,
            String mmdebstrap, String sha256, String created) {
    }

    private final Path dir;
    private final BuildLog log;

    UserlandCache(Path cacheDirectory, UserlandRequest request, BuildLog log) {
        this.dir = cacheDirectory.resolve(request.requestKey());
        this.log = log;
    }

    Path directory() {
        return dir;
    }

    /** The request's lock, held until closed. */
    interface Lock extends AutoCloseable {
        @Override
        void close() throws IOException;
    }

    /** Takes the request's lock; a second build making the same userland waits, and says so. */
    Lock lock() throws IOException {
        Files.createDirectories(dir);
        FileChannel ch = FileChannel.open(dir.resolve("lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        try {
            FileLock lock = ch.tryLock();
            if (lock == null) {
                log.info("Waiting for another build that is making the same userland (" + dir.resolve("lock") + ")");
                lock = ch.lock();
            }
            FileLock held = lock;
            return () -> {
                try (ch) {
                    held.release();
                }
            };
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    Optional<Entry> find(String resolvedKey) throws IOException {
        return read(dir.resolve(resolvedKey + RECORD));
    }

    /** The most recently used entry, whatever its packages: what an offline build can take. */
    Optional<Entry> newest() throws IOException {
        if (!Files.isDirectory(dir)) {
            return Optional.empty();
        }
        for (Path record : records()) {
            Optional<Entry> e = read(record);
            if (e.isPresent()) {
                return e;
            }
        }
        return Optional.empty();
    }

    void touch(Entry e) throws IOException {
        Files.setLastModifiedTime(e.tarball().resolveSibling(name(e.tarball()) + RECORD), FileTime.from(Instant.now()));
    }

    /** A temporary tarball path in the cache directory, for mmdebstrap to write. */
    Path newTemporaryTarball() throws IOException {
        return FileTrees.siblingTempPath(dir.resolve("userland" + TARBALL), "mmdebstrap");
    }

    /** Moves a finished tarball into place and writes its record, then prunes old entries. */
    Entry publish(Path tmpTarball, String resolvedKey, Record record) throws IOException {
        Path tarball = dir.resolve(resolvedKey + TARBALL);
        FileTrees.atomicRename(tmpTarball, tarball);
        Path recordFile = dir.resolve(resolvedKey + RECORD);
        JsonDocuments.write(recordFile, JsonDocuments.versioned(SCHEMA_VERSION, record));
        prune();
        return new Entry(tarball, record);
    }

    /** Leftovers of builds that were killed while mmdebstrap ran; call with the lock held. */
    void sweepLeftovers() throws IOException {
        for (Path p : FileTrees.leftoversOf(dir.resolve("userland" + TARBALL), "mmdebstrap")) {
            log.info("Removing " + p.getFileName() + ", left by an interrupted userland build");
            FileTrees.deleteRecursively(p);
        }
    }

    private void prune() throws IOException {
        List<Path> records = records();
        for (Path old : records.subList(Math.min(KEEP, records.size()), records.size())) {
            String n = name(old);
            Files.deleteIfExists(dir.resolve(n + TARBALL));
            Files.deleteIfExists(old);
            log.info("Removed the older cached userland " + n);
        }
    }

    /** Records, most recently used first. */
    private List<Path> records() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(RECORD))
                    .sorted(Comparator.comparing(UserlandCache::modified).reversed().thenComparing(Path::toString))
                    .toList();
        }
    }

    private Optional<Entry> read(Path record) throws IOException {
        Path tarball = record.resolveSibling(name(record) + TARBALL);
        if (!Files.isRegularFile(record) || !Files.isRegularFile(tarball)) {
            return Optional.empty();
        }
        // A record of another major version (a newer plugin's) or a damaged one is a miss: this one makes
        // its own entry beside it.
        try {
            JsonNode tree = JsonDocuments.tree(record);
            String version = JsonDocuments.schemaVersion(tree);
            if (version != null && SchemaVersion.parse(version).major() != SCHEMA_VERSION.major()) {
                return Optional.empty();
            }
            Record r = JsonDocuments.value(tree, Record.class);
            return r.packages() == null || r.packages().contains(null) ? Optional.empty()
                    : Optional.of(new Entry(tarball, r));
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static String name(Path p) {
        String n = p.getFileName().toString();
        return n.substring(0, n.lastIndexOf('.'));
    }

    private static FileTime modified(Path p) {
        try {
            return Files.getLastModifiedTime(p);
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }
}
