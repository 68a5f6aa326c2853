package io.github.dom0build.core.process;

import java.util.regex.Pattern;

/**
 * Credentials out of what is shown: a value may hold URLs with {@code user:password@} (a ccache remote
 * storage, a proxy), and commands are logged, quoted in errors and kept in up-to-date stamps.
 */
public final class Redaction {
    private static final Pattern USER_INFO = Pattern.compile("([A-Za-z][A-Za-z0-9+.-]*://)[^/@\\s]+@");
    private static final Pattern SECRET_ATTRIBUTE = Pattern.compile("(?i)((?:password|token)=)[^|\\s]*");

    private Redaction() {
    }

    /** {@code value} with the user information of every URL, and password= or token= attributes, as ***. */
    public static String of(String value) {
        if (value == null) {
            return null;
        }
        return SECRET_ATTRIBUTE.matcher(USER_INFO.matcher(value).replaceAll("$1***@")).replaceAll("$1***");
    }
}
