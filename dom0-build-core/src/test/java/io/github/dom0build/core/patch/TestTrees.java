package io.github.dom0build.core.patch;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/** Small helpers to lay out source trees and patch files in tests. */
final class TestTrees {
    private TestTrees() {
    }

    static Path write(Path root, String path, String content) throws IOException {
        Path file = root.resolve(path);
        Files.createDirectories(file.getParent());
        Files.write(file, content.getBytes(StandardCharsets.UTF_8));
        return file;
    }

    static String read(Path root, String path) throws IOException {
        return Files.readString(root.resolve(path), StandardCharsets.UTF_8);
    }

    /** "prefix1\n" .. "prefixN\n". */
    static String numbered(String prefix, int from, int to) {
        return IntStream.rangeClosed(from, to).mapToObj(i -> prefix + i + "\n").collect(Collectors.joining());
    }
}
