package io.github.dom0build.maven;

import io.github.dom0build.core.BuildException;
import io.github.dom0build.core.dist.Dom0Bundle;
import java.util.List;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Assembles one dom0 root from the parts this project depends on (by default the kernel and Xen
 * archives: dependencies of type {@code tar.gz} with classifier {@code kernel} and {@code xen}), in a
 * multi-module build's aggregator. The root is recreated, then each part goes in through the same
 * all-or-nothing installer as the install goals. Run systemd-enable and grub-update on this root next
 * (same phase, declared after this goal), then bundle to archive it.
 */
@Mojo(name = "assemble", defaultPhase = LifecyclePhase.PREPARE_PACKAGE, threadSafe = true,
        requiresDependencyResolution = ResolutionScope.RUNTIME)
public class XenAssembleMojo extends AbstractBundleMojo {

    @Override
    protected void run() throws BuildException {
        List<Dom0Bundle.Part> parts = BundleParts.resolve(project, session, repositorySystem, bundleParts);
        new Dom0Bundle(buildLog()).assemble(parts, bundleRoot.toPath(), deletionRule());
        getLog().info("Assembled " + parts.size() + " part(s) into " + bundleRoot);
    }
}
