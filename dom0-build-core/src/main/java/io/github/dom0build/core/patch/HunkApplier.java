package io.github.dom0build.core.patch;

import java.util.ArrayList;
import java.util.List;

/**
 * Places hunks in a file the way GNU patch does: at the line the hunk names, shifted by the offset earlier
 * hunks needed, else at the nearest place the context matches; then, when allowed, ignoring up to
 * {@code fuzz} context lines at the start and end of the hunk. A hunk with less context on one side was
 * made at the start or end of the file and only matches there. Hunks are placed in order, without
 * overlapping what earlier hunks changed.
 */
final class HunkApplier {
    /** The patched lines, and GNU-patch-style notes for hunks that needed an offset or fuzz. */
    record Applied(List<String> lines, List<String> notes) {
    }

    /** Why a hunk could not be placed, described at the place it should have gone. */
    static final class Mismatch extends Exception {
        private static final long serialVersionUID = 1L;

        final transient Hunk hunk;
        /** 0-based line where the hunk should start: its stated line plus the offset so far. */
        final int expectedAt;
        final int offset;
        final int fileLines;
        final int fuzz;
        /** 0-based file line of the first difference there, or -1 when it matched but overlaps an earlier hunk. */
        final int differsAt;
        final String expected;
        /** What the file has at {@link #differsAt}, or null past its end. */
        final String actual;
        final boolean expectedIsContext;
        /** 0-based line where the hunk's result is already present, or -1. */
        final int reversedAt;

        Mismatch(Hunk hunk, int expectedAt, int offset, int fileLines, int fuzz, int differsAt, String expected,
                String actual, boolean expectedIsContext, int reversedAt) {
            super("hunk #" + hunk.number() + " does not match", null, false, false);
            this.hunk = hunk;
            this.expectedAt = expectedAt;
            this.offset = offset;
            this.fileLines = fileLines;
            this.fuzz = fuzz;
            this.differsAt = differsAt;
            this.expected = expected;
            this.actual = actual;
            this.expectedIsContext = expectedIsContext;
            this.reversedAt = reversedAt;
        }
    }

    private HunkApplier() {
    }

    static Applied apply(List<String> file, List<Hunk> hunks, int maxFuzz) throws Mismatch {
        List<String> out = new ArrayList<>(file.size() + 16);
        List<String> notes = new ArrayList<>();
        int offset = 0; // how far hunks landed from their stated lines, carried to the next hunk
        int outOffset = 0; // lines added minus lines removed so far, for the new-file line numbers
        int frozen = 0; // lines before this are settled: copied, or changed by an earlier hunk
        for (Hunk h : hunks) {
            int limit = Math.min(maxFuzz, Math.max(h.prefixContext(), h.suffixContext()));
            int where = -1;
            int fuzz = 0;
            for (; fuzz <= limit && where < 0; fuzz++) {
                where = locate(file, h, fuzz, offset, frozen);
            }
            fuzz--;
            if (where < 0) {
                throw mismatch(file, h, offset, limit);
            }
            offset = where - h.oldIndex();
            if (fuzz > 0 || offset != 0) {
                notes.add("Hunk #" + h.number() + " succeeded at " + (where + 1 + outOffset)
                        + (fuzz > 0 ? " with fuzz " + fuzz : "")
                        + (offset != 0 ? " (offset " + offset + (offset == 1 ? " line)" : " lines)") : "") + ".");
            }
            // Context is the same before and after, so only the span between the outer context lines is
            // replaced; context ignored by fuzz keeps the file's own lines.
            int from = where + h.prefixContext();
            int to = where + h.oldLines().size() - h.suffixContext();
            out.addAll(file.subList(frozen, from));
            out.addAll(h.newLines().subList(h.prefixContext(), h.newLines().size() - h.suffixContext()));
            frozen = to;
            outOffset += h.newLines().size() - h.oldLines().size();
        }
        out.addAll(file.subList(frozen, file.size()));
        return new Applied(out, notes);
    }

    /** The 0-based line where the hunk's old lines match with this much fuzz, or -1. */
    private static int locate(List<String> file, Hunk h, int fuzz, int offset, int frozen) {
        List<String> pattern = h.oldLines();
        int n = file.size();
        int m = pattern.size();
        int guess = h.oldIndex() + offset;
        if (m == 0) {
            return guess >= frozen && guess <= n ? guess : -1; // nothing to match: insert where stated
        }
        int context = Math.max(h.prefixContext(), h.suffixContext());
        int skipFront = fuzz + h.prefixContext() - context;
        int skipBack = fuzz + h.suffixContext() - context;
        if (skipFront < 0 && h.oldStart() <= 1) {
            // less context before than after: the hunk was made at the start of the file and belongs there
            if (skipBack < 0 && m != n) {
                return -1;
            }
            return frozen == 0 && matches(file, pattern, 0, 0, Math.max(skipBack, 0)) ? 0 : -1;
        }
        skipFront = Math.max(skipFront, 0);
        if (skipBack < 0) {
            // less context after than before: the hunk was made at the end of the file
            int start = n - m;
            return start >= frozen && matches(file, pattern, start, skipFront, 0) ? start : -1;
        }
        int last = n - (m - skipBack);
        for (int d = 0;; d++) {
            int up = guess + d;
            int down = guess - d;
            if (up >= frozen && up <= last && matches(file, pattern, up, skipFront, skipBack)) {
                return up;
            }
            if (d > 0 && down >= frozen && down <= last && matches(file, pattern, down, skipFront, skipBack)) {
                return down;
            }
            if (up > last && down < frozen) {
                return -1;
            }
        }
    }

    private static boolean matches(List<String> file, List<String> pattern, int start, int skipFront,
            int skipBack) {
        for (int i = skipFront; i < pattern.size() - skipBack; i++) {
            int at = start + i;
            if (at < 0 || at >= file.size() || !file.get(at).equals(pattern.get(i))) {
                return false;
            }
        }
        return true;
    }

    private static Mismatch mismatch(List<String> file, Hunk h, int offset, int fuzz) {
        int guess = Math.max(0, h.oldIndex() + offset);
        int differsAt = -1;
        String expected = null;
        String actual = null;
        boolean context = false;
        int oldLine = 0;
        for (Hunk.Line l : h.lines()) {
            if (l.kind() == '+') {
                continue;
            }
            int at = guess + oldLine++;
            String have = at < file.size() ? file.get(at) : null;
            if (!l.text().equals(have)) {
                differsAt = at;
                expected = l.text();
                actual = have;
                context = l.kind() == ' ';
                break;
            }
        }
        // only a hunk that adds lines says much by being found reversed; bare context matches too easily
        int reversedAt = h.addsLines() ? nearest(file, h.newLines(), Math.max(0, h.newStart() - 1 + offset)) : -1;
        return new Mismatch(h, guess, offset, file.size(), fuzz, differsAt, expected, actual, context, reversedAt);
    }

    /** The 0-based start of the exact occurrence of {@code pattern} nearest to {@code guess}, or -1. */
    private static int nearest(List<String> file, List<String> pattern, int guess) {
        if (pattern.isEmpty()) {
            return -1;
        }
        int last = file.size() - pattern.size();
        for (int d = 0; guess + d <= last || guess - d >= 0; d++) {
            if (guess + d <= last && matches(file, pattern, guess + d, 0, 0)) {
                return guess + d;
            }
            if (d > 0 && guess - d >= 0 && guess - d <= last && matches(file, pattern, guess - d, 0, 0)) {
                return guess - d;
            }
        }
        return -1;
    }
}
