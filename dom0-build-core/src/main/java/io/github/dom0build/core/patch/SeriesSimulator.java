package io.github.dom0build.core.patch;

import io.github.dom0build.core.log.BuildLog;
import io.github.dom0build.core.patch.FileDiff.Kind;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Phase 1: applies patches to the {@link TreeOverlay} only, so that a failure anywhere in the series is
 * found before any file is written. Each message of a patch becomes a {@link Step}, the unit of a commit.
 */
final class SeriesSimulator {
    /** One commit's worth of changes: each touched path with its new state (empty: deleted). */
    record Step(PatchUnit unit, Map<String, Optional<TextFile>> changes) {
    }

    private final Path root;
    private final TreeOverlay overlay;
    private final int fuzz;
    private final BuildLog log;

    SeriesSimulator(Path root, TreeOverlay overlay, int fuzz, BuildLog log) {
        this.root = root;
        this.overlay = overlay;
        this.fuzz = fuzz;
        this.log = log;
    }

    List<Step> apply(ParsedPatch patch) throws PatchException {
        if (patch.units().isEmpty()) {
            return List.of(); // a lone cover letter: nothing to apply
        }
        int files = patch.units().stream().mapToInt(u -> u.files().size()).sum();
        log.info("Applying " + patch.file().name() + " (" + files + (files == 1 ? " file)" : " files)"));
        List<Step> steps = new ArrayList<>();
        for (PatchUnit unit : patch.units()) {
            if (unit.mail() != null) {
                MailMessage m = unit.mail();
                log.info("  " + (unit.count() > 1 ? "[" + unit.index() + "/" + unit.count() + "] " : "") + m.subject()
                        + (m.hasAuthor() ? " (" + m.authorName() + " <" + m.authorEmail() + ">"
                                + (m.date() != null ? ", " + m.date() : "") + ")" : ""));
            }
            steps.add(apply(unit));
        }
        return steps;
    }

    /**
     * Applies one message's diffs. As in git, renames and copies read their source as it was before the
     * message, and a renamed-away path may be created again by the same message; a path that several plain
     * diffs patch is patched by each in turn.
     */
    private Step apply(PatchUnit unit) throws PatchException {
        Map<String, Optional<TextFile>> results = new LinkedHashMap<>();
        Set<String> renamedAway = new HashSet<>();
        unit.files().stream().filter(d -> d.kind() == Kind.RENAME).forEach(d -> renamedAway.add(d.oldPath()));
        Set<String> written = new HashSet<>();
        for (FileDiff d : unit.files()) {
            switch (d.kind()) {
                case MODIFY -> modify(unit, d, results);
                case ADD -> create(unit, d, d.newPath(), results, renamedAway);
                case DELETE -> delete(unit, d, results);
                case RENAME, COPY -> {
                    Optional<TextFile> source = overlay.get(d.oldPath(), name(unit));
                    if (source.isEmpty()) {
                        throw missing(unit, d, d.oldPath());
                    }
                    checkCreatable(unit, d, d.newPath(), results, renamedAway, null);
                    List<String> lines = hunks(unit, d, d.oldPath(), source.get().lines());
                    results.put(d.newPath(), Optional.of(new TextFile(lines, mode(d, d.oldPath(), source.get()))));
                }
            }
            if (d.newPath() != null) {
                written.add(d.newPath());
            }
        }
        for (String path : renamedAway) {
            if (!written.contains(path)) {
                results.put(path, Optional.empty());
            }
        }
        for (Map.Entry<String, Optional<TextFile>> e : results.entrySet()) {
            overlay.put(e.getKey(), e.getValue(), name(unit));
        }
        return new Step(unit, results);
    }

    private void modify(PatchUnit unit, FileDiff d, Map<String, Optional<TextFile>> results) throws PatchException {
        String path = d.newPath();
        if (!d.git() && !latest(d.newPath(), results, unit).isPresent()
                && latest(d.oldPath(), results, unit).isPresent()) {
            path = d.oldPath(); // "--- foo.c.orig / +++ foo.c" style diffs patch whichever name exists
        }
        Optional<TextFile> source = latest(path, results, unit);
        if (source.isEmpty()) {
            if (d.createsIfMissing()) {
                create(unit, d, d.newPath(), results, Set.of());
                return;
            }
            throw missing(unit, d, path);
        }
        List<String> lines = hunks(unit, d, path, source.get().lines());
        results.put(path, d.deletesIfEmptied() && lines.isEmpty() ? Optional.empty()
                : Optional.of(new TextFile(lines, mode(d, path, source.get()))));
    }

    private void create(PatchUnit unit, FileDiff d, String path, Map<String, Optional<TextFile>> results,
            Set<String> renamedAway) throws PatchException {
        List<String> lines = null;
        try {
            lines = HunkApplier.apply(List.of(), d.hunks(), 0).lines();
        } catch (HunkApplier.Mismatch e) {
            // a creating hunk must have no old lines; explained below as a hunk failure
        }
        checkCreatable(unit, d, path, results, renamedAway, lines);
        if (lines == null) {
            lines = hunks(unit, d, path, List.of());
        }
        boolean executable = d.newMode() != null && FileDiff.executable(d.newMode());
        results.put(path, Optional.of(new TextFile(lines, executable)));
    }

    private void delete(PatchUnit unit, FileDiff d, Map<String, Optional<TextFile>> results) throws PatchException {
        String path = d.oldPath();
        Optional<TextFile> source = latest(path, results, unit);
        if (source.isEmpty()) {
            throw missing(unit, d, path);
        }
        List<String> left;
        try {
            left = HunkApplier.apply(source.get().lines(), d.hunks(), 0).lines();
        } catch (HunkApplier.Mismatch e) {
            throw fail(unit, path, "Patch " + name(unit) + " deletes " + path + ", but the file"
                    + " differs from what the patch expects to delete: " + describe(e) + nothingChanged(),
                    "the file was changed since the patch was made: refresh the patch for this source version");
        }
        if (!left.isEmpty()) {
            int at = source.get().lines().indexOf(left.get(0)) + 1;
            throw fail(unit, path, "Patch " + name(unit) + " deletes " + path + ", but the file"
                    + " has " + left.size() + (left.size() == 1 ? " line" : " lines") + " the patch does not delete"
                    + (at > 0 ? ", from line " + at : "") + ": " + Lines.show(left.get(0)) + "." + nothingChanged(),
                    "the file was changed since the patch was made: refresh the patch for this source version");
        }
        results.put(path, Optional.empty());
    }

    /** A new file's path must be free, unless this message renames or deletes what is there. */
    private void checkCreatable(PatchUnit unit, FileDiff d, String path, Map<String, Optional<TextFile>> results,
            Set<String> renamedAway, List<String> wouldBe) throws PatchException {
        Optional<TextFile> existing = results.containsKey(path) ? results.get(path) : overlay.get(path, name(unit));
        boolean leaving = !results.containsKey(path) && renamedAway.contains(path);
        if (existing.isPresent() && !leaving) {
            boolean same = existing.get().lines().equals(wouldBe);
            throw fail(unit, path, "Patch " + name(unit) + " creates " + path + ", which already"
                    + " exists" + (same ? " with exactly the content the patch gives it: the patch looks already"
                    + " applied." : ".") + nothingChanged(),
                    same ? "remove " + name(unit) + " from the series if this source version already has the change,"
                            + " or start again from fresh sources (delete the source directory, or mvn clean when"
                            + " it is under target/, and run the fetch goal again)"
                            : "check that the patch is meant for this source version; if the file is left over"
                                    + " from an earlier attempt, start again from fresh sources");
        }
        for (int slash = path.indexOf('/'); slash > 0; slash = path.indexOf('/', slash + 1)) {
            String dir = path.substring(0, slash);
            boolean file = results.containsKey(dir) ? results.get(dir).isPresent() : overlay.isFile(dir);
            if (file && !renamedAway.contains(dir)) {
                throw fail(unit, path, "Patch " + name(unit) + " creates " + path + ", but "
                        + dir + " is a file, not a directory." + nothingChanged(),
                        "check that the patch is meant for this source version");
            }
        }
    }

    private Optional<TextFile> latest(String path, Map<String, Optional<TextFile>> results, PatchUnit unit)
            throws PatchException {
        return results.containsKey(path) ? results.get(path) : overlay.get(path, name(unit));
    }

    /** Whether the result is executable: as the patch says, else as the source was. */
    private boolean mode(FileDiff d, String path, TextFile source) {
        if (d.oldMode() != null && FileDiff.executable(d.oldMode()) != source.executable()) {
            log.debug("  " + path + ": the patch expects mode " + d.oldMode() + ", but the file is "
                    + (source.executable() ? "" : "not ") + "executable");
        }
        return d.newMode() != null ? FileDiff.executable(d.newMode()) : source.executable();
    }

    private List<String> hunks(PatchUnit unit, FileDiff d, String path, List<String> lines) throws PatchException {
        try {
            HunkApplier.Applied applied = HunkApplier.apply(lines, d.hunks(), fuzz);
            applied.notes().forEach(n -> log.info("  " + path + ": " + n));
            return applied.lines();
        } catch (HunkApplier.Mismatch e) {
            boolean reversed = e.reversedAt >= 0;
            throw fail(unit, path, "Patch " + name(unit) + " does not apply to " + path + ": "
                    + describe(e) + nothingChanged(),
                    reversed ? "the source already contains this change: remove " + unit.patch().name()
                            + " from the series, or start again from fresh sources if an earlier run applied it by"
                            + " other means"
                            : "refresh the patch for this source version (rebase it and export it again)"
                                    + (fuzz == 0 && e.expectedIsContext
                                            ? ", or allow inexact context with fuzz=1 if only nearby lines changed"
                                            : ""));
        }
    }

    /** The failed hunk, what the file has where it should go, and whether it looks already applied. */
    private static String describe(HunkApplier.Mismatch e) {
        Hunk h = e.hunk;
        StringBuilder b = new StringBuilder();
        b.append("hunk #").append(h.number()).append(" (").append(h.header())
                .append(h.patchLine() > 0 ? ", patch line " + h.patchLine() : "").append(") does not match.");
        String place = "line " + (e.expectedAt + 1)
                + (e.offset != 0 ? " (the hunk says " + (h.oldIndex() + 1) + "; earlier hunks moved it by "
                        + (e.offset > 0 ? "+" : "") + e.offset + ")" : "");
        if (h.oldLines().isEmpty()) {
            b.append("\n  It inserts lines at ").append(place).append(", but the file has only ").append(e.fileLines)
                    .append(e.fileLines == 1 ? " line." : " lines.");
        } else if (e.differsAt < 0) {
            b.append("\n  It matches at ").append(place).append(", but there it overlaps an earlier hunk.");
        } else {
            b.append("\n  At ").append(place).append(", where the hunk belongs, line ").append(e.differsAt + 1)
                    .append(" should be ").append(e.expectedIsContext ? "this context line" : "this line the patch"
                            + " removes").append(":\n      ").append(Lines.show(e.expected))
                    .append("\n  but the file has")
                    .append(e.actual == null ? " only " + e.fileLines + (e.fileLines == 1 ? " line." : " lines.")
                            : ":\n      " + Lines.show(e.actual));
            if (e.actual != null && Lines.differOnlyInWhiteSpace(e.expected, e.actual)) {
                b.append("\n  (they differ only in white space or line ends)");
            }
        }
        if (!h.oldLines().isEmpty()) {
            b.append("\n  No other place in the file matches either (fuzz ").append(e.fuzz).append(").");
        }
        if (e.reversedAt >= 0) {
            b.append("\n  The lines this hunk produces are already there, at line ").append(e.reversedAt + 1)
                    .append(": the patch looks already applied.");
        }
        return b.toString();
    }

    private PatchException missing(PatchUnit unit, FileDiff d, String path) {
        boolean wasThere = overlay.originals().getOrDefault(path, Optional.empty()).isPresent();
        String verb = switch (d.kind()) {
            case DELETE -> "deletes";
            case RENAME -> "renames";
            case COPY -> "copies";
            default -> "changes";
        };
        return fail(unit, path, "Patch " + name(unit) + " " + verb + " " + path + ", which does"
                + " not exist in " + root + (wasThere ? " any more: an earlier patch of the series deleted or"
                + " renamed it." : ".") + " The patch names it '" + d.rawName(path) + "' (stripped with -p"
                + unit.patch().strip() + (d.line() > 0 ? ", patch line " + d.line() : "") + ")." + nothingChanged(),
                "check the strip level (-pN) of " + unit.patch().name() + " and that it is meant for this source"
                        + " version");
    }

    private static PatchException fail(PatchUnit unit, String path, String problem, String fix) {
        return new PatchException(unit.patch().name(), path, problem, fix);
    }

    private String nothingChanged() {
        return "\n  Nothing in " + root + " was changed.";
    }

    private static String name(PatchUnit unit) {
        return unit.label();
    }
}
