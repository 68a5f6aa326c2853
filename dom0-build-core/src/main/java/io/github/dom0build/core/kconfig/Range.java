package io.github.dom0build.core.kconfig;

import java.math.BigInteger;
import java.util.Optional;

/** {@code range LOW HIGH [if COND]} of an int or hex symbol; the bounds may be numbers or symbols. */
public record Range(String low, String high, Optional<KconfigExpr> condition, SourceLocation location) {
    /** Whether a range applies in {@code config} and leaves {@code value} outside it; false when unknowable. */
    public boolean excludes(String value, KernelConfig config) {
        if (condition.isPresent() && condition.get().evaluate(config) == Tristate.N) {
            return false;
        }
        Optional<BigInteger> v = ConfigValues.number(value);
        Optional<BigInteger> lo = bound(low, config);
        Optional<BigInteger> hi = bound(high, config);
        return v.isPresent() && lo.isPresent() && hi.isPresent()
                && (v.get().compareTo(lo.get()) < 0 || v.get().compareTo(hi.get()) > 0);
    }

    private static Optional<BigInteger> bound(String b, KernelConfig config) {
        Optional<BigInteger> n = ConfigValues.number(b);
        return n.isPresent() ? n : ConfigValues.number(config.value(b));
    }

    public String describe() {
        return "range " + low + " " + high + condition.map(c -> " if " + c.text()).orElse("");
    }

    /** As {@link #describe()}, plus the bounds' values when they are symbols: "range LO HI = 2..512". */
    public String describe(KernelConfig config) {
        if (ConfigValues.number(low).isPresent() && ConfigValues.number(high).isPresent()) {
            return describe();
        }
        return describe() + " = " + bound(low, config).map(Object::toString).orElse("?") + ".."
                + bound(high, config).map(Object::toString).orElse("?");
    }
}
