package io.github.dom0build.it.harness;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The multi-module fixture dom0 (src/it/dom0-fixtures) built with {@code mvn install} once per test run:
 * its kernel, Xen and dom0 bundle archives are then in the IT local repository as
 * {@code io.github.dom0build.examples:dom0-kernel|dom0-xen|dom0:1.0.0-SNAPSHOT}, and each module's
 * {@code target/root} holds what its install goal (or assemble) put there. Tests read it, or
 * {@link ItProject#duplicate} it before changing anything.
 */
public final class InstalledDom0Fixtures {
    public static final String GROUP = "io.github.dom0build.examples";
    public static final String VERSION = "1.0.0-SNAPSHOT";

    private static ItProject built;

    private InstalledDom0Fixtures() {
    }

    public static synchronized ItProject get() throws IOException {
        if (built == null) {
            ItProject p = ItProject.copy("dom0-fixtures", "dom0-fixtures-installed");
            BuildResult r = p.maven("install").run();
            if (!r.succeeded()) {
                throw new IllegalStateException("mvn install of the dom0 fixtures failed: " + r);
            }
            built = p;
        }
        return built;
    }

    /** The IT local repository, where the plugins under test and these artifacts are. */
    public static Path localRepository() {
        return MavenRun.localRepo();
    }
}
