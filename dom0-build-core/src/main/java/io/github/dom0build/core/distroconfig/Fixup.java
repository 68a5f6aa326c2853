package io.github.dom0build.core.distroconfig;

import io.github.dom0build.core.BuildException;
import io.github.dom0build.core.text.Printable;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** The settings of a distribution's config that break or bloat a build from upstream sources, by name. */
public enum Fixup {
    /** SYSTEM_TRUSTED_KEYS naming a certificate file of the distribution's own packaging tree. */
    TRUSTED_KEYS("trusted-keys"),
    /** SYSTEM_REVOCATION_KEYS, the same. */
    REVOCATION_KEYS("revocation-keys"),
    /** MODULE_SIG with the distribution's key or an ephemeral one: modules that differ on every build. */
    MODULE_SIGNING("module-signing"),
    /** BUILD_SALT, which marks the distribution's own builds' build IDs. */
    BUILD_SALT("build-salt");

    private final String id;

    Fixup(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    /** The fixups named in {@code keepDistributionSettings}, checked. */
    public static Set<Fixup> parse(List<String> names) throws BuildException {
        Set<Fixup> out = EnumSet.noneOf(Fixup.class);
        for (String n : names == null ? List.<String>of() : names) {
            String v = n.strip().toLowerCase(Locale.ROOT);
            out.add(Arrays.stream(values()).filter(f -> f.id.equals(v)).findFirst().orElseThrow(
                    () -> new BuildException("keepDistributionSettings names '" + Printable.escape(n) + "', which is no"
                            + " fixup.", "use the names " + Arrays.stream(values()).map(Fixup::id)
                                    .collect(Collectors.joining(", ")))));
        }
        return out;
    }
}
