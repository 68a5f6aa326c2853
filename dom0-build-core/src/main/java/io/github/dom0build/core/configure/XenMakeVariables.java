package io.github.dom0build.core.configure;

import io.github.dom0build.core.arch.CrossBuild;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What every make call in a Xen tree passes, the same for make and dist so that neither finds the
 * other's work stale: the cross build's {@code XEN_TARGET_ARCH} and {@code CROSS_COMPILE}, and
 * {@code GIT=false WGET=false} unless configure allowed downloads.
 */
public final class XenMakeVariables {
    private XenMakeVariables() {
    }

    public static Map<String, String> of(Path tree, CrossBuild cross) {
        Map<String, String> vars = new LinkedHashMap<>(cross.xenMakeVariables());
        vars.putAll(XenDownloads.makeVariables(tree));
        return vars;
    }
}
