package io.github.dom0build.core.fetch;

import io.github.dom0build.core.fetch.download.HttpDownloader;
import io.github.dom0build.core.net.ProxySelection;
import io.github.dom0build.core.fetch.extract.ExtractionLimits;
import io.github.dom0build.core.guard.DeletionRule;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Everything a fetch needs besides the source: where the tree goes, the shared download cache, and the
 * build's settings (offline, proxies, whether a person watches the log).
 */
public record FetchRequest(SourceSpec source, Path target, Path cacheDirectory, boolean offline, boolean force,
        boolean shallow, boolean interactive, ProxySelection proxies, ExtractionLimits limits, Duration connectTimeout,
        Duration readTimeout, long maxDownloadSize, DeletionRule deletionRule) {
    /** The default bound on one download: see {@link HttpDownloader#DEFAULT_MAX_BYTES}. */
    public static final long DEFAULT_MAX_DOWNLOAD_SIZE = HttpDownloader.DEFAULT_MAX_BYTES;

    public static Builder builder(SourceSpec source, Path target) {
        return new Builder(source, target);
    }

    public static final class Builder {
        private final SourceSpec source;
        private final Path target;
        private Path cacheDirectory = Path.of(System.getProperty("user.home"), ".cache", "dom0-build", "downloads");
        private boolean offline;
        private boolean force;
        private boolean shallow = true;
        private boolean interactive;
        private ProxySelection proxies = ProxySelection.none();
        private ExtractionLimits limits = ExtractionLimits.DEFAULT;
        private Duration connectTimeout = Duration.ofSeconds(30);
        private Duration readTimeout = Duration.ofSeconds(60);
        private long maxDownloadSize = DEFAULT_MAX_DOWNLOAD_SIZE;
        private DeletionRule deletionRule = DeletionRule.withoutBuildDirectory();

        private Builder(SourceSpec source, Path target) {
            this.source = source;
            this.target = target;
        }

        public Builder cacheDirectory(Path dir) {
            this.cacheDirectory = dir;
            return this;
        }

        public Builder offline(boolean b) {
            this.offline = b;
            return this;
        }

        public Builder force(boolean b) {
            this.force = b;
            return this;
        }

        public Builder shallow(boolean b) {
            this.shallow = b;
            return this;
        }

        public Builder interactive(boolean b) {
            this.interactive = b;
            return this;
        }

        public Builder proxies(ProxySelection p) {
            this.proxies = p;
            return this;
        }

        public Builder limits(ExtractionLimits l) {
            this.limits = l;
            return this;
        }

        public Builder connectTimeout(Duration d) {
            this.connectTimeout = d;
            return this;
        }

        public Builder readTimeout(Duration d) {
            this.readTimeout = d;
            return this;
        }

        public Builder maxDownloadSize(long bytes) {
            this.maxDownloadSize = bytes;
            return this;
        }

        /** What a forced fetch may replace: see {@link DeletionRule}. */
        public Builder deletionRule(DeletionRule rule) {
            this.deletionRule = rule;
            return this;
        }

        public FetchRequest build() {
            return new FetchRequest(source, target.toAbsolutePath().normalize(), cacheDirectory, offline, force,
                    shallow, interactive, proxies, limits, connectTimeout, readTimeout, maxDownloadSize,
                    deletionRule);
        }
    }
}
