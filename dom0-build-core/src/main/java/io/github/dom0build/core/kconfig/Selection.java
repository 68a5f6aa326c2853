package io.github.dom0build.core.kconfig;

import java.util.Optional;

/**
 * A {@code select TARGET [if COND]} or {@code imply TARGET [if COND]} in the definition of
 * {@code selector}. A select forces the target to at least min(selector, COND), whatever the target's
 * own dependencies; an imply only suggests a default.
 */
public record Selection(Kind kind, String selector, String target, Optional<KconfigExpr> condition,
        SourceLocation location) {
    public enum Kind { SELECT, IMPLY }

    /** The value this statement forces the target to in {@code config}. */
    public Tristate strength(KernelConfig config) {
        Tristate s = Tristate.of(config.value(selector));
        return condition.map(c -> s.and(c.evaluate(config))).orElse(s);
    }

    /** "BAR" or "BAR (if BAZ)". */
    public String describe() {
        return selector + condition.map(c -> " (if " + c.text() + ")").orElse("");
    }
}
