package io.github.dom0build.core.configure;

import java.util.List;
import java.util.Optional;

/**
 * Turns configure's error lines into the fix, per distribution family, for the failures Xen users
 * meet most: the reference recipe's list of build dependencies, made specific.
 */
final class ConfigureAdvice {
    private record Rule(String marker, String debian, String fedora, String suse, String alternative) {
    }

    private static final List<Rule> RULES = List.of(
            new Rule("Missing ocaml dependencies for oxenstored", "ocaml-nox ocaml-findlib", "ocaml ocaml-findlib",
                    "ocaml ocaml-compiler-libs ocaml-runtime ocaml-findlib", "or set xenstored=cxenstored"),
            new Rule("missing ocamlopt or ocamlfind", "ocaml-nox ocaml-findlib", "ocaml ocaml-findlib",
                    "ocaml ocaml-findlib", "or set xenstored=cxenstored"),
            new Rule("Unable to find systemd development library", "libsystemd-dev", "systemd-devel",
                    "systemd-devel", "or set systemd=false"),
            new Rule("Could not find yajl", "libyajl-dev", "yajl-devel", "libyajl-devel", null),
            new Rule("Could not find zlib", "zlib1g-dev", "zlib-devel", "zlib-devel", null),
            new Rule("Could not find libfdt", "libfdt-dev", "libfdt-devel", "libfdt-devel", null),
            new Rule("No python interpreter found", "python3-dev", "python3-devel", "python3-devel", null),
            new Rule("pixman-1", "libpixman-1-dev", "pixman-devel", "libpixman-1-0-devel", null),
            new Rule("glib-2.0", "libglib2.0-dev", "glib2-devel", "glib2-devel", null),
            new Rule("uuid", "uuid-dev", "libuuid-devel", "libuuid-devel", null),
            new Rule("Could not find lzma", "liblzma-dev", "xz-devel", "xz-devel", null),
            new Rule("iasl", "acpica-tools", "acpica-tools", "acpica", null),
            new Rule("Could not find argp", "libc6-dev", "glibc-devel", "glibc-devel", null));

    private ConfigureAdvice() {
    }

    static Optional<String> fixFor(List<String> outputLines) {
        for (String line : outputLines) {
            if (!line.contains("error")) {
                continue;
            }
            for (Rule r : RULES) {
                if (line.contains(r.marker())) {
                    return Optional.of("install the missing build dependency (Debian/Ubuntu: apt-get install "
                            + r.debian() + "; Fedora: dnf install " + r.fedora() + "; openSUSE: zypper install "
                            + r.suse() + ")" + (r.alternative() != null ? ", " + r.alternative() : "")
                            + "; the deps goal checks them all at once");
                }
            }
        }
        return Optional.empty();
    }
}
