package io.github.dom0build.core.bootloader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.github.dom0build.core.BuildException;
import io.github.dom0build.core.bootloader.GrubConfigCheck.XenEntry;
import java.util.List;
import org.junit.jupiter.api.Test;

class GrubConfigCheckTest {
    /** What Debian's grub 2.06 20_linux_xen prints for one hypervisor and one dom0 kernel, plus a plain Linux entry. */
    static final String GRUB_CFG = """
            ### BEGIN /etc/grub.d/10_linux ###
            menuentry 'Debian GNU/Linux' --class debian --class gnu-linux --class gnu --class os $menuentry_id_option 'gnulinux-simple-4f1e' {
            	load_video
            	insmod gzio
            	insmod part_gpt
            	insmod ext2
            	echo	'Loading Linux 6.1.0-18-amd64 ...'
            	linux	/boot/vmlinuz-6.1.0-18-amd64 root=UUID=4f1e ro  quiet
            	echo	'Loading initial ramdisk ...'
            	initrd	/boot/initrd.img-6.1.0-18-amd64
            }
            ### END /etc/grub.d/10_linux ###

            ### BEGIN /etc/grub.d/20_linux_xen ###
            menuentry 'Debian GNU/Linux, with Xen hypervisor' --class debian --class gnu-linux --class gnu --class os --class xen $menuentry_id_option 'xen-gnulinux-simple-4f1e' {
            	insmod part_gpt
            	insmod ext2
            	search --no-floppy --fs-uuid --set=root 4f1e
            	echo	'Loading Xen 4.17.5 ...'
                    if [ "$grub_platform" = "pc" -o "$grub_platform" = "" ]; then
                        xen_rm_opts=
                    else
                        xen_rm_opts="no-real-mode edd=off"
                    fi
            	multiboot2	/boot/xen-4.17.5.gz placeholder   ${xen_rm_opts}
            	echo	'Loading Linux 6.1.176-dom0 ...'
            	module2	/boot/vmlinuz-6.1.176-dom0 placeholder root=UUID=4f1e ro  quiet
            	echo	'Loading initial ramdisk ...'
            	module2	--nounzip   /boot/initrd.img-6.1.176-dom0
            }
            submenu 'Advanced options for Debian GNU/Linux (with Xen hypervisor)' $menuentry_id_option 'gnulinux-advanced-4f1e' {
            	submenu 'Xen hypervisor, version 4.17.5' $menuentry_id_option 'xen-hypervisor-4.17.5-4f1e' {
            		menuentry 'Debian GNU/Linux, with Xen 4.17.5 and Linux 6.1.176-dom0' --class debian --class xen $menuentry_id_option 'xen-gnulinux-6.1.176-dom0-advanced-4f1e' {
            			insmod part_gpt
            			echo	'Loading Xen 4.17.5 ...'
            			multiboot2	/boot/xen-4.17.5.gz placeholder   ${xen_rm_opts}
            			echo	'Loading Linux 6.1.176-dom0 ...'
            			module2	/boot/vmlinuz-6.1.176-dom0 placeholder root=UUID=4f1e ro  quiet
            			echo	'Loading initial ramdisk ...'
            			module2	--nounzip   /boot/initrd.img-6.1.176-dom0
            		}
            		menuentry 'Debian GNU/Linux, with Xen 4.17.5 and Linux 6.1.176-dom0 (recovery mode)' --class debian --class xen $menuentry_id_option 'xen-gnulinux-6.1.176-dom0-recovery-4f1e' {
            			multiboot2	/boot/xen-4.17.5.gz placeholder   ${xen_rm_opts}
            			module2	/boot/vmlinuz-6.1.176-dom0 placeholder root=UUID=4f1e ro single
            			module2	--nounzip   /boot/initrd.img-6.1.176-dom0
            		}
            	}
            }
            ### END /etc/grub.d/20_linux_xen ###
            """;

    /** An older grub (2.02) on a separate /boot partition: multiboot and module, paths relative to /boot. */
    static final String OLD_GRUB_CFG = """
            menuentry 'Debian GNU/Linux, with Xen 4.11 and Linux 4.19.0-dom0' --class debian --class xen {
            	echo	'Loading Xen 4.11 ...'
            	multiboot	/xen-4.11.gz placeholder
            	echo	'Loading Linux 4.19.0-dom0 ...'
            	module	/vmlinuz-4.19.0-dom0 placeholder root=/dev/sda2 ro
            	module	--nounzip   /initrd.img-4.19.0-dom0
            }
            """;

    @Test
    void findsEachXenEntryWithItsHypervisorAndKernel() {
        List<XenEntry> entries = GrubConfigCheck.xenEntries(GRUB_CFG);
        assertThat(entries).extracting(XenEntry::title, XenEntry::hypervisor, XenEntry::kernel).containsExactly(
                tuple("Debian GNU/Linux, with Xen hypervisor", "/boot/xen-4.17.5.gz", "/boot/vmlinuz-6.1.176-dom0"),
                tuple("Debian GNU/Linux, with Xen 4.17.5 and Linux 6.1.176-dom0", "/boot/xen-4.17.5.gz",
                        "/boot/vmlinuz-6.1.176-dom0"),
                tuple("Debian GNU/Linux, with Xen 4.17.5 and Linux 6.1.176-dom0 (recovery mode)",
                        "/boot/xen-4.17.5.gz", "/boot/vmlinuz-6.1.176-dom0"));
    }

    @Test
    void readsEachEntrysIdTheSubmenusAroundItAndTheArgumentsOfBothLoaders() {
        List<XenEntry> entries = GrubConfigCheck.xenEntries(GRUB_CFG);
        assertThat(entries).extracting(XenEntry::idPath).containsExactly("xen-gnulinux-simple-4f1e",
                "gnulinux-advanced-4f1e>xen-hypervisor-4.17.5-4f1e>xen-gnulinux-6.1.176-dom0-advanced-4f1e",
                "gnulinux-advanced-4f1e>xen-hypervisor-4.17.5-4f1e>xen-gnulinux-6.1.176-dom0-recovery-4f1e");
        XenEntry advanced = entries.get(1);
        assertThat(advanced.id()).isEqualTo("xen-gnulinux-6.1.176-dom0-advanced-4f1e");
        assertThat(advanced.submenus()).containsExactly(
                new XenEntry.Menu("Advanced options for Debian GNU/Linux (with Xen hypervisor)",
                        "gnulinux-advanced-4f1e"),
                new XenEntry.Menu("Xen hypervisor, version 4.17.5", "xen-hypervisor-4.17.5-4f1e"));
        assertThat(advanced.titlePath()).isEqualTo("Advanced options for Debian GNU/Linux (with Xen hypervisor)"
                + ">Xen hypervisor, version 4.17.5>Debian GNU/Linux, with Xen 4.17.5 and Linux 6.1.176-dom0");
        assertThat(entries.get(0).hypervisorArguments()).isEqualTo("placeholder   ${xen_rm_opts}");
        assertThat(entries.get(0).kernelArguments()).isEqualTo("placeholder root=UUID=4f1e ro  quiet");
        assertThat(entries.get(2).kernelArguments()).isEqualTo("placeholder root=UUID=4f1e ro single");
    }

    @Test
    void theEntryForAReleaseIsTheTopLevelOneWhenItBootsItElseTheFirstInTheSubmenus() {
        List<XenEntry> entries = GrubConfigCheck.xenEntries(GRUB_CFG);
        assertThat(GrubConfigCheck.entryFor(entries, "6.1.176-dom0")).isSameAs(entries.get(0));
        // the top-level entry boots the newest kernel; an older one is only in the submenus
        String older = GRUB_CFG.replace("/boot/vmlinuz-6.1.176-dom0 placeholder root=UUID=4f1e ro  quiet\n\tech",
                "/boot/vmlinuz-6.2.0-dom0 placeholder root=UUID=4f1e ro  quiet\n\tech");
        List<XenEntry> two = GrubConfigCheck.xenEntries(older);
        assertThat(two.get(0).kernel()).isEqualTo("/boot/vmlinuz-6.2.0-dom0");
        assertThat(GrubConfigCheck.entryFor(two, "6.1.176-dom0")).isSameAs(two.get(1));
        assertThat(GrubConfigCheck.entryFor(two, "5.10.0")).isNull();
    }

    @Test
    void titlesAreReadAsGrubQuotesThemAndTheirAnglesDoubledInThePath() {
        String cfg = """
                submenu 'Bob'\\''s > options' $menuentry_id_option 'bob-advanced' {
                	menuentry 'Bob'\\''s Xen' --class xen $menuentry_id_option "xen-bob" {
                		multiboot2	/boot/xen.gz placeholder dom0_mem=1G
                		module2	/boot/vmlinuz-6.1.0 placeholder ro
                	}
                }
                """;
        XenEntry e = GrubConfigCheck.xenEntries(cfg).get(0);
        assertThat(e.title()).isEqualTo("Bob's Xen");
        assertThat(e.idPath()).isEqualTo("bob-advanced>xen-bob");
        assertThat(e.titlePath()).isEqualTo("Bob's >> options>Bob's Xen");
    }

    @Test
    void readsTheOlderMultibootAndModuleForm() {
        List<XenEntry> entries = GrubConfigCheck.xenEntries(OLD_GRUB_CFG);
        assertThat(entries).extracting(XenEntry::title, XenEntry::hypervisor, XenEntry::kernel).containsExactly(tuple(
                "Debian GNU/Linux, with Xen 4.11 and Linux 4.19.0-dom0", "/xen-4.11.gz", "/vmlinuz-4.19.0-dom0"));
        assertThat(entries.get(0).id()).as("grub 2.02 wrote no ids here").isNull();
        assertThat(entries.get(0).idPath()).isNull();
    }

    @Test
    void aPlainLinuxEntryIsNoXenEntry() {
        String plain = GRUB_CFG.substring(0, GRUB_CFG.indexOf("### BEGIN /etc/grub.d/20_linux_xen"));
        assertThat(GrubConfigCheck.xenEntries(plain)).isEmpty();
    }

    @Test
    void requirePassesWhenEveryReleaseHasAnEntry() throws Exception {
        assertThat(GrubConfigCheck.require(GRUB_CFG, "boot/grub/grub.cfg", List.of("6.1.176-dom0"))).hasSize(3);
        assertThat(GrubConfigCheck.require(GRUB_CFG, "boot/grub/grub.cfg", List.of())).hasSize(3);
        assertThat(GrubConfigCheck.require(OLD_GRUB_CFG, "grub.cfg", List.of("4.19.0-dom0"))).hasSize(1);
    }

    @Test
    void requireNamesTheReleaseWithoutAnEntry() {
        assertThatThrownBy(() -> GrubConfigCheck.require(GRUB_CFG, "boot/grub/grub.cfg",
                List.of("6.1.176-dom0", "6.1.176", "6.2.0-dom0"))).isInstanceOfSatisfying(BuildException.class, e -> {
                    assertThat(e.problem()).isEqualTo("The generated boot/grub/grub.cfg has no Xen entry that boots Linux"
                            + " 6.1.176, 6.2.0-dom0 (3 Xen entries found).");
                    assertThat(e.fix()).contains("CONFIG_XEN_DOM0=y");
                });
    }

    @Test
    void requireFailsWithoutAnyXenEntry() {
        String plain = GRUB_CFG.substring(0, GRUB_CFG.indexOf("### BEGIN /etc/grub.d/20_linux_xen"));
        assertThatThrownBy(() -> GrubConfigCheck.require(plain, "grub.cfg", List.of()))
                .isInstanceOfSatisfying(BuildException.class, e -> assertThat(e.problem()).isEqualTo(
                        "The generated grub.cfg has no Xen entry that boots a dom0 kernel (0 Xen entries found)."));
    }
}
