package io.github.dom0build.core.kconfig;

import io.github.dom0build.core.BuildException;
import io.github.dom0build.core.kernel.KernelTree;
import io.github.dom0build.core.make.MakeCommand;
import io.github.dom0build.core.process.Command;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Kconfig tree whose configuration targets run through make: the kernel (with {@code O=}, {@code ARCH}
 * and {@code CROSS_COMPILE}) or Xen's hypervisor directory ({@code make -C xen}). The two differ only in
 * their paths, their variables and whether make may take more of them, so one class serves both.
 */
public final class MakeKconfigTarget implements KconfigTarget {
    /** How the goal makes a make command (its jobs, environment, timeout and the tree's own variables). */
    public interface MakeFactory {
        MakeCommand make(Path dir, List<String> targets, Map<String, String> variables) throws BuildException;
    }

    private final String name;
    private final Path makeDirectory;
    private final Path dotConfig;
    private final Path kconfigRoot;
    private final Map<String, String> kconfigVariables;
    private final String srcArch;
    private final Path stampTree;
    private final Path sourceTree;
    private final Map<String, String> makeIdentity;
    private final boolean takesVariables;
    private final MakeFactory makes;

    private MakeKconfigTarget(String name, Path makeDirectory, Path dotConfig, Path kconfigRoot,
            Map<String, String> kconfigVariables, String srcArch, Path stampTree, Path sourceTree,
            Map<String, String> makeIdentity, boolean takesVariables, MakeFactory makes) {
        this.name = name;
        this.makeDirectory = makeDirectory;
        this.dotConfig = dotConfig;
        this.kconfigRoot = kconfigRoot;
        this.kconfigVariables = kconfigVariables;
        this.srcArch = srcArch;
        this.stampTree = stampTree;
        this.sourceTree = sourceTree;
        this.makeIdentity = Collections.unmodifiableMap(new LinkedHashMap<>(makeIdentity)); // its order is the stamps'
        this.takesVariables = takesVariables;
        this.makes = makes;
    }

    /** The kernel: its .config in the build directory, its records there too (the source may be shared). */
    public static MakeKconfigTarget kernel(KernelTree tree, MakeFactory makes) {
        return new MakeKconfigTarget("kernel", tree.source(), tree.dotConfig(), tree.source().resolve("Kconfig"),
                Map.of("SRCARCH", tree.arch().srcArch(), "ARCH", tree.arch().arch(), "srctree",
                        tree.source().toAbsolutePath().toString()),
                tree.arch().srcArch(), tree.build(), tree.source(), tree.makeVariables(), true, makes);
    }

    /** Xen's hypervisor: {@code xen/.config}, configured with {@code make -C xen}; records in the source tree. */
    public static MakeKconfigTarget hypervisor(Path source, String srcArch, MakeFactory makes) {
        Path xen = source.resolve("xen");
        return new MakeKconfigTarget("Xen hypervisor", xen, xen.resolve(".config"), xen.resolve("Kconfig"),
                Map.of("SRCARCH", srcArch, "ARCH", srcArch, "srctree", xen.toAbsolutePath().toString()), srcArch,
                source, source, Map.of("SRCARCH", srcArch), false, makes);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Path dotConfig() {
        return dotConfig;
    }

    @Override
    public Path kconfigRoot() {
        return kconfigRoot;
    }

    @Override
    public Map<String, String> kconfigVariables() {
        return kconfigVariables;
    }

    @Override
    public String srcArch() {
        return srcArch;
    }

    @Override
    public Path stampTree() {
        return stampTree;
    }

    @Override
    public Path sourceTree() {
        return sourceTree;
    }

    @Override
    public Command make(String target) throws BuildException {
        return makes.make(makeDirectory, List.of(target), Map.of()).logPrefix("[kconfig] ").toCommand();
    }

    @Override
    public Command make(String target, Map<String, String> variables) throws BuildException {
        if (!takesVariables) {
            return KconfigTarget.super.make(target, variables);
        }
        return makes.make(makeDirectory, List.of(target), variables).logPrefix("[kconfig] ").toCommand();
    }

    @Override
    public Map<String, String> makeIdentity() {
        return makeIdentity;
    }
}
