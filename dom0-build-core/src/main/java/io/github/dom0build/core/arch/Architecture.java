package io.github.dom0build.core.arch;

import io.github.dom0build.core.BuildException;
import java.util.Locale;

/**
 * The machine a dom0 is built for, and every name each tool has for it: the kernel's {@code ARCH}, Xen's
 * {@code XEN_TARGET_ARCH}, the GNU triplet that names the cross toolchain ({@code CROSS_COMPILE}) and
 * configure's {@code --host}, Debian's architecture (multiarch packages and library directories), the
 * ELF machine of the binaries, and the QEMU system emulator that boots it. One table, so that a cross
 * build never passes one tool's name to another.
 */
public enum Architecture {
    X86_64("x86_64", "amd64", "x86_64-linux-gnu", "x86", "bzImage", "x86_64", 62, "qemu-system-x86_64",
            "qemu-system-x86"),
    ARM64("arm64", "arm64", "aarch64-linux-gnu", "arm64", "Image", "arm64", 183, "qemu-system-aarch64",
            "qemu-system-arm");

    private final String name;
    private final String debian;
    private final String triplet;
    private final String kernelSrcArch;
    private final String kernelImage;
    private final String xenTargetArch;
    private final int elfMachine;
    private final String qemu;
    private final String qemuPackage;

    Architecture(String name, String debian, String triplet, String kernelSrcArch, String kernelImage,
            String xenTargetArch, int elfMachine, String qemu, String qemuPackage) {
        this.name = name;
        this.debian = debian;
        this.triplet = triplet;
        this.kernelSrcArch = kernelSrcArch;
        this.kernelImage = kernelImage;
        this.xenTargetArch = xenTargetArch;
        this.elfMachine = elfMachine;
        this.qemu = qemu;
        this.qemuPackage = qemuPackage;
    }

    /**
     * From the {@code arch} parameter: {@code x86_64} (also {@code amd64}) or {@code arm64} (also
     * {@code aarch64}); empty means the machine's own.
     */
    public static Architecture parse(String value) throws BuildException {
        if (value == null || value.isBlank()) {
            return host();
        }
        Architecture a = lookup(value);
        if (a == null) {
            throw new BuildException("arch '" + value.strip() + "' is not an architecture dom0-build builds for.",
                    "set arch to x86_64 or arm64 (or leave it empty for this machine's own)");
        }
        return a;
    }

    /** The machine this JVM runs on; x86_64 when it is neither (the build then fails where it must). */
    public static Architecture host() {
        Architecture a = lookup(System.getProperty("os.arch", ""));
        return a == null ? X86_64 : a;
    }

    /** The architecture a kernel {@code ARCH} value names, or null for one this table does not have. */
    public static Architecture ofKernelArch(String arch) {
        return arch == null ? null : lookup(arch);
    }

    private static Architecture lookup(String value) {
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "x86_64", "amd64", "x86" -> X86_64;
            case "arm64", "aarch64" -> ARM64;
            default -> null;
        };
    }

    /** The name the {@code arch} parameter, the metadata and the bundle check use. */
    public String id() {
        return name;
    }

    /** Debian's name: {@code dpkg --add-architecture}, {@code package:arch}. */
    public String debianArch() {
        return debian;
    }

    /** The GNU triplet: the cross compiler's prefix without the dash, configure's {@code --host}. */
    public String gnuTriplet() {
        return triplet;
    }

    /** The kernel's {@code ARCH} value. */
    public String kernelArch() {
        return name;
    }

    /** The kernel's {@code arch/} directory. */
    public String kernelSrcArch() {
        return kernelSrcArch;
    }

    /**
     * The kernel's boot image target: {@code bzImage} on x86; the uncompressed {@code Image} on arm64,
     * which Xen on Arm loads as dom0 from a boot module.
     */
    public String kernelImage() {
        return kernelImage;
    }

    /** Xen's {@code XEN_TARGET_ARCH}. */
    public String xenTargetArch() {
        return xenTargetArch;
    }

    /** The hypervisor's Kconfig {@code SRCARCH} ({@code xen/arch/<dir>}). */
    public String xenSrcArch() {
        return this == ARM64 ? "arm" : "x86";
    }

    /** {@code e_machine} in the ELF header of this architecture's programs. */
    public int elfMachine() {
        return elfMachine;
    }

    /** Where Debian's multiarch packages put this architecture's libraries. */
    public String multiarchLibDir() {
        return "usr/lib/" + triplet;
    }

    /** The QEMU system emulator that boots this architecture, and its Debian package. */
    public String qemuSystem() {
        return qemu;
    }

    public String qemuPackage() {
        return qemuPackage;
    }

    /**
     * The name xen:dist keeps the hypervisor's boot image under, in {@code usr/lib/xen/boot/} (outside
     * {@code /boot}, where grub would make an entry of it): on x86 the 32-bit multiboot ELF {@code xen/xen}
     * that QEMU's {@code -kernel} needs (it refuses xen.gz); on arm64 the same file is an arm64 boot Image
     * that QEMU's {@code -kernel}, U-Boot's {@code booti} and UEFI load.
     */
    public String xenBootImageName(String version) {
        return "xen-" + version + (this == ARM64 ? ".Image" : ".multiboot");
    }

    /** From Xen's {@code XEN_TARGET_ARCH} value, or null. */
    public static Architecture ofXenTargetArch(String value) {
        return value == null ? null : lookup(value);
    }

    /** True when building for this architecture on {@code host} needs a cross toolchain. */
    public boolean isCrossFrom(Architecture host) {
        return this != host;
    }

    /** {@code CROSS_COMPILE} for a build on {@code host}: empty for a native build. */
    public String crossCompileFrom(Architecture host) {
        return isCrossFrom(host) ? triplet + "-" : "";
    }

    @Override
    public String toString() {
        return name;
    }
}
