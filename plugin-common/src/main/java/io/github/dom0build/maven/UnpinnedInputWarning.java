package io.github.dom0build.maven;

import io.github.dom0build.core.fetch.CacheKeyPinning;
import io.github.dom0build.core.log.BuildLog;
import java.io.File;
import java.util.Optional;
import org.apache.maven.execution.MavenSession;

/**
 * The warning for an input that a configured build cache cannot see: it keys a module before any goal
 * runs, so an input named by where it is rather than what it is gives the same key for other contents.
 */
final class UnpinnedInputWarning {
    private UnpinnedInputWarning() {
    }

    /** Warns with {@code why} (what is unpinned, and how to pin it) when a build cache is configured. */
    static void warn(MavenSession session, BuildLog log, Optional<String> why, String restores) {
        File root = session.getRequest().getMultiModuleProjectDirectory();
        if (why.isPresent() && CacheKeyPinning.buildCacheConfigured(root == null ? null : root.toPath(),
                session.getUserProperties().getProperty("maven.build.cache.enabled"))) {
            log.warn("The build cache (.mvn/maven-build-cache-config.xml) keys this module on its POM and files, but "
                    + why.get() + "; otherwise it restores " + restores + ".");
        }
    }
}
