package io.github.dom0build.core.patch;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** A regular file's content, as lines that keep their line ends, and whether it is executable. */
record TextFile(List<String> lines, boolean executable) {
    TextFile {
        lines = List.copyOf(lines);
    }

    static TextFile of(byte[] content, boolean executable) {
        return new TextFile(Lines.withEol(new String(content, StandardCharsets.ISO_8859_1)), executable);
    }

    byte[] bytes() {
        return Lines.join(lines).getBytes(StandardCharsets.ISO_8859_1);
    }

    TextFile withExecutable(boolean value) {
        return value == executable ? this : new TextFile(lines, value);
    }
}
