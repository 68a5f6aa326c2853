package io.github.dom0build.core.fetch;

import io.github.dom0build.core.BuildException;
import io.github.dom0build.core.io.Sha256;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Reads the {@code url} parameter. Its form picks the source, so that one parameter serves every
 * kind:
 * <ul>
 * <li>git: {@code git+<url>}, a URL ending in {@code .git}, {@code ssh://}, {@code git://}, scp-like
 * {@code user@host:path}, or a local path / {@code file:} URL of a repository;</li>
 * <li>archive: an {@code http://}, {@code https://} or {@code file:} URL, or a local path, of a file;</li>
 * <li>directory: a local directory that is not a repository, or any directory as {@code dir:<path>};</li>
 * <li>Debian source package: {@code apt:<name>[=<version>]}.</li>
 * </ul>
 */
public final class SourceSpecs {
    private static final Pattern SCP_LIKE = Pattern.compile("^[A-Za-z0-9._-]+@[A-Za-z0-9.-]+:.*");
    private static final Pattern COMMIT_ID = Pattern.compile("[0-9a-fA-F]{7,40}");

    private SourceSpecs() {
    }

    /**
     * @param baseDir directory that relative paths are resolved against (the project's basedir)
     */
    public static SourceSpec parse(String url, String ref, String commit, String sha256, boolean copy, Path baseDir)
            throws BuildException {
        return parse(url, ref, commit, sha256, copy, false, baseDir);
    }

    /** As above; {@code debianPatches} also unpacks Debian's packaging for {@code apt:} sources. */
    public static SourceSpec parse(String url, String ref, String commit, String sha256, boolean copy,
            boolean debianPatches, Path baseDir) throws BuildException {
        if (url == null || url.isBlank()) {
            throw new BuildException("No source given: the url parameter is empty.",
                    "set url to a git repository, an archive URL with its sha256, or a local directory");
        }
        String u = url.strip();
        String pin = blankToNull(commit);
        if (pin != null && !COMMIT_ID.matcher(pin).matches()) {
            throw new BuildException("commit '" + pin + "' is not a commit id (7 to 40 hex digits).",
                    "set commit to the full id the ref must resolve to, as `git rev-parse REF` prints it");
        }
        String lower = u.toLowerCase(Locale.ROOT);
        if (lower.startsWith("git+")) {
            return git(u.substring(4), ref, pin, sha256, baseDir);
        }
        if (lower.startsWith("apt:")) {
            return apt(u.substring(4), ref, pin, sha256, debianPatches);
        }
        if (lower.startsWith("dir:")) {
            return directory(resolve(u.substring(4), baseDir), ref, pin, sha256, copy);
        }
        if (lower.startsWith("ssh://") || lower.startsWith("git://") || SCP_LIKE.matcher(u).matches()) {
            return git(u, ref, pin, sha256, baseDir);
        }
        if (lower.startsWith("http://") || lower.startsWith("https://")) {
            URI uri = uri(u);
            if (uri.getPath() != null && uri.getPath().endsWith(".git")) {
                return git(u, ref, pin, sha256, baseDir);
            }
            return archive(uri, ref, pin, sha256, true);
        }
        Path local;
        if (lower.startsWith("file:")) {
            URI uri = uri(u);
            if (uri.getPath() == null) {
                throw new BuildException("url '" + u + "' is not a valid file: URL.", "write it as file:///absolute/path");
            }
            local = Path.of(uri.getPath());
        } else if (lower.matches("^[a-z][a-z0-9+.-]*://.*")) {
            throw new BuildException("url '" + u + "' uses a scheme dom0-build does not fetch.",
                    "use git+<url>, http(s)://, file:, dir:<path> or a local path");
        } else {
            local = resolve(u, baseDir);
        }
        if (Files.isRegularFile(local)) {
            return archive(local.toUri(), ref, pin, sha256, false);
        }
        if (Files.isDirectory(local)) {
            if (isRepository(local)) {
                return git(local.toString(), ref, pin, sha256, baseDir);
            }
            return directory(local, ref, pin, sha256, copy);
        }
        if (local.toString().endsWith(".git")) {
            throw new BuildException("url '" + u + "' names no repository: " + local + " does not exist.",
                    "check the path, or create the repository first");
        }
        throw new BuildException("url '" + u + "' is neither a URL nor an existing file or directory (" + local + ").",
                "use a git URL (git+<url> or ending in .git), an http(s)/file URL of an archive, or an existing path");
    }

    /** A work tree with {@code .git}, or a bare repository. */
    public static boolean isRepository(Path dir) {
        return Files.exists(dir.resolve(".git"))
                || (Files.isRegularFile(dir.resolve("HEAD")) && Files.isDirectory(dir.resolve("objects"))
                        && Files.isDirectory(dir.resolve("refs")));
    }

    private static SourceSpec git(String url, String ref, String pin, String sha256, Path baseDir)
            throws BuildException {
        if (blankToNull(sha256) != null) {
            throw new BuildException("sha256 is set, but " + url + " is a git source; sha256 applies to archives.",
                    "pin a git source with commit instead of sha256");
        }
        String u = url;
        if (!u.contains("://") && !SCP_LIKE.matcher(u).matches() && !u.startsWith("file:")) {
            u = resolve(u, baseDir).toString();
        }
        String r = blankToNull(ref);
        if (r == null && pin != null) {
            r = pin;
        }
        return new GitSource(u, r, pin);
    }

    private static SourceSpec archive(URI uri, String ref, String pin, String sha256, boolean remote)
            throws BuildException {
        if (blankToNull(ref) != null || pin != null) {
            throw new BuildException("ref/commit is set, but " + uri + " is an archive; they apply to git sources.",
                    "remove ref and commit, or point url at a git repository (prefix it with git+ if it does not end in .git)");
        }
        String sum = null;
        if (blankToNull(sha256) != null) {
            sum = Sha256.normalize(sha256);
            if (sum == null) {
                throw new BuildException("sha256 '" + sha256 + "' is not a SHA-256 digest (64 hex digits).",
                        "copy the digest as `sha256sum FILE` prints it");
            }
        } else if (remote) {
            throw new BuildException("No sha256 for " + uri + ": archives downloaded over http(s) must be verified.",
                    "add <sha256> with the digest of a copy you trust (sha256sum FILE), or the digest the project publishes");
        }
        return new ArchiveSource(uri, sum);
    }

    private static SourceSpec directory(Path dir, String ref, String pin, String sha256, boolean copy)
            throws BuildException {
        if (blankToNull(ref) != null || pin != null || blankToNull(sha256) != null) {
            throw new BuildException("ref/commit/sha256 is set, but " + dir + " is a plain directory.",
                    "remove them, or point url at a repository or an archive");
        }
        if (!Files.isDirectory(dir)) {
            throw new BuildException("Directory " + dir + " does not exist.", "check the path in url");
        }
        return new DirectorySource(dir.toAbsolutePath().normalize(), copy);
    }

    private static SourceSpec apt(String spec, String ref, String pin, String sha256, boolean debianPatches)
            throws BuildException {
        if (blankToNull(ref) != null || pin != null || blankToNull(sha256) != null) {
            throw new BuildException("ref/commit/sha256 is set, but apt:" + spec + " is a Debian source package;"
                    + " apt and the package's .dsc verify it.", "remove them, or give the version as apt:NAME=VERSION");
        }
        int eq = spec.indexOf('=');
        String name = (eq < 0 ? spec : spec.substring(0, eq)).strip();
        String version = eq < 0 ? null : spec.substring(eq + 1).strip();
        if (!name.matches("[a-z0-9][a-z0-9+.-]+") || (version != null && !version.matches("[A-Za-z0-9.+~:-]+"))) {
            throw new BuildException("'apt:" + spec + "' is not a Debian source package name with an optional"
                    + " version.", "write it like apt:linux=6.1.176-1 or apt:xen");
        }
        return new AptSource(name, version, debianPatches);
    }

    private static Path resolve(String path, Path baseDir) {
        Path p = Path.of(path.startsWith("~/") ? System.getProperty("user.home") + path.substring(1) : path);
        return (p.isAbsolute() || baseDir == null ? p : baseDir.resolve(p)).toAbsolutePath().normalize();
    }

    private static URI uri(String u) throws BuildException {
        try {
            return new URI(u);
        } catch (URISyntaxException e) {
            throw new BuildException("url '" + u + "' is not a valid URL: " + e.getMessage(),
                    "percent-encode spaces and special characters in the URL");
        }
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
