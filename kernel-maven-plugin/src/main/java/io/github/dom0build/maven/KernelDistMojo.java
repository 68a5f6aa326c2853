package io.github.dom0build.maven;

import io.github.dom0build.core.BuildException;
import io.github.dom0build.core.dist.DistPackager;
import io.github.dom0build.core.dist.DistRecipe;
import io.github.dom0build.core.dist.KernelDist;
import io.github.dom0build.core.kernel.KernelTree;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProjectHelper;

/**
 * Packages the built kernel as a dom0 artifact. The stage holds {@code boot/vmlinuz-<release>},
 * {@code boot/System.map-<release>} and {@code boot/config-<release>} (the config is what grub's
 * 20_linux_xen checks for {@code CONFIG_XEN_DOM0=y}), laid out as Debian's installkernel does on every
 * build host, and the modules from {@code make modules_install} when the kernel has them. The stage
 * becomes a bit-reproducible {@code <finalName>-kernel.tar.gz} and a {@code <finalName>-kernel.json}
 * with the source identity, patches, config digest and audit, tool versions, make variables, release
 * and the sha256 of every file; both are attached to the project, with a CycloneDX SBOM made from the
 * metadata ({@code <finalName>-cyclonedx.json}, see {@code sbom}). The stage is
 * {@code ${project.build.directory}/kernel-stage}, recreated on every run; install reads it there.
 */
@Mojo(name = "dist", defaultPhase = LifecyclePhase.PACKAGE, threadSafe = true)
public class KernelDistMojo extends AbstractKernelMojo {
    /** The classifier of the attached archive and metadata. */
    @Parameter(property = "kernel.classifier", defaultValue = "kernel", required = true)
    private String classifier;

    /**
     * Writes a CycloneDX 1.6 SBOM of the archive beside it, {@code <finalName>-<sbomClassifier>.json}, and
     * attaches it (type {@code json}) as cyclonedx-maven-plugin does: the source with its package URL, each
     * patch, the toolchain (with the Debian packages it came from), the configuration with the audited
     * options, and every file with its sha256. Made from the metadata, so it is as reproducible as the
     * archive. Example: {@code <sbom>false</sbom>} or {@code -Dkernel.sbom=false} to leave it out.
     */
    @Parameter(property = "kernel.sbom", defaultValue = "true")
    private boolean sbom;

    /**
     * The classifier of the attached SBOM. {@code cyclonedx} is the ecosystem's convention, which SBOM
     * tools look for; a project that makes two dists needs two, e.g.
     * {@code <sbomClassifier>kernel-cyclonedx</sbomClassifier>}.
     */
    @Parameter(property = "kernel.sbomClassifier", defaultValue = "cyclonedx", required = true)
    private String sbomClassifier;

    @Component
    private MavenProjectHelper projectHelper;

    /**
     * Install the modules without their debug symbols ({@code INSTALL_MOD_STRIP=1}): a distribution
     * config's modules shrink several times. The metadata records it.
     */
    @Parameter(property = "kernel.stripModules", defaultValue = "false")
    private boolean stripModules;

    @Override
    protected List<File> changedDirectories() {
        return List.of(outputDirectory, stage().toFile());
    }

    private Path stage() {
        return KernelDist.stageIn(Path.of(project.getBuild().getDirectory()));
    }

    @Override
    protected void run() throws BuildException {
        KernelTree tree = kernelTree();
        Path archive = DistArtifacts.archiveFile(project, classifier);
        Path metadata = DistArtifacts.metadataFile(project, classifier);
        DistRecipe recipe = new DistRecipe(archive, metadata, timestamp(), project.getId(),
                recordedMakeVariables(kernelMakeVariables(tree)), recordedEnvironment());
        DistPackager.Packaged p = new KernelDist(runner(), buildLog(), deletionRule()).build(tree,
                stage(), (targets, extra) -> kernelMake(tree, targets, extra), recipe, stripModules);
        DistArtifacts.attach(project, projectHelper, classifier, p.archive(), p.metadata(), "linux-kernel");
        if (sbom) {
            DistArtifacts.attachSbom(project, projectHelper, sbomClassifier, classifier, p.metadata(),
                    recipe.timestamp(), mojoExecution, getLog());
        }
    }
}
