package io.github.dom0build.maven;

import io.github.dom0build.core.BuildException;
import io.github.dom0build.core.configure.XenMakeVariables;
import io.github.dom0build.core.dist.DistRecipe;
import io.github.dom0build.core.dist.XenDist;
import io.github.dom0build.core.make.MakeCommand;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProjectHelper;

/**
 * Packages Xen as a dom0 artifact: Xen's own {@code make dist} with
 * {@code DISTDIR=${project.build.directory}/xen-dist}, recreated on every run, into its {@code install/},
 * which install reads (the hypervisor images in {@code boot/}, the tools, the systemd units, xencommons),
 * plus the 32-bit multiboot image {@code xen/xen} as {@code usr/lib/xen/boot/xen-<version>.multiboot}
 * (what QEMU's {@code -kernel} boots). The stage becomes a bit-reproducible {@code <finalName>-xen.tar.gz} and a
 * {@code <finalName>-xen.json} with the source identity, patches, configure arguments and what
 * configure recorded, tool versions, make variables, the Xen version and the sha256 of every file;
 * both are attached to the project, with a CycloneDX SBOM made from the metadata
 * ({@code <finalName>-cyclonedx.json}, see {@code sbom}).
 */
@Mojo(name = "dist", defaultPhase = LifecyclePhase.PACKAGE, threadSafe = true)
public class XenDistMojo extends AbstractMakeMojo {

    /** The make targets that install into the dist directory. */
    @Parameter(property = "xen.distTargets", defaultValue = "dist")
    private List<String> distTargets;

    /** The classifier of the attached archive and metadata. */
    @Parameter(property = "xen.classifier", defaultValue = "xen", required = true)
    private String classifier;

    /**
     * Writes a CycloneDX 1.6 SBOM of the archive beside it, {@code <finalName>-<sbomClassifier>.json}, and
     * attaches it (type {@code json}) as cyclonedx-maven-plugin does: the source with its package URL, each
     * patch, the toolchain (with the Debian packages it came from), the configuration with the audited
     * options, and every file with its sha256. Made from the metadata, so it is as reproducible as the
     * archive. Example: {@code <sbom>false</sbom>} or {@code -Dxen.sbom=false} to leave it out.
     */
    @Parameter(property = "xen.sbom", defaultValue = "true")
    private boolean sbom;

    /**
     * The classifier of the attached SBOM. {@code cyclonedx} is the ecosystem's convention, which SBOM
     * tools look for; a project that makes two dists needs two, e.g.
     * {@code <sbomClassifier>xen-cyclonedx</sbomClassifier>}.
     */
    @Parameter(property = "xen.sbomClassifier", defaultValue = "cyclonedx", required = true)
    private String sbomClassifier;

    @Component
    private MavenProjectHelper projectHelper;

    @Override
    protected List<File> changedDirectories() {
        return List.of(sourceDirectory, distDirectory().toFile());
    }

    @Override
    protected void run() throws BuildException, IOException {
        Path archive = DistArtifacts.archiveFile(project, classifier);
        Path metadata = DistArtifacts.metadataFile(project, classifier);
        DistRecipe recipe = new DistRecipe(archive, metadata, timestamp(), project.getId(),
                recordedMakeVariables(XenMakeVariables.of(sourceDirectory.toPath(), crossBuild())), recordedEnvironment());
        Path tree = sourceDirectory.toPath();
        Path distDirectory = distDirectory();
        // What decides the outputs: the make command as dist runs it, and everything the recipe records.
        String identity = xenMake(tree, distTargets, Map.of("DISTDIR", distDirectory.toAbsolutePath().toString()))
                .toCommand().display() + "\n" + archive + "\n" + metadata + "\n" + recipe;
        runUnlessUpToDate("dist", tree, List.of(tree, distDirectory, archive, metadata),
                identity,
                () -> new XenDist(runner(), buildLog(), deletionRule()).build(tree, distDirectory, distTargets,
                        this::xenMake, recipe));
        DistArtifacts.attach(project, projectHelper, classifier, archive, metadata, "xen");
        if (sbom) {
            DistArtifacts.attachSbom(project, projectHelper, sbomClassifier, classifier, metadata, recipe.timestamp(),
                    mojoExecution, getLog());
        }
    }

    private Path distDirectory() {
        return XenDist.distDirectoryIn(Path.of(project.getBuild().getDirectory()));
    }

    /** make in the tree with the architecture's variables and what configure recorded, plus {@code extra}. */
    private MakeCommand xenMake(Path dir, List<String> targets, Map<String, String> extra) throws BuildException {
        Map<String, String> vars = XenMakeVariables.of(sourceDirectory.toPath(), crossBuild());
        vars.putAll(extra);
        return make(dir, targets, vars);
    }
}
