package io.github.dom0build.core.kconfig;

import io.github.dom0build.core.metadata.BuildConfig;

/**
 * The stamp a configuration leaves ({@code .dom0-build/defconfig.json}, {@code xen-defconfig.json}):
 * what decided it, the digest of the .config it made, and the audit. A rerun with equal inputs and an
 * unchanged .config does nothing; the dist metadata copies the three into its {@code config}.
 */
public record KconfigStamp(BuildConfig.KconfigInputs identity, String configDigest, BuildConfig.Audit audit) {
}
