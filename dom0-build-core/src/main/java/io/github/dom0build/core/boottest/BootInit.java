package io.github.dom0build.core.boottest;

/**
 * What runs as dom0's init in the boot test: a busybox script that starts the xenstore daemon by hand
 * (quick, needs no package registry), or systemd from a distribution userland, which starts the Xen
 * units the way a machine does.
 */
public enum BootInit {
    BUSYBOX, SYSTEMD;

    public static BootInit parse(String value) throws io.github.dom0build.core.BuildException {
        for (BootInit i : values()) {
            if (i.name().equalsIgnoreCase(value == null ? "" : value.strip())) {
                return i;
            }
        }
        throw new io.github.dom0build.core.BuildException("init '" + value + "' is neither systemd nor busybox.",
                "set init to systemd (the default: the Xen units as a machine starts them) or busybox (a quick check"
                        + " without a userland)");
    }

    public String label() {
        return name().toLowerCase();
    }
}
