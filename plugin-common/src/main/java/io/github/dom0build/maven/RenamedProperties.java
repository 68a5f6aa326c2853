package io.github.dom0build.maven;

import io.github.dom0build.core.BuildException;
import java.util.Map;
import java.util.Properties;

/**
 * Properties that were renamed when the parameter names became one scheme ({@code <prefix>.<parameter>},
 * goal-specific ones {@code <prefix>.<goalInCamelCase>.<name>}, every skip
 * {@code <prefix>.<goalInCamelCase>.skip}). Maven ignores a {@code -D} nobody reads, so a build still
 * passing an old name would silently do what it asked to avoid; it fails instead, naming the new one.
 * Properties of parameters that were removed fail the same way, saying what replaced them.
 */
final class RenamedProperties {
    static final Map<String, String> RENAMED = Map.of(
            "xen.grub-update.skip", "xen.grubUpdate.skip",
            "xen.systemd-enable.skip", "xen.systemdEnable.skip",
            "xen.offline", "xen.allowDownloads (inverted: -Dxen.allowDownloads=true where xen.offline was false)",
            "xen.bootTest.timeout", "xen.bootTest.bootTimeout");

    /** Removed parameters' properties, and what to do instead. */
    static final Map<String, String> REMOVED = Map.of(
            "xen.systemctl", "the goals run the systemctl on the PATH (else /usr/sbin, /sbin): put another first on"
                    + " the PATH to use it",
            "xen.ldconfig", "the goals run the ldconfig on the PATH (else /usr/sbin, /sbin): put another first on"
                    + " the PATH to use it",
            "kernel.stageDirectory", DroppedParameters.KERNEL_STAGE_PLACE + "; to install a kernel staged by other"
                    + " means, put it there, or install a published archive with -Dkernel.artifact",
            "xen.distDirectory", DroppedParameters.XEN_DIST_PLACE,
            "xen.setXenstored", "use -Dxen.xencommonsXenstored=unchanged where setXenstored was false; its default,"
                    + " configured, is what setXenstored=true did");

    /**
     * Map parameters, which Maven cannot fill from a {@code -D} string: their properties were dropped, so a
     * {@code -D} would be ignored without this.
     */
    static final Map<String, String> MAPS = Map.of(
            "kernel.makeVariables", "makeVariables", "xen.makeVariables", "makeVariables",
            "kernel.environment", "environment", "xen.environment", "environment");

    private RenamedProperties() {
    }

    /** Fails when {@code properties} (the {@code -D} ones, the POM's) set a property of an old name. */
    static void check(Properties... properties) throws BuildException {
        for (Properties p : properties) {
            if (p == null) {
                continue;
            }
            for (Map.Entry<String, String> e : RENAMED.entrySet()) {
                if (p.containsKey(e.getKey())) {
                    throw new BuildException("-D" + e.getKey() + " is no longer read: it was renamed to " + e.getValue()
                            + ", and ignoring it would do what it asked to avoid.", "use " + e.getValue());
                }
            }
            for (Map.Entry<String, String> e : REMOVED.entrySet()) {
                if (p.containsKey(e.getKey())) {
                    throw new BuildException("-D" + e.getKey() + " is no longer read: its parameter was removed.",
                            e.getValue() + ", and drop -D" + e.getKey());
                }
            }
            for (Map.Entry<String, String> e : MAPS.entrySet()) {
                if (p.containsKey(e.getKey())) {
                    throw new BuildException("-D" + e.getKey() + " is not read: " + e.getValue() + " is a map, and"
                            + " Maven cannot make one of a -D string.", "name the variable in the POM with a property"
                            + " of your own, <" + e.getValue() + "><NAME>${my.name}</NAME></" + e.getValue()
                            + ">, and give -Dmy.name=...");
                }
            }
        }
    }
}
