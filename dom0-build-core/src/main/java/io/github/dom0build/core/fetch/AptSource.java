package io.github.dom0build.core.fetch;

import io.github.dom0build.core.metadata.Sources;

/**
 * A Debian source package, {@code apt:<name>[=<version>]}: the upstream orig tarball that Debian
 * ships unmodified, fetched through apt from the distribution's mirror (for machines that reach a
 * mirror but not the upstream hosts). With {@code debianPatches}, Debian's {@code debian/} directory is
 * unpacked beside the tree as well, so a build can apply {@code debian/patches/series}.
 */
public record AptSource(String packageName, String version, boolean debianPatches) implements SourceSpec {
    @Override
    public Sources.Identity identity() {
        return Sources.Identity.apt(packageName, version, debianPatches);
    }

    /** {@code name} or {@code name=version}, as apt-get source takes it. */
    public String aptArgument() {
        return version == null ? packageName : packageName + "=" + version;
    }

    @Override
    public String describe() {
        return "Debian source package " + aptArgument() + " (upstream tarball"
                + (debianPatches ? ", plus debian/ beside it" : "") + ")";
    }
}
