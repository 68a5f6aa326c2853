package io.github.dom0build.maven;

import io.github.dom0build.core.kernel.KernelArch;
import io.github.dom0build.core.kernel.KernelTree;
import java.io.File;
import org.apache.maven.plugins.annotations.Parameter;

/** The kernel goals' shared view of the tree: where it builds, for which architecture. */
public abstract class AbstractKernelMojo extends AbstractMakeMojo {
    /**
     * The build directory ({@code make O=...}): the .config and every output go here and the source
     * tree stays pristine. Set it to the source directory to build in the tree.
     */
    @Parameter(property = "kernel.outputDirectory", defaultValue = "${project.build.directory}/kernel-build",
            required = true)
    protected File outputDirectory;

    /** {@code ARCH}: x86_64, arm64, ...; empty means the machine's own. */
    @Parameter(property = "kernel.arch")
    protected String arch;

    /** {@code CROSS_COMPILE}: the toolchain prefix for a cross build, e.g. {@code aarch64-linux-gnu-}. */
    @Parameter(property = "kernel.crossCompile")
    protected String crossCompile;

    protected final KernelTree kernelTree() {
        return new KernelTree(sourceDirectory.toPath(), outputDirectory.toPath(), KernelArch.of(arch), crossCompile);
    }
}
