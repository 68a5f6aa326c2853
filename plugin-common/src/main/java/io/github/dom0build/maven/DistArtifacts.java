package io.github.dom0build.maven;

import io.github.dom0build.core.BuildException;
import java.io.File;
import java.nio.file.Path;
import java.util.regex.Pattern;
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
}
