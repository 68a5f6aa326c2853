package io.github.dom0build.maven;

import java.io.File;
import java.util.List;
import org.apache.maven.plugins.annotations.Parameter;

/** The goals that work on the source tree: fetch writes it, patch changes it, the build goals build in it. */
public abstract class AbstractSourceMojo extends AbstractDom0Mojo {
    /**
     * The source tree: where fetch puts it, patch patches it, and configure, defconfig and make build it
     * (the kernel out of tree, in {@code outputDirectory}).
     */
    @Parameter(property = GoalPrefix.NAME + ".sourceDirectory",
            defaultValue = "${project.build.directory}/" + GoalPrefix.SOURCE_DIR, required = true)
    protected File sourceDirectory;

    /** The source tree, locked while the goal changes it; the kernel's build goals write elsewhere. */
    @Override
    protected List<File> changedDirectories() {
        return List.of(sourceDirectory);
    }
}
