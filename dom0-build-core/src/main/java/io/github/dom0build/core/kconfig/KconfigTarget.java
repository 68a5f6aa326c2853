package io.github.dom0build.core.kconfig;

import io.github.dom0build.core.BuildException;
import io.github.dom0build.core.process.Command;
import java.nio.file.Path;
import java.util.Map;

/**
 * A Kconfig-based tree to configure: the kernel (out of tree or not) or Xen's hypervisor directory.
 * The engine asks it for make commands and for where the .config, the Kconfig root and the records
 * live, and is otherwise the same for both.
 */
public interface KconfigTarget {
    /** "kernel" or "Xen hypervisor", for messages. */
    String name();

    Path dotConfig();

    /** The top Kconfig file, for explaining the audit. */
    Path kconfigRoot();

    /** What Kconfig's {@code $(...)} macros expand to (SRCARCH, ARCH, srctree, ...). */
    Map<String, String> kconfigVariables();

    /** The architecture directory name, which picks the arch part of the built-in fragment. */
    String srcArch();

    /** Where this target's records go ({@code .dom0-build/} below it). */
    Path stampTree();

    /** The source tree, whose fetch and patch records the configuration depends on. */
    Path sourceTree();

    /** {@code make <target>} for this tree, with its variables and environment. */
    Command make(String target) throws BuildException;

    /** {@code make <target>} with more make variables, such as {@code LSMOD=} for localmodconfig. */
    default Command make(String target, Map<String, String> variables) throws BuildException {
        if (!variables.isEmpty()) {
            throw new BuildException("The " + name() + " cannot run make " + target + " with " + variables.keySet()
                    + ".", "leave out the parameter that needs it");
        }
        return make(target);
    }

    /** What about the make invocation matters for the result (ARCH, O=, CROSS_COMPILE, ...). */
    Map<String, String> makeIdentity();
}
