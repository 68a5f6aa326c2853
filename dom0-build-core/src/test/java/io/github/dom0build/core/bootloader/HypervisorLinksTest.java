package io.github.dom0build.core.bootloader;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dom0build.core.archive.TreeEntry;
import org.junit.jupiter.api.Test;

class HypervisorLinksTest {
    private static TreeEntry link(String path, String target) {
        return new TreeEntry(path, TreeEntry.Kind.SYMLINK, 0777, 0, null, target);
    }

    private static TreeEntry file(String path) {
        return new TreeEntry(path, TreeEntry.Kind.FILE, 0644, 10, "0".repeat(64), null);
    }

    @Test
    void theLinksXensInstallAddsAreUnversioned() {
        assertThat(HypervisorLinks.isUnversionedLink(link("boot/xen.gz", "xen-4.17.5.gz"))).isTrue();
        assertThat(HypervisorLinks.isUnversionedLink(link("boot/xen-4.gz", "xen-4.17.5.gz"))).isTrue();
        assertThat(HypervisorLinks.isUnversionedLink(link("boot/xen-4.17.gz", "xen-4.17.5.gz"))).isTrue();
    }

    @Test
    void theImageItselfAndOtherEntriesStay() {
        assertThat(HypervisorLinks.isUnversionedLink(file("boot/xen-4.17.5.gz"))).isFalse();
        assertThat(HypervisorLinks.isUnversionedLink(file("boot/xen.gz"))).isFalse();
        assertThat(HypervisorLinks.isUnversionedLink(link("boot/xen-4.17.5.config.link", "xen-4.17.5.config"))).isFalse();
        assertThat(HypervisorLinks.isUnversionedLink(link("boot/vmlinuz.gz", "vmlinuz-6.1.0"))).isFalse();
        assertThat(HypervisorLinks.isUnversionedLink(link("usr/lib/xen/boot/xen.gz", "xen-4.17.5.gz"))).isFalse();
        assertThat(HypervisorLinks.isUnversionedLink(new TreeEntry("boot/xen.gz", TreeEntry.Kind.DIRECTORY, 0755, 0,
                null, null))).isFalse();
    }
}
