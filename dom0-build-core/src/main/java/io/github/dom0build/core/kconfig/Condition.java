package io.github.dom0build.core.kconfig;

/**
 * One condition a symbol definition is subject to: its own {@code depends on}, or one it inherits from
 * an enclosing {@code if} block, {@code menu} or {@code choice}. A {@code visible if} of a menu limits
 * only the prompt, not the value.
 */
public record Condition(Kind kind, KconfigExpr expression, String owner, SourceLocation location) {
    public enum Kind {
        /** {@code depends on} of the symbol itself. */
        DEPENDS_ON,
        /** The expression of an enclosing {@code if ... endif}. */
        IF_BLOCK,
        /** {@code depends on} of an enclosing menu. */
        MENU_DEPENDS_ON,
        /** {@code depends on} of the enclosing choice. */
        CHOICE_DEPENDS_ON,
        /** {@code visible if} of an enclosing menu: hides prompts, leaves values alone. */
        MENU_VISIBLE_IF
    }

    /** Whether this limits the value (everything but {@code visible if}). */
    public boolean limitsValue() {
        return kind != Kind.MENU_VISIBLE_IF;
    }

    /** Whether it comes from an enclosing block rather than from the definition itself. */
    public boolean isInherited() {
        return kind != Kind.DEPENDS_ON;
    }

    /** "depends on X" or "visible if X": the statement as it reads in the Kconfig file. */
    public String statement() {
        return (kind == Kind.IF_BLOCK ? "if " : kind == Kind.MENU_VISIBLE_IF ? "visible if " : "depends on ")
                + expression.text();
    }

    /** Where an inherited condition comes from: "if block at F:L", "menu \"Foo\" at F:L"; else "". */
    public String provenance() {
        return switch (kind) {
            case DEPENDS_ON -> "";
            case IF_BLOCK -> "if block at " + location;
            case MENU_DEPENDS_ON, MENU_VISIBLE_IF -> "menu \"" + owner + "\" at " + location;
            case CHOICE_DEPENDS_ON -> "choice \"" + owner + "\" at " + location;
        };
    }
}
