package io.github.dom0build.core.kconfig;

/** The type a Kconfig symbol is declared with; UNKNOWN when no definition gives one. */
public enum SymbolType {
    BOOL, TRISTATE, STRING, INT, HEX, UNKNOWN;

    /** Whether its values are y/m/n rather than text or numbers. */
    public boolean isTristateLike() {
        return this == BOOL || this == TRISTATE;
    }

    public String keyword() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
