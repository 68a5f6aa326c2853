package io.github.dom0build.maven;

import java.io.File;
import java.util.List;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.Parameter;
import org.eclipse.aether.RepositorySystem;

/** assemble and bundle: the dom0 root made from the parts this project depends on, and its archive. */
public abstract class AbstractBundleMojo extends AbstractBundleRootMojo {
    /**
     * The classifiers of the parts, in the order they go in: dependencies of type {@code tar.gz} with
     * these classifiers, each with the {@code json} metadata beside it.
     */
    @Parameter(property = "xen.bundleParts", defaultValue = "kernel,xen")
    protected List<String> bundleParts;

    @Component
    protected RepositorySystem repositorySystem;

    @Override
    protected List<File> changedDirectories() {
        return List.of(bundleRoot);
    }
}
