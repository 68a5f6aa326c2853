package io.github.dom0build.core.kernel;

import io.github.dom0build.core.BuildException;
import io.github.dom0build.core.arch.Architecture;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A kernel source tree and where it builds: in place, or out of tree ({@code O=}), in which case the
 * .config and every output live in the build directory and the source stays pristine.
 */
public record KernelTree(Path source, Path build, KernelArch arch, String crossCompile) {

    /**
     * The tree for the {@code arch} and {@code crossCompile} parameters: a cross build for an architecture
     * dom0-build knows ({@code arm64} on an x86 machine) gets the distribution's toolchain prefix
     * ({@code aarch64-linux-gnu-}) unless {@code crossCompile} names another.
     */
    public static KernelTree of(Path source, Path build, String arch, String crossCompile) {
        KernelArch kernelArch = KernelArch.of(arch);
        String cc = crossCompile;
        Architecture target = Architecture.ofKernelArch(kernelArch.arch());
        if ((cc == null || cc.isBlank()) && target != null) {
            cc = target.crossCompileFrom(Architecture.host());
        }
        return new KernelTree(source, build, kernelArch, cc);
    }

    public boolean outOfTree() {
        return !source.toAbsolutePath().normalize().equals(build.toAbsolutePath().normalize());
    }

    public Path dotConfig() {
        return build.resolve(".config");
    }

    /** Fails unless the source looks like a kernel tree, before any make runs. */
    public void requireSource() throws BuildException {
        if (!Files.isRegularFile(source.resolve("Makefile")) || !Files.isRegularFile(source.resolve("Kconfig"))) {
            throw new BuildException(source + " is not a Linux source tree (no Makefile and Kconfig at its top).",
                    "check sourceDirectory, and that the fetch goal ran first");
        }
    }

    /** The make variables every kernel make call needs: {@code O=}, {@code ARCH=}, {@code CROSS_COMPILE=}. */
    public java.util.Map<String, String> makeVariables() {
        java.util.Map<String, String> v = new java.util.LinkedHashMap<>();
        if (outOfTree()) {
            v.put("O", build.toAbsolutePath().toString());
        }
        v.put("ARCH", arch.arch());
        if (crossCompile != null && !crossCompile.isBlank()) {
            v.put("CROSS_COMPILE", crossCompile.strip());
        }
        return v;
    }
}
