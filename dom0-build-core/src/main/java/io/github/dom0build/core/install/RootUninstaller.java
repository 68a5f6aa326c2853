package io.github.dom0build.core.install;

import io.github.dom0build.core.BuildException;
import io.github.dom0build.core.io.Sha256;
import io.github.dom0build.core.log.BuildLog;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Takes an install back out of a root, from its manifest: every file and link the install put there is
 * removed if it is still what was installed; one changed since (an edited configuration file, a
 * binary another package replaced) is kept, with a warning naming it; the directories the install
 * created are removed when they are empty again. The manifest (with the notes beside it) goes only when
 * every file is gone, so an interrupted uninstall is finished by running it again. Links are resolved inside the root, as for
 * installs.
 */
public final class RootUninstaller {
    /** What was removed, what was kept because it changed, and what was already gone. */
    public record Result(List<String> removed, List<String> kept, List<String> missing, List<String> files) {
    }

    private final BuildLog log;

    public RootUninstaller(BuildLog log) {
        this.log = log;
    }

    /** The paths (as on the machine) the manifest of {@code name} lists; fails when there is none. */
    public List<InstallManifest.Line> manifest(TargetRoot root, String name) throws BuildException {
        Path file = manifestFile(root, name);
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            throw new BuildException("Nothing of " + name + " is installed in " + root.describe() + ": there is no "
                    + "manifest var/lib/dom0-build/" + name + ".manifest.", "check root and the installation's name"
                            + " (install names it <artifactId>-kernel or <artifactId>-xen); ls " + file.getParent());
        }
        try {
            return InstallManifest.parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new BuildException("Cannot read the manifest " + file + ": " + e.getMessage(),
                    "restore it from a backup, or remove the files it named by hand", e);
        }
    }

    public Result uninstall(TargetRoot root, String name, boolean dryRun) throws BuildException {
        List<InstallManifest.Line> lines = manifest(root, name);
        List<String> removed = new ArrayList<>();
        List<String> kept = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        List<String> files = new ArrayList<>();
        String verb = dryRun ? "would remove " : "remove ";
        try {
            for (InstallManifest.Line l : lines) {
                if (l.directory()) {
                    continue;
                }
                files.add(l.path());
                Path p = root.resolve(l.path().substring(1));
                if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
                    missing.add(l.path());
                    continue;
                }
                if (!unchanged(l, p)) {
                    kept.add(l.path());
                    log.warn("Keeping " + l.path() + ": it changed since " + name + " installed it");
                    continue;
                }
                log.info("  " + verb + l.path());
                if (!dryRun) {
                    Files.delete(p);
                }
                removed.add(l.path());
            }
            List<InstallManifest.Line> dirs = new ArrayList<>(lines.stream().filter(InstallManifest.Line::directory)
                    .toList());
            dirs.sort(Comparator.comparing(InstallManifest.Line::path).reversed()); // children first
            if (!dryRun) {
                // The files are gone: the manifest and its notes go, then the directories the installs
                // created, the records directory among them, when they are empty.
                Files.delete(manifestFile(root, name));
                for (String kind : InstallManifest.NOTE_KINDS) {
                    Files.deleteIfExists(InstallManifest.noteFor(root, name, kind));
                }
                for (InstallManifest.Line d : dirs) {
                    Path p = root.resolve(d.path().substring(1));
                    if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                        removeIfEmpty(p, d.path(), removed);
                    }
                }
            }
        } catch (IOException e) {
            throw new BuildException("Uninstalling " + name + " from " + root.describe() + " failed: " + e.getMessage()
                    + ". The manifest is still there.", "fix the cause and run the uninstall again: it goes on where"
                            + " it stopped", e);
        }
        log.info((dryRun ? "Dry run: " : "") + removed.size() + " path(s) " + (dryRun ? "would be " : "")
                + "removed from " + root.describe() + (kept.isEmpty() ? "" : ", " + kept.size() + " changed and kept")
                + (missing.isEmpty() ? "" : ", " + missing.size() + " already gone"));
        return new Result(removed, kept, missing, files);
    }

    private void removeIfEmpty(Path p, String shown, List<String> removed) throws IOException {
        try {
            Files.delete(p);
            removed.add(shown);
            log.info("  remove " + shown + "/");
        } catch (DirectoryNotEmptyException e) {
            log.info("  keep " + shown + "/ (it holds files the install did not put there)");
        }
    }

    private static boolean unchanged(InstallManifest.Line l, Path p) throws IOException {
        if (l.linkTarget() != null) {
            return Files.isSymbolicLink(p) && Files.readSymbolicLink(p).toString().equals(l.linkTarget());
        }
        return Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) && Sha256.of(p).equals(l.sha256());
    }

    private static Path manifestFile(TargetRoot root, String name) throws BuildException {
        try {
            return InstallManifest.fileFor(root, name);
        } catch (IOException e) {
            throw new BuildException("Cannot find the install records in " + root.describe() + ": " + e.getMessage(),
                    "replace that symbolic link in the root by a directory", e);
        }
    }
}
