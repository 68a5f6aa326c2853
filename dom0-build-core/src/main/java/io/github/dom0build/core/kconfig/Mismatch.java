package io.github.dom0build.core.kconfig;

import java.util.List;

/**
 * A requested option the final .config does not hold: what was asked, by whom, what kconfig made of
 * it, and the lines that explain why (empty when the audit had no Kconfig index to consult).
 */
public record Mismatch(RequestedOption request, String actual, boolean actualInConfig, List<String> explanation) {
    public Mismatch {
        explanation = List.copyOf(explanation);
    }

    public String name() {
        return request.name();
    }

    public String requested() {
        return request.value();
    }

    /** Every source that requested the option, the one that counts last. */
    public List<String> sources() {
        return request.sources();
    }

    /** "CONFIG_X: requested y (xen.config:3), got n (not set)". */
    public String headline() {
        String got = !actualInConfig ? "n (absent from .config)" : "n".equals(actual) ? "n (not set)" : actual;
        return ConfigValues.PREFIX + name() + ": requested " + requested() + " (" + request.origin() + "), got " + got;
    }
}
