package io.github.dom0build.maven;

import io.github.dom0build.core.BuildException;
import io.github.dom0build.core.make.MakeCommand;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.maven.plugins.annotations.Parameter;

/** The Xen goals that run make: the same variables for each, so no goal finds another's work stale. */
public abstract class AbstractXenMakeMojo extends AbstractMakeMojo {
    /** Make downloads fail at once ({@code GIT=false WGET=false}); see the configure goal. */
    @Parameter(property = "xen.offline", defaultValue = "true")
    protected boolean offline;

    /** GIT/WGET for offline builds, XEN_TARGET_ARCH/CROSS_COMPILE for a cross build; the same for every Xen goal. */
    protected final Map<String, String> xenMakeVariables() throws BuildException {
        Map<String, String> vars = new LinkedHashMap<>(crossBuild().xenMakeVariables());
        if (offline) {
            vars.put("GIT", "false");
            vars.put("WGET", "false");
        }
        return vars;
    }

    @Override
    protected List<String> launchedCompilers() throws BuildException {
        List<String> compilers = new java.util.ArrayList<>(super.launchedCompilers());
        if (crossBuild().cross()) {
            compilers.add(crossBuild().compiler());
        }
        return compilers;
    }

    protected final MakeCommand xenMake(Path dir, List<String> targets, Map<String, String> extra)
            throws BuildException {
        Map<String, String> vars = xenMakeVariables();
        vars.putAll(extra);
        return make(dir, targets, vars);
    }
}
