package io.github.dom0build.core.machine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dom0build.core.BuildException;
import io.github.dom0build.core.deps.Distribution;
import java.util.List;
import org.junit.jupiter.api.Test;

class InitramfsToolTest {
    private static final Distribution DEBIAN = Distribution.parse("ID=debian\nPRETTY_NAME=\"Debian GNU/Linux 12\"\n");
    private static final Distribution UBUNTU = Distribution.parse("ID=ubuntu\nID_LIKE=debian\n");
    private static final Distribution FEDORA = Distribution.parse("ID=fedora\n");
    private static final Distribution SUSE = Distribution.parse("ID=opensuse-tumbleweed\nID_LIKE=\"opensuse suse\"\n");
    private static final Distribution ARCH = Distribution.parse("ID=arch\n");
    private static final Distribution GENTOO = Distribution.parse("ID=gentoo\nPRETTY_NAME=Gentoo\n");

    @Test
    void autoTakesWhatTheMachinesDistributionUses() throws Exception {
        assertThat(InitramfsTool.choose("auto", DEBIAN)).isEqualTo(InitramfsTool.UPDATE_INITRAMFS);
        assertThat(InitramfsTool.choose(null, UBUNTU)).isEqualTo(InitramfsTool.UPDATE_INITRAMFS);
        assertThat(InitramfsTool.choose("auto", FEDORA)).isEqualTo(InitramfsTool.DRACUT);
        assertThat(InitramfsTool.choose("auto", SUSE)).isEqualTo(InitramfsTool.DRACUT);
        assertThat(InitramfsTool.choose("auto", ARCH)).isEqualTo(InitramfsTool.MKINITCPIO);
        assertThat(InitramfsTool.choose("kernel-install", FEDORA)).isEqualTo(InitramfsTool.KERNEL_INSTALL);
        assertThat(InitramfsTool.choose("none", GENTOO)).isEqualTo(InitramfsTool.NONE);
        assertThatThrownBy(() -> InitramfsTool.choose("auto", GENTOO)).isInstanceOf(BuildException.class)
                .hasMessageContaining("does not know how Gentoo makes a kernel's initramfs");
        assertThatThrownBy(() -> InitramfsTool.choose("genkernel", GENTOO)).hasMessageContaining("is none of auto");
    }

    @Test
    void theCommandsAndImagesAsEachDistributionNamesThem() {
        assertThat(InitramfsTool.UPDATE_INITRAMFS.add("6.1.176", DEBIAN, false)).containsExactly("update-initramfs", "-c",
                "-k", "6.1.176");
        assertThat(InitramfsTool.UPDATE_INITRAMFS.add("6.1.176", DEBIAN, true)).containsExactly("update-initramfs", "-u",
                "-k", "6.1.176");
        assertThat(InitramfsTool.UPDATE_INITRAMFS.image("6.1.176", DEBIAN)).isEqualTo("/boot/initrd.img-6.1.176");
        assertThat(InitramfsTool.UPDATE_INITRAMFS.remove("6.1.176")).containsExactly("update-initramfs", "-d", "-k",
                "6.1.176");
        assertThat(InitramfsTool.DRACUT.add("6.1.176", FEDORA, false)).containsExactly("dracut", "--force",
                "/boot/initramfs-6.1.176.img", "6.1.176");
        assertThat(InitramfsTool.DRACUT.image("6.1.176", SUSE)).isEqualTo("/boot/initrd-6.1.176");
        assertThat(InitramfsTool.MKINITCPIO.add("6.1.176", ARCH, false)).containsExactly("mkinitcpio", "-k", "6.1.176",
                "-g", "/boot/initramfs-6.1.176.img");
        assertThat(InitramfsTool.KERNEL_INSTALL.add("6.1.176", FEDORA, false)).containsExactly("kernel-install", "add",
                "6.1.176", "/boot/vmlinuz-6.1.176");
        assertThat(InitramfsTool.KERNEL_INSTALL.remove("6.1.176")).isEqualTo(List.of("kernel-install", "remove",
                "6.1.176"));
        assertThat(InitramfsTool.DRACUT.remove("6.1.176")).as("only the image to delete").isEmpty();
    }

    @Test
    void kernelReleasesFromAStageAndFromAManifest() {
        assertThat(KernelReleases.listed(List.of("/boot/vmlinuz-6.1.176", "/boot/config-6.1.176", "/boot/vmlinuz-",
                "/usr/lib/modules/6.1.176/kernel/x.ko"))).containsExactly("6.1.176");
    }
}
