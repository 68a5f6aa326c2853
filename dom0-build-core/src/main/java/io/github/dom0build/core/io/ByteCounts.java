package io.github.dom0build.core.io;

import io.github.dom0build.core.BuildException;
import java.util.Locale;

/** Byte counts as people read and write them: {@code 1.3 GiB} in messages, {@code 32g} in a POM. */
public final class ByteCounts {
    private static final String[] UNITS = {"bytes", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};

    private ByteCounts() {
    }

    public static String human(long bytes) {
        if (bytes < 1024) {
            return bytes + (bytes == 1 ? " byte" : " bytes");
        }
        int unit = 0;
        double value = bytes;
        while (value >= 1024 && unit < UNITS.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, UNITS[unit]);
    }

    /** {@code 512m}, {@code 32g}, {@code 1048576}: an optional k, m, g or t suffix (powers of 1024). */
    public static long parse(String parameter, String value) throws BuildException {
        String v = value == null ? "" : value.strip().toLowerCase(Locale.ROOT).replace("ib", "").replace("b", "");
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
