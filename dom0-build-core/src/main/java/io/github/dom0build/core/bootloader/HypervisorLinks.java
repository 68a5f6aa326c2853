package io.github.dom0build.core.bootloader;

import io.github.dom0build.core.archive.TreeEntry;

/**
 * Xen's install adds {@code boot/xen.gz}, {@code xen-4.gz} and {@code xen-4.17.gz} as links to the
 * versioned image. grub's 20_linux_xen gives every {@code /boot/xen*} its own submenu, links included,
 * so installs leave these out by default: one hypervisor, one menu.
 */
public final class HypervisorLinks {
    private HypervisorLinks() {
    }

    public static boolean isUnversionedLink(TreeEntry e) {
        return e.kind() == TreeEntry.Kind.SYMLINK && e.path().startsWith("boot/xen") && e.path().endsWith(".gz");
    }
}
