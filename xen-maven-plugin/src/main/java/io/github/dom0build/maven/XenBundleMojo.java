package io.github.dom0build.maven;

import io.github.dom0build.core.BuildException;
import io.github.dom0build.core.dist.DistPackager;
import io.github.dom0build.core.dist.Dom0Bundle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.apache.maven.project.MavenProjectHelper;

/**
 * Archives the assembled dom0 root (after assemble, and systemd-enable and grub-update if bound) as one
 * bit-reproducible {@code <finalName>-dom0.tar.gz}, with a {@code <finalName>-dom0.json} that embeds
 * the metadata of every part (kernel and Xen: sources, patches, config, tools) and lists every file of
 * the bundle with its sha256. Both are attached to the project, with a CycloneDX SBOM
 * ({@code <finalName>-cyclonedx.json}) that nests each part with the source, patches, toolchain and
 * configuration its own SBOM names, and lists every file of the bundle.
 */
@Mojo(name = "bundle", defaultPhase = LifecyclePhase.PACKAGE, threadSafe = true,
        requiresDependencyResolution = ResolutionScope.RUNTIME)
public class XenBundleMojo extends AbstractBundleMojo {
    /** The classifier of the attached bundle and its metadata. */
    @Parameter(property = "xen.bundleClassifier", defaultValue = "dom0", required = true)
    private String bundleClassifier;

    /**
     * Writes a CycloneDX 1.6 SBOM of the bundle beside it, {@code <finalName>-<bundleSbomClassifier>.json},
     * and attaches it (type {@code json}): each part (kernel, Xen) with its archive's sha256 and the source,
     * patch, tool and configuration components of its own SBOM, then every file of the bundle. Independent of dist's {@code sbom}, as
     * the bundle's classifiers are of dist's. Example: {@code -Dxen.bundleSbom=false} to leave it out.
     */
    @Parameter(property = "xen.bundleSbom", defaultValue = "true")
    private boolean bundleSbom;

    /**
     * The classifier of the attached SBOM. {@code cyclonedx} is the ecosystem's convention, which SBOM
     * tools look for; a project that makes two dists needs two, e.g.
     * {@code <bundleSbomClassifier>dom0-cyclonedx</bundleSbomClassifier>}.
     */
    @Parameter(property = "xen.bundleSbomClassifier", defaultValue = "cyclonedx", required = true)
    private String bundleSbomClassifier;

    @Component
    private MavenProjectHelper projectHelper;

    @Override
    protected void run() throws BuildException {
        if (!Files.isDirectory(bundleRoot.toPath())) {
            throw new BuildException("Nothing to bundle: " + bundleRoot + " does not exist.",
                    "bind the assemble goal before bundle (prepare-package)");
        }
        List<Dom0Bundle.Part> parts = BundleParts.resolve(project, session, repositorySystem, bundleParts);
        Path archive = DistArtifacts.archiveFile(project, bundleClassifier);
        Path metadata = DistArtifacts.metadataFile(project, bundleClassifier);
        Instant ts = timestamp();
        DistPackager.Packaged p = new Dom0Bundle(buildLog()).pack(bundleRoot.toPath(), parts, project.getVersion(),
                Dom0Bundle.recipe(archive, metadata, ts, project.getId()));
        DistArtifacts.attach(project, projectHelper, bundleClassifier, p.archive(), p.metadata(), null);
        if (bundleSbom) {
            DistArtifacts.attachSbom(project, projectHelper, bundleSbomClassifier, bundleClassifier, p.metadata(), ts,
                    mojoExecution, getLog());
        }
    }
}
