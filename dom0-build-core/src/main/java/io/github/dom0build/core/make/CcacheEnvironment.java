package io.github.dom0build.core.make;

import io.github.dom0build.core.BuildException;
import io.github.dom0build.core.text.Urls;
import java.util.Map;
import java.util.Set;

/**
 * What ccache reads from make's environment to share its results between machines: the remote storage
 * ({@code CCACHE_REMOTE_STORAGE}, ccache 4.4 and later: {@code http://}, {@code redis://} or {@code file:}
 * URLs, several separated by spaces). A remote storage in the user's own ccache configuration
 * (ccache.conf's {@code remote_storage}) works without it: ccache reads that itself. No CCACHE_BASEDIR:
 * ccache would then hand the compiler relative paths, which kbuild's {@code -fmacro-prefix-map} of the
 * absolute source tree no longer strips, so the binaries would differ from a build without ccache;
 * runners share results when they build at the same path, as CI checkouts do.
 */
public final class CcacheEnvironment {
    public static final String REMOTE_STORAGE = "CCACHE_REMOTE_STORAGE";

    /** Variables that say where this machine keeps things or how it logs in: never in the metadata. */
    public static final Set<String> MACHINE_ONLY = Set.of(REMOTE_STORAGE, "CCACHE_DIR");

    private CcacheEnvironment() {
    }

    /**
     * The variables to add for {@code launcher}: CCACHE_REMOTE_STORAGE when {@code remoteStorage} is given,
     * which only ccache reads.
     */
    public static Map<String, String> of(CompilerLauncher launcher, String remoteStorage) throws BuildException {
        boolean remote = remoteStorage != null && !remoteStorage.isBlank();
        if (!"ccache".equals(launcher.name())) {
            if (remote) {
                throw new BuildException("ccacheRemoteStorage is set, but the compiler launcher is "
                        + launcher.name() + ", so nothing would read it.",
                        "set compilerLauncher=ccache, or remove ccacheRemoteStorage");
            }
            return Map.of();
        }
        if (!remote) {
            return Map.of();
        }
        for (String url : remoteStorage.strip().split("\\s+")) {
            checkUrl(url);
        }
        return Map.of(REMOTE_STORAGE, remoteStorage.strip());
    }

    private static void checkUrl(String url) throws BuildException {
        String scheme = url.contains(":") ? url.substring(0, url.indexOf(':')) : "";
        if (!Set.of("http", "https", "redis", "rediss", "file").contains(scheme)) {
            throw new BuildException("ccacheRemoteStorage '" + Urls.redact(url)
                    + "' is not a ccache remote storage URL.",
                    "give http://host:port/path, redis://host, or file:/directory (ccache's remote_storage"
                            + " syntax; attributes follow the URL after a |)");
        }
    }
}
