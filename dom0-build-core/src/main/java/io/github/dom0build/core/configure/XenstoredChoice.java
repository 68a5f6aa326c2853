package io.github.dom0build.core.configure;

import io.github.dom0build.core.BuildException;
import java.util.Locale;

/**
 * Which xenstore daemon the tools use: oxenstored (OCaml, the recipe's choice) or the C xenstored,
 * which the recipe and many users call cxenstored and configure calls {@code xenstored}.
 */
public enum XenstoredChoice {
    OXENSTORED("oxenstored", "oxenstored"),
    CXENSTORED("xenstored", "cxenstored");

    private final String configureValue;
    private final String displayName;

    XenstoredChoice(String configureValue, String displayName) {
        this.configureValue = configureValue;
        this.displayName = displayName;
    }

    /** The value of {@code --with-xenstored}, and the daemon's file name in sbin. */
    public String configureValue() {
        return configureValue;
    }

    public String displayName() {
        return displayName;
    }

    /** {@link #parse} of a value that may be unset, which means the recipe's oxenstored. */
    public static XenstoredChoice parseOrRecipes(String value) throws BuildException {
        return value == null || value.isBlank() ? OXENSTORED : parse(value);
    }

    public static XenstoredChoice parse(String value) throws BuildException {
        String v = value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
        switch (v) {
            case "oxenstored":
                return OXENSTORED;
            case "cxenstored":
            case "xenstored":
                return CXENSTORED;
            default:
                throw new BuildException("xenstored '" + value + "' is not a xenstore daemon.",
                        "set xenstored to oxenstored (OCaml) or cxenstored (C)");
        }
    }
}
