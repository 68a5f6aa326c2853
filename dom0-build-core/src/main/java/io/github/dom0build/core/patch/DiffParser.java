package io.github.dom0build.core.patch;

import io.github.dom0build.core.patch.FileDiff.Kind;
import io.github.dom0build.core.text.Printable;
import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the unified diffs in a patch text: traditional {@code ---}/{@code +++} diffs and
 * {@code diff --git} diffs with their extended headers. Text between diffs (a mail body, a diffstat, a
 * {@code -- } signature) is skipped; hunks are read by their line counts, so such text after a hunk is
 * never taken for part of it.
 */
final class DiffParser {
    private static final Pattern HUNK_HEADER = Pattern.compile("@@ -(\\d+)(?:,(\\d+))? \\+(\\d+)(?:,(\\d+))? @@(.*)");
    private static final Pattern BINARY_FILES = Pattern.compile("Binary files (.*) and (.*) differ");
    private static final Pattern NAME_AND_DATE =
            Pattern.compile("(\\S+)\\s+(\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d.*)");
    private static final Pattern ISO_STAMP = Pattern.compile(
            "(\\d{4}-\\d\\d-\\d\\d) (\\d\\d:\\d\\d:\\d\\d)(?:\\.\\d+)?(?:\\s+([+-]\\d{4}))?\\s*");
    private static final Pattern CTIME_EPOCH = Pattern.compile("\\w{3} Jan\\s+1 00:00:00 1970");
    private static final Pattern MODE = Pattern.compile("[0-7]{6}");

    private final List<String> lines;
    private final int firstLine;
    private final int strip;
    private final String patch;
    private int pos;

    private DiffParser(List<String> lines, int firstLine, int strip, String patch) {
        this.lines = lines;
        this.firstLine = firstLine;
        this.strip = strip;
        this.patch = patch;
    }

    /**
     * @param lines     the text, split by {@link Lines#withoutEol}
     * @param firstLine the patch file line number of {@code lines.get(0)}, or 0 when it is not known
     */
    static List<FileDiff> parse(List<String> lines, int firstLine, int strip, String patch) throws PatchException {
        return new DiffParser(lines, firstLine, strip, patch).parseAll();
    }

    private List<FileDiff> parseAll() throws PatchException {
        List<FileDiff> diffs = new ArrayList<>();
        while (pos < lines.size()) {
            String line = lines.get(pos);
            if (line.startsWith("diff --git ")) {
                diffs.add(parseGit());
            } else if (startsTraditional(pos)) {
                diffs.add(parseTraditional());
            } else if (startsContextDiff(pos)) {
                throw new PatchException(patch, null, "Patch " + patch + where(pos) + " is a context diff (*** and"
                        + " --- headers); only unified diffs are supported.",
                        "regenerate it as a unified diff (diff -u, git diff or git format-patch)");
            } else {
                Matcher binary = BINARY_FILES.matcher(Lines.stripCr(line));
                if (binary.matches()) {
                    throw binary(Lines.utf8(binary.group(2)), pos);
                }
                pos++;
            }
        }
        return diffs;
    }

    private boolean startsTraditional(int i) {
        return i + 2 < lines.size() && lines.get(i).startsWith("--- ") && lines.get(i + 1).startsWith("+++ ")
                && lines.get(i + 2).startsWith("@@ -");
    }

    private boolean startsContextDiff(int i) {
        return i + 2 < lines.size() && lines.get(i).startsWith("*** ") && lines.get(i + 1).startsWith("--- ")
                && lines.get(i + 2).startsWith("***************");
    }

    private FileDiff parseTraditional() throws PatchException {
        int header = pos;
        HeaderName oldName = headerName(lines.get(pos).substring(4));
        HeaderName newName = headerName(lines.get(pos + 1).substring(4));
        pos += 2;
        String oldPath = oldName.devNull() ? null : PatchPaths.treePath(oldName.raw(), strip, patch, lineNo(header));
        String newPath = newName.devNull() ? null
                : PatchPaths.treePath(newName.raw(), strip, patch, lineNo(header + 1));
        if (oldPath == null && newPath == null) {
            throw new PatchException(patch, null, "Patch " + patch + where(header) + " has a diff from /dev/null to"
                    + " /dev/null.", "repair the patch: one side of a diff must name a file");
        }
        List<Hunk> hunks = parseHunks(newPath != null ? newPath : oldPath);
        Kind kind = oldPath == null ? Kind.ADD : newPath == null ? Kind.DELETE : Kind.MODIFY;
        boolean emptyOldSide = hunks.size() == 1 && hunks.get(0).oldCount() == 0 && hunks.get(0).oldStart() == 0;
        boolean createsIfMissing = kind == Kind.MODIFY && (oldName.epoch() || emptyOldSide);
        boolean deletesIfEmptied = kind == Kind.MODIFY && newName.epoch();
        return new FileDiff(kind, oldPath, newPath, oldPath == null ? null : Lines.utf8(oldName.raw()),
                newPath == null ? null : Lines.utf8(newName.raw()), null, null, false, createsIfMissing,
                deletesIfEmptied, hunks, lineNo(header));
    }

    private FileDiff parseGit() throws PatchException {
        int header = pos;
        String rest = Lines.stripCr(lines.get(pos)).substring("diff --git ".length());
        String[] names = gitHeaderNames(rest);
        pos++;
        String oldMode = null;
        String newMode = null;
        String newFileMode = null;
        String deletedFileMode = null;
        String indexMode = null;
        String renameFrom = null;
        String renameTo = null;
        String copyFrom = null;
        String copyTo = null;
        for (; pos < lines.size(); pos++) {
            String l = Lines.stripCr(lines.get(pos));
            if (l.startsWith("old mode ")) {
                oldMode = mode(l.substring(9), pos);
            } else if (l.startsWith("new mode ")) {
                newMode = mode(l.substring(9), pos);
            } else if (l.startsWith("deleted file mode ")) {
                deletedFileMode = mode(l.substring(18), pos);
            } else if (l.startsWith("new file mode ")) {
                newFileMode = mode(l.substring(14), pos);
            } else if (l.startsWith("rename from ") || l.startsWith("rename old ")) {
                renameFrom = extendedName(l.substring(l.indexOf(' ', 7) + 1));
            } else if (l.startsWith("rename to ")) {
                renameTo = extendedName(l.substring(10));
            } else if (l.startsWith("rename new ")) {
                renameTo = extendedName(l.substring(11));
            } else if (l.startsWith("copy from ")) {
                copyFrom = extendedName(l.substring(10));
            } else if (l.startsWith("copy to ")) {
                copyTo = extendedName(l.substring(8));
            } else if (l.startsWith("index ")) {
                String[] f = l.split(" ");
                if (f.length >= 3) {
                    indexMode = mode(f[2], pos);
                }
            } else if (!l.startsWith("similarity index ") && !l.startsWith("dissimilarity index ")) {
                break;
            }
        }
        if (pos < lines.size()) {
            String l = Lines.stripCr(lines.get(pos));
            if (l.equals("GIT binary patch") || BINARY_FILES.matcher(l).matches()) {
                String shown = renameTo != null ? renameTo : names != null ? names[1] : rest;
                String stripped = PatchPaths.strip(shown, renameTo != null ? 0 : strip);
                throw binary(Lines.utf8(stripped == null ? shown : stripped), header);
            }
        }
        HeaderName oldName = null;
        HeaderName newName = null;
        if (pos + 1 < lines.size() && lines.get(pos).startsWith("--- ") && lines.get(pos + 1).startsWith("+++ ")) {
            oldName = headerName(lines.get(pos).substring(4));
            newName = headerName(lines.get(pos + 1).substring(4));
            pos += 2;
        }
        Kind kind;
        if (newFileMode != null || oldName != null && oldName.devNull()) {
            kind = Kind.ADD;
        } else if (deletedFileMode != null || newName != null && newName.devNull()) {
            kind = Kind.DELETE;
        } else if (renameFrom != null || renameTo != null) {
            kind = Kind.RENAME;
        } else if (copyFrom != null || copyTo != null) {
            kind = Kind.COPY;
        } else {
            kind = Kind.MODIFY;
        }
        if (kind == Kind.RENAME || kind == Kind.COPY) {
            String what = kind == Kind.RENAME ? "rename" : "copy";
            agree(header, "old", oldName, renameFrom != null ? renameFrom : copyFrom, what + " from");
            agree(header, "new", newName, renameTo != null ? renameTo : copyTo, what + " to");
        }
        String oldPath = kind == Kind.ADD ? null : gitPath(oldName, renameFrom != null ? renameFrom : copyFrom,
                names == null ? null : names[0], header, rest);
        String newPath = kind == Kind.DELETE ? null : gitPath(newName, renameTo != null ? renameTo : copyTo,
                names == null ? null : names[1], header, rest);
        String rawOld = oldPath == null ? null : rawGitName(oldName, renameFrom != null ? renameFrom : copyFrom,
                names == null ? null : names[0]);
        String rawNew = newPath == null ? null : rawGitName(newName, renameTo != null ? renameTo : copyTo,
                names == null ? null : names[1]);
        List<Hunk> hunks = pos < lines.size() && lines.get(pos).startsWith("@@ ")
                ? parseHunks(newPath != null ? newPath : oldPath) : List.of();
        for (String m : new String[] {oldMode, newMode, newFileMode, deletedFileMode, indexMode}) {
            checkRegular(m, newPath != null ? newPath : oldPath, header);
        }
        String expected = kind == Kind.ADD ? null : kind == Kind.DELETE ? deletedFileMode
                : oldMode != null ? oldMode : indexMode;
        String becomes = kind == Kind.ADD ? (newFileMode != null ? newFileMode : "100644")
                : kind == Kind.DELETE ? null : newMode;
        return new FileDiff(kind, oldPath, newPath, rawOld, rawNew, expected, becomes, true, false, false, hunks,
                lineNo(header));
    }

    /**
     * A rename or copy must name each side the same in its ---/+++ line and its {@code rename from/to}
     * line: {@code git apply} refuses a patch where they differ ("inconsistent old filename"); applying it
     * would pick one of the names silently.
     */
    private void agree(int header, String side, HeaderName fromDiffLine, String fromExtended, String extendedHeader)
            throws PatchException {
        if (fromExtended == null || fromDiffLine == null || fromDiffLine.devNull()) {
            return;
        }
        String extended = PatchPaths.strip(fromExtended, Math.max(strip - 1, 0));
        String diff = PatchPaths.strip(fromDiffLine.raw(), strip);
        if (extended != null && diff != null && !extended.equals(diff)) {
            throw new PatchException(patch, null, "Patch " + patch + where(header) + " names the " + side + " file of"
                    + " a rename or copy differently in its headers: '" + Printable.escape(Lines.utf8(diff))
                    + "' in the " + (side.equals("old") ? "---" : "+++") + " line, '"
                    + Printable.escape(Lines.utf8(extended)) + "' in the " + extendedHeader + " line. git apply"
                    + " refuses such a patch, and so does dom0-build.",
                    "regenerate the patch with git format-patch (or repair the headers so they name one file)");
        }
    }

    private static String rawGitName(HeaderName fromDiffLine, String fromExtended, String fromGitLine) {
        String raw = fromDiffLine != null && !fromDiffLine.devNull() ? fromDiffLine.raw()
                : fromExtended != null ? fromExtended : fromGitLine;
        return raw == null ? null : Lines.utf8(raw);
    }

    /** The tree path for one side of a git diff, from the best header that names it. */
    private String gitPath(HeaderName fromDiffLine, String fromExtended, String fromGitLine, int header,
            String rest) throws PatchException {
        if (fromDiffLine != null && !fromDiffLine.devNull()) {
            return PatchPaths.treePath(fromDiffLine.raw(), strip, patch, lineNo(header));
        }
        if (fromExtended != null) {
            // "rename from" and "copy from" names carry no a/ b/ prefix, so git strips one component less
            return PatchPaths.treePath(fromExtended, Math.max(strip - 1, 0), patch, lineNo(header));
        }
        if (fromGitLine != null) {
            return PatchPaths.treePath(fromGitLine, strip, patch, lineNo(header));
        }
        throw new PatchException(patch, null, "Patch " + patch + where(header) + " has a header 'diff --git " + rest
                + "' whose file names cannot be told apart, and no ---/+++ or rename lines name them.",
                "regenerate the patch with git format-patch or git diff");
    }

    private List<Hunk> parseHunks(String file) throws PatchException {
        List<Hunk> hunks = new ArrayList<>();
        while (pos < lines.size() && lines.get(pos).startsWith("@@ ")) {
            int headerIndex = pos;
            String header = Lines.stripCr(lines.get(pos));
            Matcher m = HUNK_HEADER.matcher(header);
            int[] n = m.matches() ? numbers(m) : null;
            if (n == null) {
                throw new PatchException(patch, file, "Patch " + patch + where(pos) + " has a malformed hunk header"
                        + " for " + file + ": " + Lines.show(header + "\n") + ".",
                        "repair the patch: a unified hunk header reads '@@ -start,count +start,count @@'");
            }
            pos++;
            int oldLeft = n[1];
            int newLeft = n[3];
            List<Hunk.Line> body = new ArrayList<>();
            while (oldLeft > 0 || newLeft > 0) {
                if (pos >= lines.size()) {
                    throw new PatchException(patch, file, "Patch " + patch + " ends in the middle of hunk #"
                            + (hunks.size() + 1) + " of " + file + " (" + header + where(headerIndex) + "): "
                            + oldLeft + " old and " + newLeft + " new lines are missing.",
                            "get a complete copy of the patch; it was cut short");
                }
                String l = lines.get(pos);
                char kind = l.isEmpty() ? ' ' : l.charAt(0);
                if (kind == '\\') {
                    noNewlineAtEnd(body, file, hunks.size() + 1, header);
                    pos++;
                    continue;
                }
                boolean fits = switch (kind) {
                    case ' ' -> oldLeft > 0 && newLeft > 0;
                    case '-' -> oldLeft > 0;
                    case '+' -> newLeft > 0;
                    default -> false;
                };
                if (!fits) {
                    throw new PatchException(patch, file, "Patch " + patch + " is corrupt" + where(pos) + ": hunk #"
                            + (hunks.size() + 1) + " of " + file + " (" + header + ") still needs " + oldLeft
                            + " old and " + newLeft + " new lines, but the line reads " + Lines.show(l + "\n")
                            + ". Mail clients that wrap long lines or strip trailing spaces damage patches so.",
                            "get an undamaged copy of the patch (the original file, git format-patch output, or the"
                                    + " raw message from the mailing list archive), or correct the hunk's line counts");
                }
                body.add(new Hunk.Line(kind, (l.isEmpty() ? "" : l.substring(1)) + "\n"));
                if (kind != '+') {
                    oldLeft--;
                }
                if (kind != '-') {
                    newLeft--;
                }
                pos++;
            }
            if (pos < lines.size() && lines.get(pos).startsWith("\\")) {
                noNewlineAtEnd(body, file, hunks.size() + 1, header);
                pos++;
            }
            hunks.add(new Hunk(hunks.size() + 1, header, n[0], n[1], n[2], n[3], lineNo(headerIndex), body));
        }
        return hunks;
    }

    private static int[] numbers(Matcher m) {
        try {
            return new int[] {Integer.parseInt(m.group(1)), m.group(2) == null ? 1 : Integer.parseInt(m.group(2)),
                Integer.parseInt(m.group(3)), m.group(4) == null ? 1 : Integer.parseInt(m.group(4))};
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Applies a "\ No newline at end of file" marker to the line before it. */
    private void noNewlineAtEnd(List<Hunk.Line> body, String file, int hunk, String header) throws PatchException {
        if (body.isEmpty()) {
            throw new PatchException(patch, file, "Patch " + patch + " is corrupt" + where(pos) + ": hunk #" + hunk
                    + " of " + file + " (" + header + ") starts with a '\\ No newline at end of file' marker.",
                    "get an undamaged copy of the patch");
        }
        Hunk.Line last = body.get(body.size() - 1);
        if (last.text().endsWith("\n")) {
            body.set(body.size() - 1, new Hunk.Line(last.kind(), last.text().substring(0, last.text().length() - 1)));
        }
    }

    private String mode(String text, int index) throws PatchException {
        String m = text.strip();
        if (!MODE.matcher(m).matches()) {
            throw new PatchException(patch, null, "Patch " + patch + where(index) + " has an invalid file mode '"
                    + m + "'.", "repair the patch; git modes are six octal digits such as 100644");
        }
        return m;
    }

    private void checkRegular(String mode, String file, int header) throws PatchException {
        if (mode == null || mode.startsWith("100")) {
            return;
        }
        String what = mode.equals("120000") ? "a symbolic link" : mode.equals("160000") ? "a git submodule"
                : "a file of mode " + mode;
        throw new PatchException(patch, file, "Patch " + patch + where(header) + " changes " + file + ", which is "
                + what + "; only regular files can be patched.",
                "leave that change out of the patch and make it another way (e.g. in the fetched source)");
    }

    private String extendedName(String text) {
        return text.startsWith("\"") && PatchPaths.unquote(text, 0) != null ? PatchPaths.unquote(text, 0).value()
                : text;
    }

    private PatchException binary(String file, int index) {
        return new PatchException(patch, file, "Patch " + patch + where(index) + " changes the binary file " + file
                + "; binary diffs cannot be applied.",
                "remove the binary change from the patch and provide that file another way (for example a git"
                        + " source that already contains it)");
    }

    private int lineNo(int index) {
        return firstLine <= 0 ? 0 : firstLine + index;
    }

    private String where(int index) {
        return firstLine <= 0 ? "" : " (line " + lineNo(index) + ")";
    }

    /** A name from a ---/+++ line: without its timestamp, unquoted, and whether it is /dev/null or dated 1970. */
    private record HeaderName(String raw, boolean devNull, boolean epoch) {
    }

    private static HeaderName headerName(String text) {
        String r = Lines.stripCr(text);
        String name;
        String stamp = "";
        PatchPaths.Quoted q = r.startsWith("\"") ? PatchPaths.unquote(r, 0) : null;
        if (q != null) {
            name = q.value();
            stamp = r.substring(q.end());
        } else {
            int tab = r.indexOf('\t');
            Matcher dated = NAME_AND_DATE.matcher(r);
            if (tab >= 0) {
                name = r.substring(0, tab);
                stamp = r.substring(tab + 1);
            } else if (dated.matches()) {
                name = dated.group(1);
                stamp = dated.group(2);
            } else {
                name = r.strip();
            }
        }
        return new HeaderName(name, name.equals(PatchPaths.DEV_NULL), isEpoch(stamp.strip()));
    }

    /** {@code diff -N} dates the missing side of a created or deleted file at the epoch. */
    private static boolean isEpoch(String stamp) {
        Matcher m = ISO_STAMP.matcher(stamp);
        if (m.matches()) {
            try {
                LocalDateTime t = LocalDateTime.parse(m.group(1) + "T" + m.group(2));
                return t.toEpochSecond(m.group(3) == null ? ZoneOffset.UTC : ZoneOffset.of(m.group(3))) == 0;
            } catch (DateTimeException e) {
                return false;
            }
        }
        return CTIME_EPOCH.matcher(stamp).matches();
    }

    /**
     * The two names of a {@code diff --git} line. Unquoted names may contain spaces, so the split is where
     * both halves name the same file (after their a/ b/ prefix, or entirely for --no-prefix diffs); renames
     * are named again by their extended headers. {@code null} when no split fits.
     */
    static String[] gitHeaderNames(String rest) {
        if (rest.startsWith("\"")) {
            PatchPaths.Quoted a = PatchPaths.unquote(rest, 0);
            if (a == null || a.end() >= rest.length() || rest.charAt(a.end()) != ' ') {
                return null;
            }
            String second = rest.substring(a.end() + 1);
            PatchPaths.Quoted b = second.startsWith("\"") ? PatchPaths.unquote(second, 0) : null;
            return new String[] {a.value(), b != null ? b.value() : second};
        }
        int quote = rest.indexOf(" \"");
        if (quote >= 0) {
            PatchPaths.Quoted b = PatchPaths.unquote(rest, quote + 1);
            if (b != null && b.end() == rest.length()) {
                return new String[] {rest.substring(0, quote), b.value()};
            }
        }
        for (int i = rest.indexOf(' '); i >= 0; i = rest.indexOf(' ', i + 1)) {
            String a = rest.substring(0, i);
            String b = rest.substring(i + 1);
            String sa = PatchPaths.strip(a, 1);
            if (a.equals(b) || sa != null && !sa.isEmpty() && sa.equals(PatchPaths.strip(b, 1))) {
                return new String[] {a, b};
            }
        }
        return null;
    }
}
