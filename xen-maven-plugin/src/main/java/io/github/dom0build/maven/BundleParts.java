package io.github.dom0build.maven;

import io.github.dom0build.core.BuildException;
import io.github.dom0build.core.dist.Dom0Bundle;
import io.github.dom0build.core.metadata.DistMetadata;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.project.MavenProject;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.resolution.ArtifactRequest;
import org.eclipse.aether.resolution.ArtifactResolutionException;

/**
 * The dom0 parts a bundle project depends on: each dependency of type {@code tar.gz} whose classifier
 * is one of {@code classifiers}, with the metadata file attached beside it (same coordinates, type
 * {@code json}), resolved from the reactor or the repositories like any artifact.
 */
final class BundleParts {
    private BundleParts() {
    }

    static List<Dom0Bundle.Part> resolve(MavenProject project, MavenSession session, RepositorySystem repositories,
            List<String> classifiers) throws BuildException {
        List<Dom0Bundle.Part> parts = new ArrayList<>();
        for (String classifier : classifiers) {
            Artifact found = null;
            for (Artifact a : project.getArtifacts()) {
                if ("tar.gz".equals(a.getType()) && classifier.equals(a.getClassifier())) {
                    if (found != null) {
                        throw new BuildException("Two dependencies have the classifier " + classifier + ": " + found
                                + " and " + a + ".", "depend on one " + classifier + " archive per bundle");
                    }
                    found = a;
                }
            }
            if (found == null || found.getFile() == null) {
                throw new BuildException("The bundle needs a " + classifier + " part, but no dependency is of type"
                        + " tar.gz with classifier " + classifier + ".", "add <dependency> ... <type>tar.gz</type>"
                                + "<classifier>" + classifier + "</classifier> for the module that builds it");
            }
            DefaultArtifact json = new DefaultArtifact(found.getGroupId(), found.getArtifactId(), classifier, "json",
                    found.getVersion());
            try {
                var result = repositories.resolveArtifact(session.getRepositorySession(),
                        new ArtifactRequest(json, project.getRemoteProjectRepositories(), null));
                parts.add(new Dom0Bundle.Part(classifier, found.getFile().toPath(),
                        DistMetadata.read(result.getArtifact().getFile().toPath())));
            } catch (ArtifactResolutionException e) {
                throw new BuildException("The metadata of " + found + " (" + json + ") cannot be resolved: "
                        + e.getMessage(), "build that module with its dist goal, which attaches both files", e);
            }
        }
        return parts;
    }
}
