package io.github.dom0build.maven;

import io.github.dom0build.core.BuildException;
import io.github.dom0build.core.archive.TreeEntry;
import io.github.dom0build.core.install.PublishedArchive;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.Parameter;
import org.eclipse.aether.RepositorySystem;

/**
 * kernel:install and xen:install: what they install is the build's own stage, or, with {@code artifact},
 * an archive CI published, resolved by its coordinates, unpacked and verified file by file first.
 */
public abstract class AbstractInstallMojo extends AbstractRootMojo {
    /**
     * Install a published archive instead of this build's stage: {@code groupId:artifactId:version[:classifier]},
     * resolved through Maven's resolver and repositories (the POM's and settings.xml's; with {@code -o}, the
     * local repository only) together with its {@code json} metadata. The classifier defaults to the one
     * dist attaches ({@code kernel}, {@code xen}); xen:install also takes a dom0 bundle
     * ({@code :dom0}). Every file is checked against the sha256 list of the metadata before anything is
     * installed. Needs no project: {@code mvn io.github.dom0build:xen-maven-plugin:<version>:install
     * -Dxen.artifact=...} runs in any directory.
     */
    @Parameter(property = GoalPrefix.NAME + ".artifact")
    protected String artifact;

    @Component
    private RepositorySystem repositorySystem;

    /** The classifier of {@code artifact} when it names none. */
    protected abstract String defaultClassifier();

    /** The kinds (in the metadata) this goal installs. */
    protected abstract Set<String> installableKinds();

    /** What is installed: a tree, the name of its journal and manifest, and which of its entries go in. */
    protected record InstallSource(Path tree, String name, Predicate<TreeEntry> include, PublishedArchive archive)
            implements AutoCloseable {
        /** Removes an unpacked archive. */
        @Override
        public void close() {
            if (archive != null) {
                archive.close();
            }
        }
    }

    /**
     * The build's {@code stage}, installed as {@code name}; or, with {@code artifact}, the published
     * archive, unpacked under the build directory and verified. Close it when the install is done.
     */
    protected final InstallSource installSource(Path stage, String name) throws BuildException {
        PublishedArtifacts.Resolved a;
        if (artifact != null && !artifact.isBlank()) {
            a = PublishedArtifacts.resolve(artifact, defaultClassifier(), "artifact", session, repositorySystem,
                    project);
            getLog().info("Installing " + a.coordinates() + " (" + a.archive() + ")");
        } else {
            // A build cache (Maven's build cache extension) restores the archives this build attached, not
            // the stage it made them from: install the archive then, checked against its metadata.
            Optional<PublishedArtifacts.Resolved> attached = Files.exists(stage)
                    ? Optional.empty() : PublishedArtifacts.attached(project, defaultClassifier());
            if (attached.isEmpty()) {
                return new InstallSource(stage, name, e -> true, null);
            }
            a = attached.get();
            getLog().info("No stage " + stage + " (restored from a build cache?): installing the attached "
                    + a.archive().getFileName() + " instead");
        }
        PublishedArchive archive = PublishedArchive.unpack(a.archive(), a.metadata(), a.coordinates(),
                installableKinds(), GoalPrefix.NAME + ":install", Path.of(project.getBuild().getDirectory()),
                buildLog());
        return new InstallSource(archive.tree(), a.installName(), archive.include(), archive);
    }
}
