package io.github.dom0build.core.boottest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads the marker lines the initramfs's /init printed on the console into a {@link BootTestResult}. */
final class ConsoleReport {
    static final String MARKER = "DOM0-BUILD-BOOT-TEST: ";

    private ConsoleReport() {
    }

    static BootTestResult read(String console, String nonce, String expectedRelease, double seconds) {
        Map<String, String> values = new LinkedHashMap<>();
        List<String> xl = new ArrayList<>();
        for (String raw : console.split("\n")) {
            String line = raw.replace("\r", "");
            int at = line.indexOf(MARKER);
            if (at < 0) {
                continue;
            }
            String rest = line.substring(at + MARKER.length());
            if (rest.startsWith("xl: ")) {
                xl.add(rest.substring(4));
                continue;
            }
            int eq = rest.indexOf('=');
            if (eq > 0) {
                values.put(rest.substring(0, eq).strip(), rest.substring(eq + 1).strip());
            } else {
                values.put(rest.strip(), "");
            }
        }
        String type = values.get("hypervisor-type");
        String daemon = values.get("xenstored");
        if (daemon != null) {
            daemon = daemon.substring(daemon.lastIndexOf('/') + 1);
        }
        boolean roundTrip = nonce.equals(values.get("xenstore-read-back"));
        String release = values.get("kernel-release");
        List<String> problems = new ArrayList<>();
        if (!values.containsKey("begin")) {
            problems.add("dom0's /init never ran (no kernel console output from it): the kernel did not boot as dom0,"
                    + " or found no initramfs");
        } else {
            if (!"xen".equals(type)) {
                problems.add("/sys/hypervisor/type says '" + type + "', not 'xen' (CONFIG_XEN_SYS_HYPERVISOR?)");
            }
            if (!roundTrip) {
                problems.add("a key written to xenstore did not read back (xenstored " + daemon + " not running? read"
                        + " back: " + values.get("xenstore-read-back") + ")");
            }
            if (expectedRelease != null && release != null && !expectedRelease.equals(release)) {
                problems.add("dom0 runs Linux " + release + ", not the " + expectedRelease + " that was built");
            }
            if (!values.containsKey("end")) {
                problems.add("/init did not finish");
            }
        }
        return new BootTestResult(type, values.get("capabilities"), daemon, roundTrip, values.get("xen-version"), release,
                values.get("domid"), xl, seconds, problems.isEmpty(), problems);
    }
}
