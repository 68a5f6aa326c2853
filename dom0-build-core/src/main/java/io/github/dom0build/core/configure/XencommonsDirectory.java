package io.github.dom0build.core.configure;

import io.github.dom0build.core.deps.Distribution;
import io.github.dom0build.core.log.BuildLog;

/**
 * Where xencommons goes: {@code /etc/default} on Debian and Ubuntu, {@code /etc/sysconfig} on Fedora,
 * openSUSE and RHEL. Decided by the distribution the dom0 is built on (or the user), never by whether
 * the build host happens to have {@code /etc/sysconfig}, which is configure's own guess.
 */
public final class XencommonsDirectory {
    private XencommonsDirectory() {
    }

    /** {@code requested} when given, else the distribution's; the choice is logged with how to change it. */
    public static String choose(String requested, Distribution distro, BuildLog log) {
        if (requested != null && !requested.isBlank()) {
            return requested.strip();
        }
        Distribution.Family f = distro.family();
        String leaf = f == Distribution.Family.DEBIAN || f == Distribution.Family.UNKNOWN ? "default" : "sysconfig";
        log.info("xencommons goes to /etc/" + leaf + " (" + distro.prettyName() + "; set sysconfigDir to choose)");
        return leaf;
    }
}
