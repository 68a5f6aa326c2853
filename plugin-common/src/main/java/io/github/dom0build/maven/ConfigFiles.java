package io.github.dom0build.maven;

import io.github.dom0build.core.BuildException;
import io.github.dom0build.core.distroconfig.ConfigFileSpec;
import io.github.dom0build.core.distroconfig.RunningKernelConfig;
import io.github.dom0build.core.fetch.download.DownloadCache;
import io.github.dom0build.core.fetch.download.HttpDownloader;
import io.github.dom0build.core.net.ProxySelection;
import io.github.dom0build.core.io.Sha256;
import io.github.dom0build.core.log.BuildLog;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.project.MavenProject;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.resolution.ArtifactRequest;
import org.eclipse.aether.resolution.ArtifactResolutionException;

/**
 * Turns {@code configFile} (a path, an https URL with its sha256, Maven coordinates; for the kernel also
 * {@code running}) into a local file: one behaviour for kernel:defconfig and xen:defconfig.
 */
final class ConfigFiles {
    private final MavenSession session;
    private final MavenProject project;
    private final RepositorySystem repositories;
    private final BuildLog log;

    ConfigFiles(MavenSession session, MavenProject project, RepositorySystem repositories, BuildLog log) {
        this.session = session;
        this.project = project;
        this.repositories = repositories;
        this.log = log;
    }

    /**
     * @param scratch where an unpacked {@code /proc/config.gz} goes
     * @param cache the download cache for URLs
     */
    Path resolve(ConfigFileSpec spec, Path scratch, Path cache, ProxySelection proxies) throws BuildException {
        UnpinnedInputWarning.warn(session, log, spec.unpinned(System.getProperty("java.io.tmpdir")),
                "a build made from another configuration");
        Path file = switch (spec.kind()) {
            case RUNNING -> RunningKernelConfig.locate(Path.of("/"), RunningKernelConfig.release(), scratch);
            case URL -> new DownloadCache(cache, log).get(URI.create(spec.value()), spec.sha256(),
                    new HttpDownloader(proxies, Duration.ofSeconds(30), Duration.ofSeconds(60), log, false),
                    session.isOffline());
            case ARTIFACT -> artifact(spec.value());
            case FILE -> project.getBasedir().toPath().resolve(spec.value());
        };
        if (spec.kind() != ConfigFileSpec.Kind.URL && spec.sha256() != null && Files.isRegularFile(file)) {
            try {
                String actual = Sha256.of(file);
                if (!actual.equals(spec.sha256())) {
                    throw new BuildException("configFile " + file + " has sha256 " + actual + ", but configFileSha256 is "
                            + spec.sha256() + ".", "check that this is the configuration you meant, then update"
                                    + " configFileSha256 (or remove it)");
                }
            } catch (IOException e) {
                throw new BuildException("Cannot read configFile " + file + ": " + e.getMessage(),
                        "check its permissions", e);
            }
        }
        log.info("Base configuration: " + file + (spec.kind() == ConfigFileSpec.Kind.FILE ? ""
                : " (configFile " + spec.value() + ")"));
        return file;
    }

    // g:a:v[:extension[:classifier]], as dependency:get takes it; the extension defaults to "config".
    private Path artifact(String coordinates) throws BuildException {
        String[] p = coordinates.split(":");
        String extension = p.length > 3 ? p[3] : "config";
        String classifier = p.length > 4 ? p[4] : "";
        DefaultArtifact a = new DefaultArtifact(p[0], p[1], classifier, extension, p[2]);
        try {
            return repositories.resolveArtifact(session.getRepositorySession(),
                    new ArtifactRequest(a, project.getRemoteProjectRepositories(), null)).getArtifact().getFile().toPath();
        } catch (ArtifactResolutionException e) {
            throw new BuildException("Cannot resolve the configuration " + a + ": " + e.getMessage(),
                    "check the coordinates (groupId:artifactId:version[:extension[:classifier]], extension config by"
                            + " default) and that the repository holding it is in the POM or settings.xml"
                            + (session.isOffline() ? " (offline: only the local repository is read)" : ""), e);
        }
    }
}
