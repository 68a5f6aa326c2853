package io.github.dom0build.core.deps;

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
                Requirement.header("gnu/stubs-32.h", "32-bit hvmloader", "gcc-multilib", "glibc-devel.i686",
                        "glibc-devel-32bit"),
                Requirement.pkgConfig("pixman-1", "qemu display", "libpixman-1-dev", "pixman-devel",
                        "libpixman-1-0-devel"),
                Requirement.pkgConfig("glib-2.0", "qemu", "libglib2.0-dev", "glib2-devel", "glib2-devel"));
    }

    /**
     * What a Xen configuration adds, checked by the configure goal, which knows it: OCaml for oxenstored,
     * the systemd headers for {@code --enable-systemd} before 4.19.
     *
     * @param version the tree's version, or null when it cannot be read (the oldest release's needs are
     *        assumed)
     */
    public static List<Requirement> xenConfiguration(boolean oxenstored, boolean systemd, XenVersion version) {
        List<Requirement> r = new ArrayList<>();
        if (oxenstored) {
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
