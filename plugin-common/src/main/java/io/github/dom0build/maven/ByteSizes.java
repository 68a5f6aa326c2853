package io.github.dom0build.maven;

import io.github.dom0build.core.BuildException;
import java.util.Locale;

/** Sizes written as people write them in a POM: {@code 512m}, {@code 32g}, {@code 1048576}. */
final class ByteSizes {
    private ByteSizes() {
    }

    static long parse(String parameter, String value) throws BuildException {
        String v = value.strip().toLowerCase(Locale.ROOT).replace("ib", "").replace("b", "");
        long unit = 1;
        if (!v.isEmpty()) {
            switch (v.charAt(v.length() - 1)) {
                case 'k' -> unit = 1L << 10;
                case 'm' -> unit = 1L << 20;
                case 'g' -> unit = 1L << 30;
                case 't' -> unit = 1L << 40;
                default -> unit = 1;
            }
        }
        String digits = unit == 1 ? v : v.substring(0, v.length() - 1);
        try {
            long n = Long.parseLong(digits.strip());
            if (n <= 0) {
                throw new NumberFormatException();
            }
            return Math.multiplyExact(n, unit);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new BuildException(parameter + " '" + value + "' is not a size.", "write it like 512m, 32g or 1073741824");
        }
    }
}
