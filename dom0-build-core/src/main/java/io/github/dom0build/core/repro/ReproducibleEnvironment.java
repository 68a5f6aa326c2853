package io.github.dom0build.core.repro;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The variables that make Linux and Xen builds independent of when, where and by whom they ran. Each
 * takes the place of a value the build would otherwise read from the clock, the user or the host:
 * <ul>
 * <li>{@code SOURCE_DATE_EPOCH}: every tool that honours the convention (gzip headers, docs, tar);</li>
 * <li>{@code KBUILD_BUILD_TIMESTAMP}, {@code _USER}, {@code _HOST}, {@code _VERSION}: the kernel's
 * {@code uname -v} string and {@code /proc/version} (the version would otherwise count builds in
 * {@code .version});</li>
 * <li>{@code XEN_BUILD_DATE}, {@code _TIME}, {@code XEN_WHOAMI}, {@code XEN_DOMAIN},
 * {@code XEN_BUILD_HOST}: the banner and {@code xl info} fields, which {@code make install} would
 * otherwise re-stamp when it re-links the hypervisor.</li>
 * </ul>
 */
public final class ReproducibleEnvironment {
    /** The identity recorded in place of the real user and host. */
    public static final String BUILDER = "dom0-build";

    // As `LC_ALL=C date` prints it, which is what both build systems use by default.
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss 'UTC' yyyy",
            Locale.ROOT);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT);

    private ReproducibleEnvironment() {
    }

    public static Map<String, String> forTimestamp(Instant timestamp) {
        ZonedDateTime t = timestamp.atZone(ZoneOffset.UTC);
        String date = DATE.format(t);
        Map<String, String> env = new LinkedHashMap<>();
        env.put("SOURCE_DATE_EPOCH", Long.toString(timestamp.getEpochSecond()));
        env.put("KBUILD_BUILD_TIMESTAMP", date);
        env.put("KBUILD_BUILD_USER", BUILDER);
        env.put("KBUILD_BUILD_HOST", BUILDER);
        env.put("KBUILD_BUILD_VERSION", "1");
        env.put("XEN_BUILD_DATE", date);
        env.put("XEN_BUILD_TIME", TIME.format(t));
        env.put("XEN_WHOAMI", BUILDER);
        env.put("XEN_DOMAIN", BUILDER);
        env.put("XEN_BUILD_HOST", BUILDER);
        return env;
    }
}
