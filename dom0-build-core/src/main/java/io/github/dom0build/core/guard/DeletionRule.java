package io.github.dom0build.core.guard;

import io.github.dom0build.core.BuildException;
import io.github.dom0build.core.io.FileTrees;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;

/**
 * What a goal may delete or replace: a directory under the project's build directory, one that carries
 * dom0-build's marker (written when dom0-build made it), or one that is missing or empty, so nothing is
 * lost. Never {@code /}, the user's home, a system directory, or a directory that holds the project. The
 * check comes before anything is deleted; a refusal names the path, the parameter and why.
 */
public final class DeletionRule {
    /** The file dom0-build leaves in a directory it made outside the build directory. */
    public static final String MARKER = ".dom0-build-owned";

    private static final List<String> SYSTEM = List.of("/bin", "/boot", "/dev", "/etc", "/home", "/lib", "/lib32",
            "/lib64", "/media", "/mnt", "/opt", "/proc", "/root", "/run", "/sbin", "/srv", "/sys", "/tmp", "/usr",
            "/var", "/usr/local", "/var/tmp");

    private final Path buildDirectory;

    /** @param buildDirectory the project's build directory ({@code target/}), where everything may go */
    public DeletionRule(Path buildDirectory) {
        this.buildDirectory = real(buildDirectory);
    }

    /** A rule for code that has no project: only directories dom0-build marked, or empty ones. */
    public static DeletionRule withoutBuildDirectory() {
        return new DeletionRule(null);
    }

    /**
     * Deletes {@code dir} (a tree, a link or nothing) if the rule allows it, else fails before anything
     * is deleted. {@code parameter} is the goal parameter that named it, for the message.
     */
    public void delete(Path dir, String parameter) throws BuildException, IOException {
        check(dir, parameter);
        FileTrees.deleteRecursively(dir);
    }

    /** Deletes {@code dir} as {@link #delete}, then creates it empty, marked when outside the build directory. */
    public void recreate(Path dir, String parameter) throws BuildException, IOException {
        delete(dir, parameter);
        Files.createDirectories(dir);
        markIfOutside(dir);
    }

    /** Leaves the marker in {@code dir} when it lies outside the build directory, so a later run may replace it. */
    public void markIfOutside(Path dir) throws IOException {
        if (!underBuildDirectory(real(dir))) {
            Path marker = dir.resolve(MARKER);
            if (!Files.exists(marker, LinkOption.NOFOLLOW_LINKS)) {
                Files.writeString(marker, "made by dom0-build; it may delete and recreate this directory\n",
                        StandardCharsets.UTF_8);
            }
        }
    }

    /** Fails unless the rule allows deleting {@code dir}. */
    public void check(Path dir, String parameter) throws BuildException {
        Path p = real(dir);
        String why = forbidden(p);
        if (why != null) {
            throw refused(dir, parameter, why, false);
        }
        if (underBuildDirectory(p) || !Files.exists(dir, LinkOption.NOFOLLOW_LINKS)
                || Files.isRegularFile(dir.resolve(MARKER), LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try {
            if (FileTrees.isMissingOrEmpty(dir)) {
                return;
            }
        } catch (IOException e) {
            // unreadable: treat as not ours
        }
        throw refused(dir, parameter, "it is not under this project's build directory"
                + (buildDirectory == null ? "" : " (" + buildDirectory + ")") + " and carries no " + MARKER
                + " marker, so dom0-build did not make it", true);
    }

    /** The reason {@code p} may never be deleted, or null. */
    private String forbidden(Path p) {
        if (p.getNameCount() == 0) {
            return "it is the root directory";
        }
        Path home = real(Path.of(System.getProperty("user.home")));
        if (home.startsWith(p)) {
            return p.equals(home) ? "it is the user's home directory" : "it holds the user's home directory";
        }
        for (String s : SYSTEM) {
            if (p.equals(Path.of(s))) {
                return "it is the system directory " + s;
            }
        }
        if (buildDirectory != null && buildDirectory.startsWith(p)) {
            return "it holds this project's build directory " + buildDirectory;
        }
        return null;
    }

    private boolean underBuildDirectory(Path p) {
        return buildDirectory != null && p.startsWith(buildDirectory) && !p.equals(buildDirectory);
    }

    private static BuildException refused(Path dir, String parameter, String why, boolean canTakeOver) {
        return new BuildException("Refusing to delete " + dir + " (" + parameter + "): " + why + ". Nothing was"
                + " deleted.", canTakeOver ? "point " + parameter + " at a directory under target/ (the default) or"
                        + " at a new one; to let dom0-build take this one over, empty it yourself first"
                        : "point " + parameter + " at a directory under target/ (the default)");
    }

    /** The absolute path with its existing part resolved, so that a link cannot disguise where it is. */
    static Path real(Path p) {
        if (p == null) {
            return null;
        }
        Path abs = p.toAbsolutePath().normalize();
        Path existing = abs;
        Path rest = abs.getFileSystem().getPath("");
        while (existing != null && !Files.exists(existing)) {
            rest = existing.getFileName().resolve(rest);
            existing = existing.getParent();
        }
        if (existing == null) {
            return abs;
        }
        try {
            return existing.toRealPath().resolve(rest).normalize();
        } catch (IOException e) {
            return abs;
        }
    }
}
