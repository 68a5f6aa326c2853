package io.github.dom0build.maven;

import io.github.dom0build.core.fetch.CacheKeyPinning;
import io.github.dom0build.core.log.BuildLog;
import java.io.File;
import java.util.Optional;
import java.util.Set;
import org.apache.maven.execution.MavenSession;

/**
 * The warning for an input that a configured build cache cannot see: it keys a module before any goal
 * runs, so an input named by where it is rather than what it is gives the same key for other contents.
 */
final class UnpinnedInputWarning {
    private UnpinnedInputWarning() {
    }

    /** Goals whose work is never part of a cached build: checks, and what runs always or never in one. */
    private static final Set<String> OUTSIDE_A_CACHED_BUILD = Set.of("deps", "install", "uninstall", "help");

    /** Warns with {@code why} (what is unpinned, and how to pin it) when a build cache is configured. */
    static void warn(MavenSession session, BuildLog log, Optional<String> why, String restores) {
        if (why.isPresent() && cacheConfigured(session)) {
            log.warn("The build cache (.mvn/maven-build-cache-config.xml) keys this module on its POM and files, but "
                    + why.get() + "; otherwise it restores " + restores + ".");
        }
    }

    /**
     * Warns when {@code -D<property>} alone (no POM passes it to the goal's {@code skip}) skips a goal whose
     * work a cached build holds: the property is in no key, so the build would be saved as if the goal had
     * run, and restored later for a build that runs it.
     */
    static void warnSkipped(MavenSession session, BuildLog log, String goal, String property) {
        if (OUTSIDE_A_CACHED_BUILD.contains(goal) || !session.getUserProperties().containsKey(property)
                || "true".equals(session.getUserProperties().getProperty("maven.build.cache.skipSave"))
                || !cacheConfigured(session)) {
            return;
        }
        log.warn("-D" + property + " skips " + goal + ", but it is in no build cache key (the POM does not pass it"
                + " to <skip>): this module's build would be saved as if " + goal + " had run. Add"
                + " -Dmaven.build.cache.skipSave=true, or name <skip>${" + property + "}</skip> in the goal's"
                + " execution.");
    }

    private static boolean cacheConfigured(MavenSession session) {
        File root = session.getRequest().getMultiModuleProjectDirectory();
        return CacheKeyPinning.buildCacheConfigured(root == null ? null : root.toPath(),
                session.getUserProperties().getProperty("maven.build.cache.enabled"));
    }
}
