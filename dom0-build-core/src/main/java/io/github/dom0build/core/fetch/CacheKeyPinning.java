package io.github.dom0build.core.fetch;

import io.github.dom0build.core.text.Urls;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Whether a source is named by what it is or by where it is. A build cache such as Apache's Maven build
 * cache extension keys a module on its POM and files, before any goal runs: a source named by a moving
 * name (a git branch, an apt package without a version) gives the same key for another tree, and the cache
 * restores a build of the old one; a directory outside the project it hashes file by file on every build,
 * without the hidden ones.
 */
public final class CacheKeyPinning {
    /** The configuration file of the build cache extension, under the multi-module root's .mvn. */
    static final String CACHE_CONFIG = ".mvn/maven-build-cache-config.xml";

    private CacheKeyPinning() {
    }

    /**
     * Why {@code source} (the url parameter {@code spelledAs}) does not pin its tree, and how to pin it;
     * empty when the parameters name the tree itself (a commit, a sha256, an exact package version, a
     * directory inside {@code projectDir} named by a plain path). {@code tmpDir}: Java's temporary directory,
     * which the cache does not read.
     */
    public static Optional<String> unpinned(SourceSpec source, String spelledAs, Path projectDir, String tmpDir) {
        if (source instanceof GitSource g) {
            return g.commitPin() != null || isCommitId(g.ref()) ? Optional.empty()
                    : Optional.of("the git source " + g.shownUrl() + (g.ref() == null ? " (default branch)"
                            : " at " + g.ref()) + " names a ref that moves; set <commit> to the commit to build");
        }
        if (source instanceof AptSource a) {
            return a.version() != null ? Optional.empty()
                    : Optional.of("the source apt:" + a.packageName() + " has no version, so it is whatever the"
                            + " mirror has today; name it as apt:" + a.packageName() + "=<version>");
        }
        if (source instanceof ArchiveSource a) {
            return a.sha256() != null ? Optional.empty()
                    : Optional.of("the archive " + Urls.redact(a.uri().toString()) + " has no sha256; set <sha256>");
        }
        DirectorySource d = (DirectorySource) source;
        if (!readsAsPath(spelledAs, tmpDir)) {
            return Optional.of("the directory " + d.path() + " is named as a URL or lies under the temporary"
                    + " directory, which the cache does not read, so its files are in no key; name it by a plain"
                    + " path elsewhere, or use an archive with its sha256 or a git commit");
        }
        return d.path().toAbsolutePath().normalize().startsWith(projectDir.toAbsolutePath().normalize())
                ? Optional.empty()
                : Optional.of("the directory " + d.path() + " is outside the project: the cache hashes the files"
                        + " of a directory the POM names on every build, slowly for a source tree, and leaves hidden"
                        + " ones such as .config out; use an archive with its sha256 or a git commit");
    }

    /**
     * True when the multi-module root has a build cache configuration and the cache is not switched off
     * ({@code -Dmaven.build.cache.enabled=false}).
     */
    public static boolean buildCacheConfigured(Path multiModuleRoot, String enabledProperty) {
        return multiModuleRoot != null && Files.isRegularFile(multiModuleRoot.resolve(CACHE_CONFIG))
                && !"false".equalsIgnoreCase(enabledProperty);
    }

    /**
     * Whether the build cache extension (1.2.1) reads a parameter's value as a path to hash: not a URL or
     * anything else with a colon, not under Java's temporary directory.
     */
    public static boolean readsAsPath(String value, String tmpDir) {
        if (value == null || value.isBlank()) {
            return false;
        }
        boolean colon = value.contains(":") && !value.contains(":\\");
        return !colon && (tmpDir == null || tmpDir.isEmpty() || !value.startsWith(tmpDir));
    }

    private static boolean isCommitId(String ref) {
        return ref != null && ref.matches("[0-9a-fA-F]{40}|[0-9a-fA-F]{64}");
    }
}
