package io.github.dom0build.core.patch;

import io.github.dom0build.core.BuildException;
import io.github.dom0build.core.io.Sha256;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** An ordered list of patches, read from a quilt series file, a list of files or a directory. */
public final class PatchSeries {
    private static final Pattern STRIP_OPTION = Pattern.compile("-p(\\d+)");

    private final String origin;
    private final List<PatchFile> patches;

    private PatchSeries(String origin, List<PatchFile> patches) {
        this.origin = origin;
        this.patches = List.copyOf(patches);
    }

    /**
     * Reads a quilt {@code series} file: one patch per line, relative to the file's directory, optionally
     * followed by {@code -pN}; {@code #} starts a comment, at the start of a line or after white space.
     */
    public static PatchSeries fromSeriesFile(Path seriesFile, int defaultStrip) throws BuildException {
        checkStrip(defaultStrip);
        if (!Files.isRegularFile(seriesFile)) {
            throw new BuildException("The patch series file " + seriesFile + " does not exist.",
                    "check the configured path, or point to the directory of patches instead");
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(seriesFile, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new BuildException("Cannot read the patch series file " + seriesFile + ": " + e.getMessage(),
                    "check that the file is readable UTF-8 text", e);
        }
        Path base = seriesFile.toAbsolutePath().getParent();
        List<PatchFile> patches = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < lines.size(); i++) {
            String where = seriesFile + " line " + (i + 1);
            String[] tokens = withoutComment(lines.get(i)).strip().split("\\s+");
            if (tokens[0].isEmpty()) {
                continue;
            }
            int strip = defaultStrip;
            for (int t = 1; t < tokens.length; t++) {
                Matcher m = STRIP_OPTION.matcher(tokens[t]);
                if (!m.matches()) {
                    throw new BuildException("Unsupported option '" + tokens[t] + "' for patch " + tokens[0] + " in "
                            + where + ".", "only -pN (the strip level) is supported after a patch name;"
                            + " remove the option or apply that patch differently");
                }
                try {
                    strip = Integer.parseInt(m.group(1));
                } catch (NumberFormatException e) {
                    throw new BuildException("The strip level '" + tokens[t] + "' for patch " + tokens[0] + " in "
                            + where + " is out of range.", "use the -pN the patch was made for: -p1 for git and most"
                            + " diffs, -p0 for diffs made from inside the tree");
                }
            }
            if (!seen.add(tokens[0])) {
                throw new BuildException("The patch " + tokens[0] + " is listed twice in " + seriesFile
                        + " (again at line " + (i + 1) + ").", "remove the duplicate line");
            }
            patches.add(load(base.resolve(tokens[0]).normalize(), tokens[0], strip, "listed in " + where));
        }
        if (patches.isEmpty()) {
            throw new BuildException("The patch series file " + seriesFile + " lists no patches.",
                    "add the patches, one per line, or leave the patch step out");
        }
        return new PatchSeries("the series file " + seriesFile, patches);
    }

    /** The given files in the given order; each is named by its file name (by its path if names repeat). */
    public static PatchSeries fromList(List<Path> files, int defaultStrip) throws BuildException {
        checkStrip(defaultStrip);
        if (files.isEmpty()) {
            throw new BuildException("The configured list of patches is empty.",
                    "list at least one patch file, or leave the patch step out");
        }
        Map<String, Integer> nameCount = new HashMap<>();
        files.forEach(f -> nameCount.merge(f.getFileName().toString(), 1, Integer::sum));
        List<PatchFile> patches = new ArrayList<>();
        Set<Path> seen = new HashSet<>();
        for (Path f : files) {
            if (!seen.add(f.toAbsolutePath().normalize())) {
                throw new BuildException("The patch " + f + " is listed twice.", "remove the duplicate entry");
            }
            String fileName = f.getFileName().toString();
            String name = nameCount.get(fileName) > 1 ? f.toString() : fileName;
            patches.add(load(f.toAbsolutePath().normalize(), name, defaultStrip, "listed in the configured patches"));
        }
        return new PatchSeries(patches.size() == 1 ? "the listed patch" : "the " + patches.size() + " listed patches",
                patches);
    }

    /**
     * Every regular file in {@code dir}, in name order, except hidden files, a {@code series} file and
     * README files: the layout {@code git format-patch -o dir} produces.
     */
    public static PatchSeries fromDirectory(Path dir, int defaultStrip) throws BuildException {
        checkStrip(defaultStrip);
        if (!Files.isDirectory(dir)) {
            throw new BuildException("The patch directory " + dir + " does not exist.",
                    "check the configured path, or create the directory and put the patches in it");
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(Files::isRegularFile).filter(p -> isPatchName(p.getFileName().toString()))
                    .sorted((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString())).toList();
        } catch (IOException e) {
            throw new BuildException("Cannot list the patch directory " + dir + ": " + e.getMessage(),
                    "check that the directory is readable", e);
        }
        if (files.isEmpty()) {
            throw new BuildException("The patch directory " + dir + " contains no patch files.",
                    "put the patches there (e.g. git format-patch -o " + dir + " <base>..), or leave the patch"
                            + " step out");
        }
        List<PatchFile> patches = new ArrayList<>();
        for (Path f : files) {
            patches.add(load(f.toAbsolutePath().normalize(), f.getFileName().toString(), defaultStrip,
                    "found in " + dir));
        }
        return new PatchSeries("the patches in " + dir, patches);
    }

    public List<PatchFile> patches() {
        return patches;
    }

    public int size() {
        return patches.size();
    }

    /** Where the series came from, for messages ("the series file /x/series"). */
    public String origin() {
        return origin;
    }

    @Override
    public String toString() {
        return origin;
    }

    private static boolean isPatchName(String name) {
        return !name.startsWith(".") && !name.equals("series")
                && !name.toUpperCase(Locale.ROOT).startsWith("README");
    }

    private static String withoutComment(String line) {
        for (int i = 0; i < line.length(); i++) {
            if (line.charAt(i) == '#' && (i == 0 || Character.isWhitespace(line.charAt(i - 1)))) {
                return line.substring(0, i);
            }
        }
        return line;
    }

    private static PatchFile load(Path file, String name, int strip, String where) throws BuildException {
        if (!Files.isRegularFile(file)) {
            throw new BuildException("The patch " + name + " (" + where + ") does not exist: " + file
                    + (Files.isDirectory(file) ? " is a directory." : " is missing."),
                    "restore the patch file, or remove it from the series");
        }
        try {
            return new PatchFile(file, name, strip, Sha256.of(file));
        } catch (IOException e) {
            throw new BuildException("Cannot read the patch " + name + " (" + file + "): " + e.getMessage(),
                    "check that the file is readable", e);
        }
    }

    private static void checkStrip(int strip) {
        if (strip < 0) {
            throw new IllegalArgumentException("strip level must not be negative: " + strip);
        }
    }
}
