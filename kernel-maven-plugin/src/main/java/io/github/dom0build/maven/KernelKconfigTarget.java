package io.github.dom0build.maven;

import io.github.dom0build.core.BuildException;
import io.github.dom0build.core.kconfig.KconfigTarget;
import io.github.dom0build.core.kernel.KernelTree;
import io.github.dom0build.core.make.MakeCommand;
import io.github.dom0build.core.process.Command;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** The kernel tree as the Kconfig engine sees it: make with O=, ARCH and CROSS_COMPILE. */
final class KernelKconfigTarget implements KconfigTarget {
    /** How the goal makes a make command (its jobs, environment, timeout). */
    interface MakeFactory {
        MakeCommand make(Path dir, List<String> targets, Map<String, String> vars) throws BuildException;
    }

    private final KernelTree tree;
    private final MakeFactory makes;

    KernelKconfigTarget(KernelTree tree, MakeFactory makes) {
        this.tree = tree;
        this.makes = makes;
    }

    @Override
    public String name() {
        return "kernel";
    }

    @Override
    public Path dotConfig() {
        return tree.dotConfig();
    }

    @Override
    public Path kconfigRoot() {
        return tree.source().resolve("Kconfig");
    }

    @Override
    public Map<String, String> kconfigVariables() {
        return Map.of("SRCARCH", tree.arch().srcArch(), "ARCH", tree.arch().arch(), "srctree",
                tree.source().toAbsolutePath().toString());
    }

    @Override
    public String srcArch() {
        return tree.arch().srcArch();
    }

    @Override
    public Path stampTree() {
        return tree.build();
    }

    @Override
    public Path sourceTree() {
        return tree.source();
    }

    @Override
    public Command make(String target) throws BuildException {
        return make(target, Map.of());
    }

    @Override
    public Command make(String target, Map<String, String> variables) throws BuildException {
        return makes.make(tree.source(), List.of(target), variables).logPrefix("[kconfig] ").toCommand();
    }

    @Override
    public Map<String, String> makeIdentity() {
        return tree.makeVariables();
    }
}
