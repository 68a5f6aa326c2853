package io.github.dom0build.maven;

import io.github.dom0build.core.BuildException;
import io.github.dom0build.core.kernel.KernelArch;
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

    /** {@code ARCH}: x86_64, arm64, ...; empty means the machine's own. */
    @Parameter(property = "kernel.arch")
    protected String arch;

    /** {@code CROSS_COMPILE}: the toolchain prefix for a cross build, e.g. {@code aarch64-linux-gnu-}. */
    @Parameter(property = "kernel.crossCompile")
    protected String crossCompile;

    /** The build directory ({@code O=}), where the kernel's goals write; the source tree only when it is that. */
    @Override
    protected List<File> changedDirectories() {
        return List.of(outputDirectory);
    }

    protected final KernelTree kernelTree() {
        return new KernelTree(sourceDirectory.toPath(), outputDirectory.toPath(), KernelArch.of(arch), crossCompile);
    }

    /**
     * What every kernel make call passes: O=, ARCH and CROSS_COMPILE. The same for every goal, so that
     * one goal's make never finds another's objects out of date.
     */
    protected final Map<String, String> kernelMakeVariables(KernelTree tree) {
        return new LinkedHashMap<>(tree.makeVariables());
    }

    @Override
    protected List<String> launchedCompilers() {
        List<String> compilers = new java.util.ArrayList<>(super.launchedCompilers());
        if (crossCompile != null && !crossCompile.isBlank()) {
            compilers.add(crossCompile.strip() + "gcc");
        }
        return compilers;
    }

    /** make in the kernel tree with the shared variables plus {@code extra}. */
    protected final MakeCommand kernelMake(KernelTree tree, List<String> targets, Map<String, String> extra)
            throws BuildException {
        Map<String, String> vars = kernelMakeVariables(tree);
        vars.putAll(extra);
        return make(tree.source(), targets, vars);
    }
}
