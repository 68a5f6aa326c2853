package io.github.dom0build.core.kconfig;

import io.github.dom0build.core.BuildException;
import io.github.dom0build.core.metadata.BuildConfig;
import java.io.IOException;

/**
 * What happens to the base configuration before the requested options go on top: upstream's merge
 * targets, trimming to a machine's modules, a distribution config's fixups. Kept apart from the
 * request because it changes the base, which the audit does not check option by option; each
 * adjustment checks its own outcome in {@link #verify}.
 */
public interface BaseAdjustment {
    /** No adjustment: the base as it is. */
    BaseAdjustment NONE = new BaseAdjustment() {
        @Override
        public BuildConfig.BaseAdjustment identity() {
            return null;
        }

        @Override
        public void apply(KconfigTarget target) {
        }

        @Override
        public void verify(KconfigTarget target, KernelConfig result) {
        }
    };

    /** Everything that decides the outcome, for the up-to-date check and the metadata; null for none. */
    BuildConfig.BaseAdjustment identity() throws IOException;

    /** Changes {@code target.dotConfig()}, which holds the base. */
    void apply(KconfigTarget target) throws BuildException, IOException;

    /** Checks the final configuration (after olddefconfig) for what {@link #apply} meant to hold. */
    void verify(KconfigTarget target, KernelConfig result) throws BuildException;
}
