package io.github.dom0build.core.deps;

import java.util.Map;

/**
 * One thing a build needs, how to tell whether the machine has it, and the package that provides it
 * in each distribution family.
 */
public record Requirement(String description, Kind kind, String probe, Map<Distribution.Family, String> packages) {
    /** How {@link #probe} is checked. */
    public enum Kind {
        /** A program on the PATH. */
        PROGRAM,
        /** A header under the system include directories. */
        HEADER,
        /** A pkg-config module. */
        PKG_CONFIG,
        /** A file at a fixed path, such as another architecture's library in its multiarch directory. */
        FILE
    }

    public static Requirement program(String name, String description, String debian, String fedora, String suse) {
        return new Requirement(description, Kind.PROGRAM, name, packages(debian, fedora, suse));
    }

    public static Requirement header(String path, String description, String debian, String fedora, String suse) {
        return new Requirement(description, Kind.HEADER, path, packages(debian, fedora, suse));
    }

    public static Requirement pkgConfig(String module, String description, String debian, String fedora,
            String suse) {
        return new Requirement(description, Kind.PKG_CONFIG, module, packages(debian, fedora, suse));
    }

    /** A file at {@code path}: the probe for what has no program, header or pkg-config name of its own. */
    public static Requirement file(String path, String description, String debian, String fedora, String suse) {
        return new Requirement(description, Kind.FILE, path, packages(debian, fedora, suse));
    }

    private static Map<Distribution.Family, String> packages(String debian, String fedora, String suse) {
        return Map.of(Distribution.Family.DEBIAN, debian, Distribution.Family.FEDORA, fedora, Distribution.Family.SUSE,
                suse);
    }

    public String packageFor(Distribution.Family family) {
        return packages.get(family);
    }

    @Override
    public String toString() {
        return switch (kind) {
            case PROGRAM -> probe + " (" + description + ")";
            case HEADER -> "<" + probe + "> (" + description + ")";
            case PKG_CONFIG -> "pkg-config " + probe + " (" + description + ")";
            case FILE -> probe + " (" + description + ")";
        };
    }
}
