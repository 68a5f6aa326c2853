package io.github.dom0build.core.patch;

import java.util.ArrayList;
import java.util.List;

/**
 * One {@code @@} hunk. Line texts keep their "\n" unless a {@code \ No newline at end of file} marker
 * followed them, so they compare directly with {@link Lines#withEol} file lines.
 */
final class Hunk {
    /** A hunk line: {@code ' '} context, {@code '-'} removed, {@code '+'} added. */
    record Line(char kind, String text) {
    }

    private final int number;
    private final String header;
    private final int oldStart;
    private final int oldCount;
    private final int newStart;
    private final int newCount;
    private final int patchLine;
    private final List<Line> lines;
    private final List<String> oldLines = new ArrayList<>();
    private final List<String> newLines = new ArrayList<>();
    private final int prefixContext;
    private final int suffixContext;

    Hunk(int number, String header, int oldStart, int oldCount, int newStart, int newCount, int patchLine,
            List<Line> lines) {
        this.number = number;
        this.header = header;
        this.oldStart = oldStart;
        this.oldCount = oldCount;
        this.newStart = newStart;
        this.newCount = newCount;
        this.patchLine = patchLine;
        this.lines = List.copyOf(lines);
        for (Line l : lines) {
            if (l.kind() != '+') {
                oldLines.add(l.text());
            }
            if (l.kind() != '-') {
                newLines.add(l.text());
            }
        }
        int p = 0;
        while (p < lines.size() && lines.get(p).kind() == ' ') {
            p++;
        }
        int s = 0;
        while (s < lines.size() - p && lines.get(lines.size() - 1 - s).kind() == ' ') {
            s++;
        }
        this.prefixContext = p;
        this.suffixContext = s;
    }

    /** 1-based position in the file's hunks. */
    int number() {
        return number;
    }

    /** The {@code @@ ... @@} line, with any function context after it. */
    String header() {
        return header;
    }

    int oldStart() {
        return oldStart;
    }

    int oldCount() {
        return oldCount;
    }

    int newStart() {
        return newStart;
    }

    /** The line of the patch file the header is on (0 when unknown, e.g. after mail decoding). */
    int patchLine() {
        return patchLine;
    }

    List<Line> lines() {
        return lines;
    }

    /** The lines the file must have: context and removed lines. */
    List<String> oldLines() {
        return oldLines;
    }

    /** The lines the file gets: context and added lines. */
    List<String> newLines() {
        return newLines;
    }

    /** 0-based index of the first old line; an empty old range means "insert after line oldStart". */
    int oldIndex() {
        return oldCount == 0 ? oldStart : oldStart - 1;
    }

    int prefixContext() {
        return prefixContext;
    }

    int suffixContext() {
        return suffixContext;
    }

    boolean addsLines() {
        return lines.stream().anyMatch(l -> l.kind() == '+');
    }
}
