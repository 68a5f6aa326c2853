package io.github.dom0build.maven;

import io.github.dom0build.core.BuildException;
import io.github.dom0build.core.kernel.KernelTree;
import io.github.dom0build.core.make.MakeCommand;
import io.github.dom0build.core.process.Command;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Builds the kernel configured by the defconfig goal: by default the boot image for the architecture
 * ({@code bzImage} on x86) and, when the configuration has {@code CONFIG_MODULES=y}, the modules. Out of
 * tree by default ({@code O=}), with the compiler launcher in {@code CC} and {@code HOSTCC}, and the
 * reproducibility variables ({@code KBUILD_BUILD_TIMESTAMP}, {@code _USER}, {@code _HOST},
 * {@code _VERSION}) set from {@code project.build.outputTimestamp}. A second run with nothing changed
 * does not run make at all (see {@code upToDateCheck}); otherwise kbuild's own up-to-date checks decide.
 */
@Mojo(name = "make", defaultPhase = LifecyclePhase.COMPILE, threadSafe = true)
public class KernelMakeMojo extends AbstractKernelMojo {

    /**
     * The make targets; on the command line comma-separated. Empty means the architecture's boot image
     * plus {@code modules} when modules are enabled.
     */
    @Parameter(property = "kernel.targets")
    private List<String> targets;

    @Override
    protected void run() throws BuildException, IOException {
        KernelTree tree = kernelTree();
        tree.requireSource();
        if (!Files.isRegularFile(tree.dotConfig())) {
            throw new BuildException("No kernel configuration at " + tree.dotConfig() + ".",
                    "run the defconfig goal first (kernel:defconfig), or bind it in the POM");
        }
        List<String> t = targets == null || targets.isEmpty() ? defaultTargets(tree) : targets;
        MakeCommand make = kernelMake(tree, t, Map.of());
        Command command = make.toCommand();
        // The state lives in the build directory: the source may be the user's own directory, used in place.
        List<Path> paths = tree.outOfTree() ? List.of(tree.build(), tree.source()) : List.of(tree.source());
        runUnlessUpToDate("make", paths.get(0), paths, command.display(), () -> {
            getLog().info("Building the kernel in " + tree.build() + ": make " + String.join(" ", t) + " (-j"
                    + make.jobs() + ")");
            runner().run(command);
        });
    }

    private static List<String> defaultTargets(KernelTree tree) throws IOException {
        List<String> t = new ArrayList<>();
        t.add(tree.arch().imageTarget());
        if (Files.readAllLines(tree.dotConfig(), StandardCharsets.UTF_8).contains("CONFIG_MODULES=y")) {
            t.add("modules");
        }
        return t;
    }
}
