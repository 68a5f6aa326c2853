package io.github.dom0build.maven;

import java.io.File;
import java.nio.file.Path;
import org.apache.maven.project.MavenProject;
import org.apache.maven.project.MavenProjectHelper;

/**
 * Puts the archive and its metadata into the project's artifacts, so that {@code mvn install} puts them
 * in the local repository and {@code mvn deploy} publishes them: {@code <finalName>-<classifier>.tar.gz}
 * and {@code <finalName>-<classifier>.json}. With the plugin's own packaging the metadata is also the
 * main artifact, which the packaging's type then names ({@code ownPackaging} null: no packaging of
 * its own).
 */
final class DistArtifacts {
    private DistArtifacts() {
    }

    static Path archiveFile(MavenProject project, String classifier) {
        return Path.of(project.getBuild().getDirectory(), project.getBuild().getFinalName() + "-" + classifier + ".tar.gz");
    }

    static Path metadataFile(MavenProject project, String classifier) {
        return Path.of(project.getBuild().getDirectory(), project.getBuild().getFinalName() + "-" + classifier + ".json");
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
}
