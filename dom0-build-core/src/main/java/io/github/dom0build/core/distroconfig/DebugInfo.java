package io.github.dom0build.core.distroconfig;

import io.github.dom0build.core.BuildException;
import io.github.dom0build.core.text.Printable;
import java.util.Locale;

/**
 * What becomes of the base's debug information: a distribution config builds with full DWARF (and
 * BTF), which makes the build several times slower and the archive many times larger.
 */
public enum DebugInfo {
    /** As the base says. */
    KEEP,
    /** DEBUG_INFO_REDUCED: enough for backtraces with line numbers; no BTF. */
    REDUCED,
    /** No debug information (and so no BTF). */
    NONE;

    public String parameterValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static DebugInfo parse(String value) throws BuildException {
        for (DebugInfo d : values()) {
            if (d.parameterValue().equals(value == null ? "" : value.strip().toLowerCase(Locale.ROOT))) {
                return d;
            }
        }
        throw new BuildException("debugInfo '" + Printable.escape(String.valueOf(value)) + "' is none of keep, reduced,"
                + " none.", "set debugInfo to none (no debug information, the default), reduced or keep");
    }
}
