package io.github.dom0build.core.arch;

import io.github.dom0build.core.BuildException;
import io.github.dom0build.core.configure.XenstoredChoice;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A build for {@code target} on {@code host}, and what each tree needs to hear about it, the way each
 * documents it: the kernel takes {@code ARCH} and {@code CROSS_COMPILE}; Xen's makefiles take
 * {@code XEN_TARGET_ARCH} and {@code CROSS_COMPILE}, its configure {@code --build}/{@code --host} (which
 * also makes it look for {@code <triplet>-pkg-config}, so the multiarch {@code -dev:arm64} libraries are
 * found instead of the host's). A native build passes nothing, so its command lines and metadata stay
 * what they were before architectures existed.
 */
public record CrossBuild(Architecture target, Architecture host) {

    /** From the {@code arch} parameter, on this machine. */
    public static CrossBuild of(String arch) throws BuildException {
        return new CrossBuild(Architecture.parse(arch), Architecture.host());
    }

    public boolean cross() {
        return target.isCrossFrom(host);
    }

    /** {@code CROSS_COMPILE}, or {@code explicit} when the user named a toolchain prefix. */
    public String crossCompile(String explicit) {
        return explicit != null && !explicit.isBlank() ? explicit.strip() : target.crossCompileFrom(host);
    }

    /** The C compiler the build runs: the cross compiler's name, which deps checks and launchers wrap. */
    public String compiler() {
        return target.crossCompileFrom(host) + "gcc";
    }

    /** The make variables every Xen make call adds. */
    public Map<String, String> xenMakeVariables() {
        Map<String, String> v = new LinkedHashMap<>();
        if (cross()) {
            v.put("XEN_TARGET_ARCH", target.xenTargetArch());
            v.put("CROSS_COMPILE", target.crossCompileFrom(host));
        }
        return v;
    }

    /**
     * What Xen's configure adds: the build and host triplets, and no OCaml or Go tools, whose compilers
     * the distributions ship for the host only (configure would find the host's and build host binaries).
     */
    public List<String> xenConfigureArguments() {
        if (!cross()) {
            return List.of();
        }
        return List.of("--build=" + host.gnuTriplet(), "--host=" + target.gnuTriplet(), "--disable-ocamltools",
                "--disable-golang");
    }

    /** Fails for a xenstore daemon this build cannot make: oxenstored needs an OCaml cross compiler. */
    public void requireXenstored(XenstoredChoice xenstored) throws BuildException {
        if (cross() && xenstored == XenstoredChoice.OXENSTORED) {
            throw new BuildException("xenstored=oxenstored cannot be cross-built for " + target + " on " + host
                    + ": oxenstored is OCaml, and no distribution packages an OCaml cross compiler (ocamlopt"
                    + " makes " + host + " code only). Nothing was configured.",
                    "set xenstored to cxenstored (-Dxen.xenstored=cxenstored), the C daemon, which is the only one"
                            + " from Xen 4.21 on");
        }
    }
}
