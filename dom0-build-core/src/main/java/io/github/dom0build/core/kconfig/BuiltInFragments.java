package io.github.dom0build.core.kconfig;

import io.github.dom0build.core.BuildException;
import java.util.List;

/**
 * The fragments shipped in this jar besides xen-dom0, chosen by name: {@code systemd} (what systemd
 * needs from the kernel to be init). Each is {@code <name>.config} followed by
 * {@code <name>-<srcarch>.config} where there is one, and is audited like every fragment.
 */
public final class BuiltInFragments {
    public static final List<String> NAMES = List.of("systemd");

    private BuiltInFragments() {
    }

    /** Adds the fragment called {@code name} for {@code srcArch} to the request. */
    public static ConfigRequest.Builder addTo(ConfigRequest.Builder request, String name, String srcArch)
            throws BuildException {
        String n = name.strip();
        if (!NAMES.contains(n)) {
            throw new BuildException("There is no built-in fragment called '" + name + "'.",
                    "name one of " + String.join(", ", NAMES) + " in builtInFragments, or give your own file in"
                            + " fragments");
        }
        request.fragment(Dom0Fragment.resource(n + ".config"), "built-in " + n + " fragment");
        String arch = Dom0Fragment.resource(n + "-" + srcArch + ".config");
        if (arch != null) {
            request.fragment(arch, "built-in " + n + " fragment (" + srcArch + ")");
        }
        return request;
    }
}
