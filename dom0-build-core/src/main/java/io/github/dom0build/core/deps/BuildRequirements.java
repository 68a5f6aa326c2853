package io.github.dom0build.core.deps;

import io.github.dom0build.core.arch.Architecture;
import io.github.dom0build.core.arch.CrossBuild;
import io.github.dom0build.core.kconfig.KernelConfig;
import io.github.dom0build.core.xen.XenVersion;
import java.util.ArrayList;
import java.util.List;

/**
 * What each build needs, by the configuration chosen: the reference recipe's per-distribution
 * dependency lists ({@code apt-get build-dep xen linux}, {@code zypper source-install -d},
 * {@code yum-builddep}, plus the extras it names for systemd and OCaml), as checks.
 */
public final class BuildRequirements {
    private BuildRequirements() {
    }

    public static List<Requirement> kernel() {
        return List.of(
                Requirement.program("make", "GNU make", "make", "make", "make"),
                Requirement.program("gcc", "C compiler", "gcc", "gcc", "gcc"),
                Requirement.program("flex", "Kconfig lexer", "flex", "flex", "flex"),
                Requirement.program("bison", "Kconfig parser", "bison", "bison", "bison"),
                Requirement.program("bc", "timeconst generation", "bc", "bc", "bc"),
                Requirement.program("perl", "build scripts", "perl", "perl", "perl"),
                Requirement.header("libelf.h", "objtool, libelf", "libelf-dev", "elfutils-libelf-devel", "libelf-devel"),
                Requirement.header("openssl/opensslv.h", "module signing, certificates", "libssl-dev", "openssl-devel",
                        "libopenssl-devel"));
    }

    /**
     * What a kernel configuration adds: BTF type information ({@code CONFIG_DEBUG_INFO_BTF}, on in
     * distribution configs) is made by pahole, which the recipe's list does not name; without it the build
     * fails at the very end, in the link of vmlinux.
     */
    public static List<Requirement> kernelConfig(KernelConfig config) {
        List<Requirement> r = new ArrayList<>();
        if ("y".equals(config.value("DEBUG_INFO_BTF"))) {
            r.add(Requirement.program("pahole",
                    "BTF type information (CONFIG_DEBUG_INFO_BTF; debugInfo=none turns it off)", "dwarves", "dwarves",
                    "dwarves"));
        }
        return r;
    }

    /**
     * What building for the {@code arch} parameter (a kernel {@code ARCH} value; empty: this machine's) adds,
     * checked by defconfig with the configuration: the cross compiler when it is another architecture
     * dom0-build knows.
     */
    public static List<Requirement> kernelCross(String arch) {
        Architecture target = Architecture.ofKernelArch(arch);
        return target != null && target.isCrossFrom(Architecture.host()) ? crossKernel(target) : List.of();
    }

    /**
     * What a cross build for {@code arch} adds to the kernel's: the distribution's cross compiler. The
     * Fedora and openSUSE names are their cross gcc packages, which build kernels but have no C library.
     */
    public static List<Requirement> crossKernel(Architecture arch) {
        return List.of(crossCompiler(arch));
    }

    /**
     * What a cross build of Xen for {@code arch} adds: the cross compiler with its C library, and each
     * library the tools link against in the target's multiarch directory (Debian's {@code -dev:arm64}
     * packages, after {@code dpkg --add-architecture arm64}); the host's headers alone would let configure
     * pass and the link fail. Debian only: other distributions ship no multiarch libraries.
     */
    public static List<Requirement> crossXen(Architecture arch) {
        String d = arch.debianArch();
        String lib = "/" + arch.multiarchLibDir() + "/";
        List<Requirement> r = new ArrayList<>(List.of(crossCompiler(arch),
                Requirement.file("/usr/" + arch.gnuTriplet() + "/include/stdio.h", "the " + arch + " C library",
                        "libc6-dev-" + d + "-cross", "glibc-devel", "cross-" + arch.gnuTriplet() + "-glibc-devel")));
        String[][] libs = {
            {"libyajl.so", "libxl JSON", "libyajl-dev"}, {"libz.so", "libxenguest", "zlib1g-dev"},
            {"liblzma.so", "libxenguest", "liblzma-dev"}, {"libzstd.so", "libxenguest", "libzstd-dev"},
            {"libuuid.so", "libxl", "uuid-dev"}, {"libncurses.so", "xentop", "libncurses-dev"},
            {"libglib-2.0.so", "qemu", "libglib2.0-dev"}, {"libpixman-1.so", "qemu display", "libpixman-1-dev"},
            {"libfdt.so", "libxl device trees", "libfdt-dev"}, {"libsystemd.so", "sd_notify", "libsystemd-dev"}};
        for (String[] l : libs) {
            String pkg = l[2] + ":" + d;
            r.add(Requirement.file(lib + l[0], l[1] + ", " + arch, pkg, pkg, pkg));
        }
        return r;
    }

    private static Requirement crossCompiler(Architecture arch) {
        String t = arch.gnuTriplet();
        return Requirement.program(t + "-gcc", "cross compiler for " + arch, "gcc-" + t, "gcc-" + t, "cross-"
                + t.replace("-linux-gnu", "") + "-gcc12");
    }

    /** What every Xen build needs, whatever configure is asked for. */
    public static List<Requirement> xen() {
        return List.of(
                Requirement.program("make", "GNU make", "make", "make", "make"),
                Requirement.program("gcc", "C compiler", "gcc", "gcc", "gcc"),
                Requirement.program("flex", "hypervisor Kconfig", "flex", "flex", "flex"),
                Requirement.program("bison", "hypervisor Kconfig", "bison", "bison", "bison"),
                Requirement.program("python3", "build scripts", "python3", "python3", "python3"),
                Requirement.program("iasl", "ACPI tables for hvmloader", "acpica-tools", "acpica-tools", "acpica"),
                Requirement.program("pkg-config", "library detection", "pkg-config", "pkgconf-pkg-config", "pkg-config"),
                Requirement.header("Python.h", "python bindings", "python3-dev", "python3-devel", "python3-devel"),
                Requirement.header("uuid/uuid.h", "libxl", "uuid-dev", "libuuid-devel", "libuuid-devel"),
                Requirement.header("yajl/yajl_version.h", "libxl JSON", "libyajl-dev", "yajl-devel", "libyajl-devel"),
                Requirement.header("zlib.h", "libxenguest", "zlib1g-dev", "zlib-devel", "zlib-devel"),
                Requirement.header("lzma.h", "libxenguest", "liblzma-dev", "xz-devel", "xz-devel"),
                Requirement.header("ncurses.h", "xentop", "libncurses-dev", "ncurses-devel", "ncurses-devel"),
                Requirement.pkgConfig("pixman-1", "qemu display", "libpixman-1-dev", "pixman-devel",
                        "libpixman-1-0-devel"),
                Requirement.pkgConfig("glib-2.0", "qemu", "libglib2.0-dev", "glib2-devel", "glib2-devel"));
    }

    /**
     * What a Xen configuration adds, checked by the configure goal, which knows it: for a native build the
     * 32-bit C library of x86's hvmloader and OCaml for oxenstored; for a cross build the cross compiler
     * and the target's libraries instead; the systemd headers for {@code --enable-systemd} before 4.19.
     *
     * @param version the tree's version, or null when it cannot be read (the oldest release's needs are
     *        assumed)
     * @param cross the architecture built for and on; null for a native build
     */
    public static List<Requirement> xenConfiguration(boolean oxenstored, boolean systemd, XenVersion version,
            CrossBuild cross) {
        List<Requirement> r = new ArrayList<>();
        boolean crossBuild = cross != null && cross.cross();
        if (crossBuild) {
            r.addAll(crossXen(cross.target()));
        } else if (Architecture.host() == Architecture.X86_64) {
            r.add(Requirement.header("gnu/stubs-32.h", "32-bit hvmloader", "gcc-multilib", "glibc-devel.i686",
                    "glibc-devel-32bit"));
        }
        if (oxenstored && !crossBuild) {
            r.add(Requirement.program("ocamlfind", "oxenstored", "ocaml-findlib", "ocaml-findlib", "ocaml-findlib"));
            r.add(Requirement.program("ocamlopt", "oxenstored", "ocaml-nox", "ocaml", "ocaml"));
        }
        if (systemd && (version == null || version.systemdNeedsLibsystemd())) {
            r.add(Requirement.pkgConfig("libsystemd", "systemd units and sd_notify", "libsystemd-dev",
                    "systemd-devel", "systemd-devel"));
        }
        return r;
    }
}
