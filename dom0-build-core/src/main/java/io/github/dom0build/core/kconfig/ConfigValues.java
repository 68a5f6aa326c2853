package io.github.dom0build.core.kconfig;

import java.math.BigInteger;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The value syntax shared by .config files, fragments and the audit: y, m, n, numbers and quoted
 * strings, and the CONFIG_ prefix that the API lets callers leave out.
 */
final class ConfigValues {
    static final String PREFIX = "CONFIG_";
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_]+");
    private static final Pattern DECIMAL = Pattern.compile("-?[0-9]+");
    private static final Pattern HEX = Pattern.compile("0[xX][0-9a-fA-F]+");

    private ConfigValues() {
    }

    /** {@code CONFIG_FOO} and {@code FOO} both name the symbol FOO. */
    static String symbolName(String name) {
        String n = name.trim();
        return n.startsWith(PREFIX) ? n.substring(PREFIX.length()) : n;
    }

    static boolean isValidName(String name) {
        return NAME.matcher(name).matches();
    }

    /** Values a request may carry: the tristate letters, decimal or 0x numbers, or a complete quoted string. */
    static boolean isValidRequestValue(String value) {
        return Tristate.isTristate(value) || number(value).isPresent() || isQuoted(value);
    }

    static boolean isQuoted(String value) {
        if (value.length() < 2 || value.charAt(0) != '"' || value.charAt(value.length() - 1) != '"') {
            return false;
        }
        for (int i = 1; i < value.length() - 1; i++) {
            char c = value.charAt(i);
            if (c == '\\') {
                i++;
                if (i == value.length() - 1) {
                    return false; // the closing quote is escaped
                }
            } else if (c == '"') {
                return false;
            }
        }
        return true;
    }

    /** The text of a quoted .config string, with kconfig's backslash escapes undone; other values unchanged. */
    static String unquote(String value) {
        if (!isQuoted(value)) {
            return value;
        }
        StringBuilder sb = new StringBuilder(value.length());
        for (int i = 1; i < value.length() - 1; i++) {
            char c = value.charAt(i);
            if (c == '\\' && i + 1 < value.length() - 1) {
                c = value.charAt(++i);
            }
            sb.append(c);
        }
        return sb.toString();
    }

    /** Decimal or 0x-prefixed hexadecimal, as kconfig writes int and hex symbols. */
    static Optional<BigInteger> number(String value) {
        if (DECIMAL.matcher(value).matches()) {
            return Optional.of(new BigInteger(value));
        }
        if (HEX.matcher(value).matches()) {
            return Optional.of(new BigInteger(value.substring(2), 16));
        }
        return Optional.empty();
    }

    /**
     * Whether a requested value is what the .config holds: numbers by value (0x10 is 16), strings after
     * unquoting, everything else literally; so m is not y.
     */
    static boolean sameValue(String requested, String actual) {
        Optional<BigInteger> a = number(requested);
        Optional<BigInteger> b = number(actual);
        if (a.isPresent() && b.isPresent()) {
            return a.get().equals(b.get());
        }
        return unquote(requested).equals(unquote(actual));
    }

    /** The .config line for one assignment; n is written the way kconfig does, as a comment. */
    static String line(String name, String value) {
        return "n".equals(value) ? "# " + PREFIX + name + " is not set" : PREFIX + name + "=" + value;
    }
}
