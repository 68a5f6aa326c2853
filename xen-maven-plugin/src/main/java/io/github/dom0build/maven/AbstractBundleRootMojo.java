package io.github.dom0build.maven;

import java.io.File;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * The goals of a bundle module that work on the dom0 root it makes: assemble recreates it, bundle archives
 * it, boot-test boots it. One parameter, so that they cannot point at different roots.
 */
public abstract class AbstractBundleRootMojo extends AbstractDom0Mojo {
    /**
     * The dom0 root: assemble recreates it from the parts, bundle archives it, boot-test boots it. In a
     * bundle module systemd-enable and grub-update change it too, through their own {@code root}, which
     * has the same default: set both to move it.
     */
    @Parameter(property = "xen.bundleRoot", defaultValue = "${project.build.directory}/root", required = true)
    protected File bundleRoot;
}
