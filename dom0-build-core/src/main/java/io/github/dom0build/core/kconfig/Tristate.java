package io.github.dom0build.core.kconfig;

/** Kconfig's three-valued logic: n &lt; m &lt; y, where {@code &&} is min, {@code ||} max and {@code !} 2 - x. */
public enum Tristate {
    N, M, Y;

    /** The tristate a .config or expression value stands for; anything but y and m counts as n. */
    public static Tristate of(String value) {
        if ("y".equals(value)) {
            return Y;
        }
        return "m".equals(value) ? M : N;
    }

    /** True for the three letters that are tristate values rather than numbers or strings. */
    public static boolean isTristate(String value) {
        return "y".equals(value) || "m".equals(value) || "n".equals(value);
    }

    public Tristate and(Tristate other) {
        return compareTo(other) <= 0 ? this : other;
    }

    public Tristate or(Tristate other) {
        return compareTo(other) >= 0 ? this : other;
    }

    public Tristate not() {
        return values()[2 - ordinal()];
    }

    /** The letter used in .config files and expressions: n, m or y. */
    public String letter() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    @Override
    public String toString() {
        return letter();
    }
}
