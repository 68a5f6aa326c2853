package io.github.dom0build.core.kconfig;

import io.github.dom0build.core.BuildException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where a configuration starts: a make target of the tree ({@code defconfig},
 * {@code x86_64_defconfig}, {@code tinyconfig}, a patch-added {@code xendom0config}) or a config file
 * such as a distribution's {@code /boot/config-<release>}.
 */
public record ConfigBase(String makeTarget, Path configFile) {
    public static ConfigBase of(String makeTarget, Path configFile) throws BuildException {
        boolean hasTarget = makeTarget != null && !makeTarget.isBlank();
        if (hasTarget && configFile != null) {
            throw new BuildException("Both defconfig (" + makeTarget + ") and configFile (" + configFile
                    + ") are set; a configuration has one base.", "keep one of them");
        }
        if (configFile != null) {
            if (!Files.isRegularFile(configFile)) {
                throw new BuildException("configFile " + configFile + " does not exist.",
                        "check the path (a distribution's config is /boot/config-$(uname -r))");
            }
            ConfigRequest.requireSafeBase(configFile); // as fragments: no string the kernel's scripts would run
            return new ConfigBase(null, configFile);
        }
        if (!hasTarget) {
            throw new BuildException("No base configuration: neither defconfig nor configFile is set.",
                    "set defconfig to a make target such as defconfig, x86_64_defconfig or tinyconfig, or configFile"
                            + " to a config file");
        }
        String t = makeTarget.strip();
        if (!t.matches("[A-Za-z0-9_.+-]+") || t.startsWith("-")) {
            throw new BuildException("defconfig '" + t + "' is not a make target name.",
                    "use a config target such as defconfig, x86_64_defconfig or tinyconfig");
        }
        return new ConfigBase(t, null);
    }

    public String describe() {
        return makeTarget != null ? "make " + makeTarget : "config file " + configFile;
    }
}
