package io.github.dom0build.maven;

import io.github.dom0build.core.BuildException;
import io.github.dom0build.core.text.Printable;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.project.MavenProject;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.resolution.ArtifactRequest;
import org.eclipse.aether.resolution.ArtifactResolutionException;
import org.eclipse.aether.resolution.ArtifactResult;

/**
 * A published dom0-build archive named by its coordinates ({@code groupId:artifactId:version[:classifier]}),
 * resolved like any dependency, through Maven's resolver and the repositories of the POM and settings
 * (the local repository first, remote ones unless offline): the {@code tar.gz} and the metadata attached
 * beside it, type {@code json}, same coordinates.
 */
final class PublishedArtifacts {
    /** One resolved artifact: as the user named it, and its two files. */
    record Resolved(String coordinates, String artifactId, String classifier, Path archive, Path metadata) {
        /** The name of its install journal and manifest, as for the build's own stage ({@code <artifactId>-xen}). */
        String installName() {
            return artifactId + "-" + classifier;
        }
    }

    private static final Pattern PART = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.+-]*");

    private PublishedArtifacts() {
    }

    /**
     * The archive and metadata this project attached with {@code classifier}, when both files exist: what a
     * build cache restores in place of the build.
     */
    static Optional<Resolved> attached(MavenProject project, String classifier) {
        Path archive = null;
        Path metadata = null;
        for (Artifact a : project.getAttachedArtifacts()) {
            if (classifier.equals(a.getClassifier()) && a.getFile() != null && a.getFile().isFile()) {
                if ("tar.gz".equals(a.getType())) {
                    archive = a.getFile().toPath();
                } else if ("json".equals(a.getType())) {
                    metadata = a.getFile().toPath();
                }
            }
        }
        if (archive == null || metadata == null) {
            return Optional.empty();
        }
        String name = project.getGroupId() + ":" + project.getArtifactId() + ":" + project.getVersion() + ":"
                + classifier;
        return Optional.of(new Resolved(name, project.getArtifactId(), classifier, archive, metadata));
    }

    static Resolved resolve(String coordinates, String defaultClassifier, String parameter, MavenSession session,
            RepositorySystem repositories, MavenProject project) throws BuildException {
        String[] parts = coordinates.strip().split(":", -1);
        boolean valid = parts.length == 3 || parts.length == 4;
        for (int i = 0; valid && i < parts.length; i++) {
            valid = PART.matcher(parts[i]).matches();
        }
        if (!valid) {
            throw new BuildException(parameter + " '" + Printable.escape(coordinates) + "' is not"
                    + " groupId:artifactId:version[:classifier].", "name the archive as CI deployed it, for example"
                            + " org.example:dom0-" + defaultClassifier + ":1.0.0 (classifier " + defaultClassifier
                            + " by default) or org.example:dom0:1.0.0:dom0 for a bundle");
        }
        String classifier = parts.length == 4 ? parts[3] : defaultClassifier;
        String name = parts[0] + ":" + parts[1] + ":" + parts[2] + ":" + classifier;
        List<RemoteRepository> remotes = project.getRemoteProjectRepositories();
        ArtifactRequest archive = new ArtifactRequest(new DefaultArtifact(parts[0], parts[1], classifier, "tar.gz",
                parts[2]), remotes, null);
        ArtifactRequest metadata = new ArtifactRequest(new DefaultArtifact(parts[0], parts[1], classifier, "json",
                parts[2]), remotes, null);
        try {
            List<ArtifactResult> results = repositories.resolveArtifacts(session.getRepositorySession(),
                    List.of(archive, metadata));
            return new Resolved(name, parts[1], classifier, results.get(0).getArtifact().getFile().toPath(),
                    results.get(1).getArtifact().getFile().toPath());
        } catch (ArtifactResolutionException e) {
            throw new BuildException("Cannot resolve " + name + " (its tar.gz and the json metadata beside it): "
                    + e.getMessage() + ". Nothing was installed.", "check the coordinates, and that the repository CI"
                            + " deploys to is in the POM or settings.xml" + (session.isOffline()
                                    ? " (offline, only the local repository is read)" : ""), e);
        }
    }
}
