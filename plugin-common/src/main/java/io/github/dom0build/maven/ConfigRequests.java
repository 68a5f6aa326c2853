package io.github.dom0build.maven;

import io.github.dom0build.core.BuildException;
import io.github.dom0build.core.kconfig.BuiltInFragments;
import io.github.dom0build.core.kconfig.ConfigRequest;
import io.github.dom0build.core.kconfig.Dom0Fragment;
import java.io.File;
import java.io.IOException;
import java.util.List;

/**
 * The requested options in their order: the built-in xen-dom0 fragment, the other built-in fragments
 * named, then fragment files, then inline options.
 */
final class ConfigRequests {
    private ConfigRequests() {
    }

    static ConfigRequest of(boolean dom0Fragment, String srcArch, List<File> fragments, List<String> options)
            throws BuildException {
        return of(dom0Fragment, List.of(), srcArch, fragments, options);
    }

    static ConfigRequest of(boolean dom0Fragment, List<String> builtIn, String srcArch, List<File> fragments,
            List<String> options) throws BuildException {
        ConfigRequest.Builder b = ConfigRequest.builder();
        if (dom0Fragment) {
            Dom0Fragment.addTo(b, srcArch);
        }
        for (String name : builtIn) {
            BuiltInFragments.addTo(b, name, srcArch);
        }
        if (fragments != null) {
            for (File f : fragments) {
                try {
                    b.fragmentFile(f.toPath());
                } catch (IOException e) {
                    throw new BuildException("Cannot read the config fragment " + f + ": " + e,
                            "check the path in fragments", e);
                }
            }
        }
        if (options != null) {
            b.inline(options);
        }
        return b.build();
    }
}
