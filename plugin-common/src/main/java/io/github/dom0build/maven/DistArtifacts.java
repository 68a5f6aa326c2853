package io.github.dom0build.maven;

import io.github.dom0build.core.BuildException;
import io.github.dom0build.core.metadata.DistMetadata;
import io.github.dom0build.core.sbom.DistSbom;
import io.github.dom0build.core.sbom.SbomWriter;
import java.io.File;
import java.nio.file.Path;
import java.time.Instant;
import java.util.regex.Pattern;
import org.apache.maven.plugin.MojoExecution;
import org.apache.maven.plugin.descriptor.PluginDescriptor;
import org.apache.maven.plugin.logging.Log;
import org.apache.maven.project.MavenProject;
import org.apache.maven.project.MavenProjectHelper;
import org.cyclonedx.model.Bom;

/**
 * Puts the archive and its metadata into the project's artifacts, so that {@code mvn install} puts them
 * in the local repository and {@code mvn deploy} publishes them: {@code <finalName>-<classifier>.tar.gz}
 * and {@code <finalName>-<classifier>.json}. With the plugin's own packaging the metadata is also the
 * main artifact, which the packaging's type then names ({@code ownPackaging} null: no packaging of
 * its own). Beside them, the CycloneDX SBOM made from the metadata, as cyclonedx-maven-plugin attaches
 * one: type {@code json}, classifier {@code cyclonedx}.
 */
final class DistArtifacts {
    private DistArtifacts() {
    }

    private static final Pattern CLASSIFIER = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]*");

    static Path archiveFile(MavenProject project, String classifier) throws BuildException {
        return Path.of(project.getBuild().getDirectory(),
                project.getBuild().getFinalName() + "-" + checked(classifier) + ".tar.gz");
    }

    static Path metadataFile(MavenProject project, String classifier) throws BuildException {
        return Path.of(project.getBuild().getDirectory(),
                project.getBuild().getFinalName() + "-" + checked(classifier) + ".json");
    }

    /** The classifier becomes part of a file name in target/: no path, no white space, nothing a shell reads. */
    private static String checked(String classifier) throws BuildException {
        if (classifier == null || !CLASSIFIER.matcher(classifier).matches()) {
            throw new BuildException("classifier '" + classifier + "' is not a classifier: it names the archive"
                    + " written to target/, so it must be letters, digits, '.', '_' and '-' (no '/', no '..').",
                    "set the classifier to a plain word such as kernel, xen or dom0");
        }
        return classifier;
    }

    static void attach(MavenProject project, MavenProjectHelper helper, String classifier, Path archive, Path metadata,
            String ownPackaging) {
        helper.attachArtifact(project, "tar.gz", classifier, archive.toFile());
        helper.attachArtifact(project, "json", classifier, metadata.toFile());
        if (ownPackaging != null && ownPackaging.equals(project.getPackaging())) {
            File main = metadata.toFile();
            project.getArtifact().setFile(main);
        }
    }

    /**
     * Writes {@code <finalName>-<sbomClassifier>.json}, the CycloneDX SBOM of the archive, from the metadata
     * just written, and attaches it. {@code timestamp} is the archive's, so the SBOM is as reproducible.
     */
    static Path attachSbom(MavenProject project, MavenProjectHelper helper, String sbomClassifier, String classifier,
            Path metadata, Instant timestamp, MojoExecution execution, Log log) throws BuildException {
        Path file = Path.of(project.getBuild().getDirectory(),
                project.getBuild().getFinalName() + "-" + checked(sbomClassifier) + ".json");
        PluginDescriptor plugin = execution.getMojoDescriptor().getPluginDescriptor();
        DistSbom.Generator generator = new DistSbom.Generator(plugin.getGroupId(), plugin.getArtifactId(),
                plugin.getVersion());
        Bom bom = DistSbom.of(DistMetadata.read(metadata), classifier, timestamp, generator);
        SbomWriter.write(bom, file);
        helper.attachArtifact(project, "json", sbomClassifier, file.toFile());
        log.info("CycloneDX SBOM " + file + " (" + DistSbom.componentCount(bom) + " components)");
        return file;
    }
}
