package io.github.dom0build.core.userland;

import io.github.dom0build.core.io.Sha256;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.TreeSet;

/**
 * A distribution userland to make with mmdebstrap: the suite, the Debian architecture, the packages on
 * top of the minimal base, the apt sources to take them from (deb822), where made userlands are kept,
 * and whether the package registry may be asked (not under Maven's {@code -o}).
 */
public record UserlandRequest(String suite, String architecture, List<String> packages, String sources,
        String mmdebstrap, Instant timestamp, Path cacheDirectory, boolean offline) {
    /** mmdebstrap's smallest variant that still has apt: Essential, Priority required, apt. */
    static final String VARIANT = "minbase";

    /** Documentation a boot image does not need (a package's copyright stays, as Debian policy asks). */
    static final List<String> DPKG_OPTIONS = List.of("path-exclude=/usr/share/man/*", "path-exclude=/usr/share/doc/*",
            "path-include=/usr/share/doc/*/copyright", "path-exclude=/usr/share/info/*",
            "path-exclude=/usr/share/locale/*");

    public UserlandRequest {
        packages = List.copyOf(new TreeSet<>(packages));
    }

    /** Names everything that decides which packages are asked for, but not which versions come. */
    String requestKey() {
        String text = "dom0-build userland 1\nsuite " + suite + "\narch " + architecture + "\nvariant " + VARIANT
                + "\npackages " + String.join(",", packages) + "\ndpkg " + String.join(" ", DPKG_OPTIONS)
                + "\nsources\n" + sources;
        return Sha256.of(text.getBytes(StandardCharsets.UTF_8)).substring(0, 16);
    }

    String describe() {
        return "Debian " + suite + " " + architecture + " (" + VARIANT + " + " + String.join(", ", packages) + ")";
    }
}
