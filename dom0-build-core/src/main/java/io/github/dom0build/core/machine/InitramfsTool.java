package io.github.dom0build.core.machine;

import io.github.dom0build.core.BuildException;
import io.github.dom0build.core.deps.Distribution;
import java.util.List;

/**
 * The tool a distribution makes a kernel's initramfs with, as its own kernel packages run it: Debian and
 * Ubuntu's {@code update-initramfs}, Fedora's, RHEL's and SUSE's {@code dracut}, Arch's
 * {@code mkinitcpio}, or systemd's {@code kernel-install}, which runs the distribution's plugins (dracut
 * and the boot loader entries on Fedora). A distribution kernel keeps its disk and file system drivers
 * in modules and does not boot without one.
 */
public enum InitramfsTool {
    UPDATE_INITRAMFS("update-initramfs"), DRACUT("dracut"), MKINITCPIO("mkinitcpio"), KERNEL_INSTALL("kernel-install"),
    NONE("none");

    private final String value;

    InitramfsTool(String value) {
        this.value = value;
    }

    public String value() {
        return value;
    }

    /**
     * {@code auto} (the machine's distribution decides), or a tool by name.
     *
     * @param machine the distribution of the machine the kernel goes into, for {@code auto}
     */
    public static InitramfsTool choose(String setting, Distribution machine) throws BuildException {
        String s = setting == null || setting.isBlank() ? "auto" : setting.strip();
        if (s.equals("auto")) {
            if (machine.family() == Distribution.Family.DEBIAN) {
                return UPDATE_INITRAMFS;
            }
            if (machine.family() == Distribution.Family.FEDORA || machine.family() == Distribution.Family.SUSE) {
                return DRACUT;
            }
            if (machine.is("arch")) {
                return MKINITCPIO;
            }
            throw new BuildException("dom0-build does not know how " + machine.prettyName() + " makes a kernel's"
                    + " initramfs.", "set initramfs to update-initramfs, dracut, mkinitcpio, kernel-install or none");
        }
        for (InitramfsTool t : values()) {
            if (t.value.equals(s)) {
                return t;
            }
        }
        throw new BuildException("initramfs '" + setting + "' is none of auto, update-initramfs, dracut, mkinitcpio,"
                + " kernel-install, none.", "set initramfs to one of them");
    }

    /** The image this tool makes for {@code release}, as a path in the machine; null for none. */
    public String image(String release, Distribution machine) {
        return switch (this) {
            case UPDATE_INITRAMFS -> "/boot/initrd.img-" + release;
            case DRACUT, KERNEL_INSTALL -> machine.family() == Distribution.Family.SUSE ? "/boot/initrd-" + release
                    : "/boot/initramfs-" + release + ".img";
            case MKINITCPIO -> "/boot/initramfs-" + release + ".img";
            case NONE -> null;
        };
    }

    /** The command that makes (or remakes) the initramfs for a kernel installed at /boot/vmlinuz-release. */
    public List<String> add(String release, Distribution machine, boolean exists) {
        return switch (this) {
            case UPDATE_INITRAMFS -> List.of("update-initramfs", exists ? "-u" : "-c", "-k", release);
            case DRACUT -> List.of("dracut", "--force", image(release, machine), release);
            case MKINITCPIO -> List.of("mkinitcpio", "-k", release, "-g", image(release, machine));
            case KERNEL_INSTALL -> List.of("kernel-install", "add", release, "/boot/vmlinuz-" + release);
            case NONE -> List.of();
        };
    }

    /** The command that removes what {@link #add} made; empty where removing the image file is all. */
    public List<String> remove(String release) {
        return switch (this) {
            case UPDATE_INITRAMFS -> List.of("update-initramfs", "-d", "-k", release);
            case KERNEL_INSTALL -> List.of("kernel-install", "remove", release);
            case DRACUT, MKINITCPIO, NONE -> List.of();
        };
    }
}
