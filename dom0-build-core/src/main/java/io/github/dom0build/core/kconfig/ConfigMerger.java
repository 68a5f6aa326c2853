package io.github.dom0build.core.kconfig;

import io.github.dom0build.core.BuildException;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Writes requested options into a .config, as scripts/kconfig/merge_config.sh does without -m: each
 * option replaces its line or is appended. Running olddefconfig afterwards, and auditing the result,
 * is the caller's job; this step alone cannot know which requests kconfig will drop.
 */
public final class ConfigMerger {
    private ConfigMerger() {
    }

    /** Rewrites {@code dotConfig} atomically and returns what it now holds. */
    public static KernelConfig apply(Path dotConfig, ConfigRequest request) throws IOException, BuildException {
        KernelConfig merged = KernelConfig.read(dotConfig).with(request.values());
        merged.write(dotConfig);
        return merged;
    }
}
