package io.github.dom0build.core.metadata;

import java.util.List;
import java.util.Map;

/**
 * How the tree was configured. The kernel: the shipped {@code file}, its {@code digest}, the Kconfig
 * {@code audit} and the {@code inputs} that decided it. Xen: the {@code configure} arguments and what
 * configure recorded ({@code xenstored}, {@code systemd}, {@code sysconfigDir}), and the hypervisor's
 * own Kconfig digest and audit.
 */
public record BuildConfig(String file, String digest, Audit audit, KconfigInputs inputs, List<String> configure,
        String xenstored, Boolean systemd, String sysconfigDir, String hypervisorConfigDigest,
        Audit hypervisorAudit) {

    public static BuildConfig kernel(String file, String digest, Audit audit, KconfigInputs inputs) {
        return new BuildConfig(file, digest, audit, inputs, null, null, null, null, null, null);
    }

    /** Every requested option checked in the final config: how many, and each one Kconfig dropped. */
    public record Audit(int requested, boolean clean, List<Mismatch> mismatches) {
    }

    /** A requested option whose final value differs, with Kconfig's reasons. */
    public record Mismatch(String option, String requested, String actual, List<String> explanation) {
    }

    /**
     * What decided the config: the base ({@code target:<defconfig>} or {@code file:<digest>}), the
     * requested values, the make variables, a digest of the source records, and what was done to a
     * distribution's base.
     */
    public record KconfigInputs(String base, Map<String, String> request, Map<String, String> make, String sources,
            BaseAdjustment baseAdjustment) {
    }

    /** A distribution base made fit: upstream merge targets, a module list, kept settings, debug info. */
    public record BaseAdjustment(List<String> mergeTargets, String localModules, String moduleSigningKey,
            List<String> keepDistributionSettings, String debugInfo) {
    }
}
