package io.github.dom0build.core.bootroot;

import io.github.dom0build.core.fetch.extract.PosixModes;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/** Files the build makes for a boot image (a unit, a script, a configuration), owned by root. */
public final class MemoryRootSource implements RootSource {
    private final String description;
    private final Map<String, RootEntry> entries = new TreeMap<>();
    private final Map<String, byte[]> data = new TreeMap<>();

    public MemoryRootSource(String description) {
        this.description = description;
    }

    public MemoryRootSource file(String path, int mode, byte[] content) {
        entries.put(path, RootEntry.file(path, mode, content.length));
        data.put(path, content);
        return this;
    }

    public MemoryRootSource file(String path, int mode, String content) {
        return file(path, mode, content.getBytes(StandardCharsets.UTF_8));
    }

    public MemoryRootSource symlink(String path, String target) {
        entries.put(path, RootEntry.symlink(path, target));
        return this;
    }

    public MemoryRootSource directory(String path, int mode) {
        entries.put(path, RootEntry.directory(path, mode));
        return this;
    }

    /**
     * Writes the entries into a directory (a machine root being prepared), parents created, files with
     * their modes; an existing file or link at an entry's path is replaced.
     */
    public void writeTo(Path dir) throws IOException {
        for (RootEntry e : entries.values()) {
            Path p = dir.resolve(e.path());
            Files.createDirectories(p.getParent());
            switch (e.type()) {
                case DIRECTORY -> Files.createDirectories(p);
                case SYMLINK -> {
                    Files.deleteIfExists(p);
                    Files.createSymbolicLink(p, Path.of(e.linkTarget()));
                }
                default -> {
                    Files.deleteIfExists(p);
                    Files.write(p, data.get(e.path()));
                    Files.setPosixFilePermissions(p, PosixModes.permissions(e.mode()));
                }
            }
        }
    }

    /** The paths of the entries, in order. */
    public java.util.List<String> paths() {
        return java.util.List.copyOf(entries.keySet());
    }

    @Override
    public String describe() {
        return description;
    }

    /** In path order, each directory before what it holds; parents not named here are left to the image. */
    @Override
    public void read(Visitor visitor) throws IOException {
        for (RootEntry e : entries.values()) {
            byte[] d = data.get(e.path());
            try (InputStream in = d == null ? InputStream.nullInputStream() : new ByteArrayInputStream(d)) {
                visitor.visit(e, in);
            }
        }
    }
}
