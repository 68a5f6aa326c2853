package io.github.dom0build.maven;

import io.github.dom0build.core.BuildException;
import io.github.dom0build.core.patch.PatchApplier;
import io.github.dom0build.core.patch.PatchOptions;
import io.github.dom0build.core.patch.PatchResult;
import io.github.dom0build.core.patch.PatchSeries;
import java.io.File;
import java.nio.file.Files;
import java.util.List;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Applies a patch series to the source tree, all or nothing. The series is a quilt {@code series}
 * file, an explicit list, or a directory taken in name order. Each patch is a unified diff (strip
 * level {@code strip}) or a {@code git format-patch} mail file with one or more messages; git renames,
 * new and deleted files and mode changes are handled. In a git checkout each patch becomes a commit,
 * with the mail's author, date and message (like {@code git am}, and with the author as committer, so
 * the same series on the same commit always gives the same commit ids).
 *
 * <p>If any patch fails, the tree is left exactly as it was and the error names the patch, the file and
 * the hunk. The tree records the series it carries: a rerun applies nothing, a series that extends the
 * applied one applies only the new patches, and any other series is refused with how to start over.
 */
@Mojo(name = "patch", defaultPhase = LifecyclePhase.GENERATE_SOURCES, threadSafe = true)
public class PatchMojo extends AbstractSourceMojo {
    /**
     * A quilt {@code series} file: one patch per line, relative to the file's directory, with an
     * optional {@code -pN} after the name; {@code #} starts a comment.
     */
    @Parameter(property = GoalPrefix.NAME + ".series")
    private File series;

    /** The patches, in order; on the command line comma-separated. */
    @Parameter(property = GoalPrefix.NAME + ".patches")
    private List<File> patches;

    /**
     * A directory of patches, applied in file name order ({@code 0001-...}, {@code 0002-...}); hidden
     * files, {@code series} and README files are ignored.
     */
    @Parameter(property = GoalPrefix.NAME + ".patchDirectory")
    private File patchDirectory;

    /** Leading path components to strip from file names in the patches ({@code patch -pN}). */
    @Parameter(property = GoalPrefix.NAME + ".strip", defaultValue = "1")
    private int strip;

    /**
     * Context lines a hunk may ignore at its start and end when the tree has drifted (GNU patch's fuzz
     * factor). 0 applies only exact context, as {@code git am} does.
     */
    @Parameter(property = GoalPrefix.NAME + ".fuzz", defaultValue = "0")
    private int fuzz;

    /** In a git checkout, turn each patch into a commit (otherwise the changes stay uncommitted). */
    @Parameter(property = GoalPrefix.NAME + ".gitCommits", defaultValue = "true")
    private boolean gitCommits;

    /**
     * The author of commits made from plain diffs, which carry none, as {@code Name <email>}. Mail
     * patches keep their own authors.
     */
    @Parameter(property = GoalPrefix.NAME + ".patchAuthor", defaultValue = "dom0-build <dom0-build@localhost>")
    private String patchAuthor;

    @Override
    protected void run() throws BuildException {
        PatchSeries s = seriesToApply();
        if (s == null) {
            getLog().info("No patches configured (series, patches or patchDirectory); nothing to apply");
            return;
        }
        if (!Files.isDirectory(sourceDirectory.toPath())) {
            throw new BuildException("The source directory " + sourceDirectory + " does not exist.",
                    "run the fetch goal first, or point sourceDirectory at the tree");
        }
        PatchOptions options = PatchOptions.defaults().withFuzz(Math.max(0, fuzz)).withCommit(gitCommits)
                .withDefaultDate(timestamp());
        String[] author = parseAuthor(patchAuthor);
        options = options.withDefaultAuthor(author[0], author[1]);
        PatchResult r = new PatchApplier(buildLog()).apply(sourceDirectory.toPath(), s, options);
        if (!r.alreadyApplied()) {
            getLog().info("Applied " + r.applied().size() + " patch(es) to " + sourceDirectory
                    + (r.skipped() > 0 ? " (" + r.skipped() + " were already applied)" : ""));
        }
    }

    private PatchSeries seriesToApply() throws BuildException {
        int given = (series != null ? 1 : 0) + (patches != null && !patches.isEmpty() ? 1 : 0)
                + (patchDirectory != null ? 1 : 0);
        if (given > 1) {
            throw new BuildException("More than one of series, patches and patchDirectory is set.",
                    "give the patch series one way only");
        }
        if (strip < 0) {
            throw new BuildException("strip is " + strip + "; it cannot be negative.", "set strip to 0 or more");
        }
        if (series != null) {
            return PatchSeries.fromSeriesFile(series.toPath(), strip);
        }
        if (patchDirectory != null) {
            return PatchSeries.fromDirectory(patchDirectory.toPath(), strip);
        }
        if (patches != null && !patches.isEmpty()) {
            return PatchSeries.fromList(patches.stream().map(File::toPath).toList(), strip);
        }
        return null;
    }

    static String[] parseAuthor(String value) throws BuildException {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\s*(.*?)\\s*<([^<>\\s]+)>\\s*").matcher(value);
        if (!m.matches() || m.group(1).isEmpty()) {
            throw new BuildException("patchAuthor '" + value + "' is not of the form Name <email>.",
                    "write it like Jane Doe <jane@example.org>");
        }
        return new String[] {m.group(1), m.group(2)};
    }
}
