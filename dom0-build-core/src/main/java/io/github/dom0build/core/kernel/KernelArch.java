package io.github.dom0build.core.kernel;

import java.util.Locale;

/**
 * The kernel's view of an architecture: the {@code ARCH} make variable, the {@code arch/} directory it
 * builds in ({@code SRCARCH}), and the boot image that directory produces.
 */
public record KernelArch(String arch, String srcArch, String imageTarget) {

    /** From a make {@code ARCH} value, or from the JVM's {@code os.arch} when {@code arch} is empty. */
    public static KernelArch of(String arch) {
        String a = arch == null || arch.isBlank() ? fromJvm(System.getProperty("os.arch")) : arch.strip();
        return switch (a.toLowerCase(Locale.ROOT)) {
            case "x86_64", "x86", "i386", "amd64" -> new KernelArch(a, "x86", "bzImage");
            // The uncompressed Image: what Xen on Arm loads as dom0 from a boot module, and what QEMU's
            // guest-loader hands it.
            case "arm64", "aarch64" -> new KernelArch("arm64", "arm64", "Image");
            case "arm" -> new KernelArch("arm", "arm", "zImage");
            case "riscv" -> new KernelArch("riscv", "riscv", "Image");
            case "powerpc" -> new KernelArch("powerpc", "powerpc", "zImage");
            default -> new KernelArch(a, a, "all");
        };
    }

    private static String fromJvm(String osArch) {
        return switch (osArch == null ? "" : osArch) {
            case "amd64", "x86_64" -> "x86_64";
            case "aarch64" -> "arm64";
            case "x86", "i386", "i686" -> "i386";
            default -> osArch;
        };
    }

    /** Where the boot image lands, relative to the build (O=) directory. */
    public String imagePath() {
        return "arch/" + srcArch + "/boot/" + imageTarget;
    }
}
