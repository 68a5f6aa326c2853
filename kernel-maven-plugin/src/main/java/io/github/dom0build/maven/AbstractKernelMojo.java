package io.github.dom0build.maven;

import io.github.dom0build.core.BuildException;
import io.github.dom0build.core.kernel.KernelTree;
import io.github.dom0build.core.make.MakeCommand;
import java.io.File;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

    /**
     * {@code CROSS_COMPILE}: the toolchain prefix for a cross build. Empty means the distribution's for
     * {@code arch} ({@code aarch64-linux-gnu-} for arm64 on an x86 machine); set it for another toolchain.
     */
    @Parameter(property = "kernel.crossCompile")
    protected String crossCompile;

    /** The build directory ({@code O=}), where the kernel's goals write; the source tree only when it is that. */
    @Override
    protected List<File> changedDirectories() {
        return List.of(outputDirectory);
    }

    protected final KernelTree kernelTree() {
        return KernelTree.of(sourceDirectory.toPath(), outputDirectory.toPath(), arch, crossCompile);
    }

    /**
     * What every kernel make call passes: O=, ARCH and CROSS_COMPILE. The same for every goal, so that
     * one goal's make never finds another's objects out of date.
     */
    protected final Map<String, String> kernelMakeVariables(KernelTree tree) {
        return new LinkedHashMap<>(tree.makeVariables());
    }

    /** The kernel's {@code CROSS_COMPILE}: the user's crossCompile, else the distribution's for arch. */
    @Override
    protected String crossCompilerPrefix() throws BuildException {
        String cc = kernelTree().crossCompile();
        return cc == null ? "" : cc.strip();
    }

    /** make in the kernel tree with the shared variables plus {@code extra}. */
    protected final MakeCommand kernelMake(KernelTree tree, List<String> targets, Map<String, String> extra)
            throws BuildException {
        Map<String, String> vars = kernelMakeVariables(tree);
        vars.putAll(extra);
        return make(tree.source(), targets, vars);
    }
}
