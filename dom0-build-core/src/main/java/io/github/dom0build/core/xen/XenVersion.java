package io.github.dom0build.core.xen;

import io.github.dom0build.core.BuildException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Xen source tree's release, read from {@code xen/Makefile} without running make (every release
 * since 3.x sets {@code XEN_VERSION} and {@code XEN_SUBVERSION} there), and what changed between
 * releases that the build must follow.
 */
public record XenVersion(int major, int minor) implements Comparable<XenVersion> {
    private static final Pattern LINE =
            Pattern.compile("(?m)^\\s*(?:export\\s+)?XEN_(SUB)?VERSION\\s*[:?]?=\\s*(\\d+)\\s*$");

    /** The release that stopped linking the tools against libsystemd for {@code --enable-systemd}. */
    public static final XenVersion NO_LIBSYSTEMD = new XenVersion(4, 19);
    /** The release that deprecated the in-tree oxenstored. */
    public static final XenVersion OXENSTORED_DEPRECATED = new XenVersion(4, 21);

    /** The version of the tree at {@code source}, or empty when it has no readable {@code xen/Makefile}. */
    public static Optional<XenVersion> of(Path source) throws BuildException {
        Path makefile = source.resolve("xen/Makefile");
        if (!Files.isRegularFile(makefile)) {
            return Optional.empty();
        }
        String text;
        try {
            text = Files.readString(makefile, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new BuildException("Cannot read " + makefile + ": " + e.getMessage(), "check its permissions", e);
        }
        Integer major = null;
        Integer minor = null;
        Matcher m = LINE.matcher(text);
        while (m.find()) {
            if (m.group(1) == null && major == null) {
                major = Integer.parseInt(m.group(2));
            } else if (m.group(1) != null && minor == null) {
                minor = Integer.parseInt(m.group(2));
            }
        }
        return major == null || minor == null ? Optional.empty() : Optional.of(new XenVersion(major, minor));
    }

    /** Before 4.19, {@code --enable-systemd} needs the libsystemd headers (sd_notify). */
    public boolean systemdNeedsLibsystemd() {
        return compareTo(NO_LIBSYSTEMD) < 0;
    }

    public boolean oxenstoredDeprecated() {
        return compareTo(OXENSTORED_DEPRECATED) >= 0;
    }

    @Override
    public int compareTo(XenVersion o) {
        return major != o.major ? Integer.compare(major, o.major) : Integer.compare(minor, o.minor);
    }

    @Override
    public String toString() {
        return major + "." + minor;
    }
}
