package io.github.dom0build.core.boottest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the marker lines dom0 printed on the console (from the busybox /init, or from the systemd
 * check service) into a {@link BootTestResult}, and decides whether the dom0 works: the hypervisor is
 * Xen, a xenstore key reads back, the kernel is the one built, and under systemd every enabled unit is
 * active, no unit failed, and the guest ran and shut down cleanly.
 */
final class ConsoleReport {
    static final String MARKER = "DOM0-BUILD-BOOT-TEST: ";
    static final String GUEST_MARKER = "DOM0-BUILD-GUEST: ";
    /** Marker keys whose lines are collected in order rather than read as key=value. */
    private static final Set<String> LISTS = Set.of("xl", "xl-info", "unit", "failed", "journal", "systemd-analyze",
            "xenstored-journal", "guest-console", "guest-xl-log", "xl-after-guest");
    private static final Pattern STARTUP = Pattern.compile("Startup finished in .*= (.+?)\\s*$");
    private static final Pattern SPAN = Pattern.compile("(\\d+(?:\\.\\d+)?)(min|ms|us|h|s)");
    private static final int JOURNAL_LINES = 15;
    private static final Pattern ANSI = Pattern.compile("\u001b\\[[0-9;]*[A-Za-z]");

    /** What the goal knows before the boot, to hold the report against. */
    record Expected(BootInit init, String nonce, String release, List<String> enabledUnits, List<String> expectInactive,
            String guestNonce) {
    }

    private ConsoleReport() {
    }

    /** The busybox check. */
    static BootTestResult read(String console, String nonce, String expectedRelease, double seconds) {
        return read(console, new Expected(BootInit.BUSYBOX, nonce, expectedRelease, List.of(), List.of(), null),
                seconds);
    }

    static BootTestResult read(String console, Expected x, double seconds) {
        Map<String, String> values = new LinkedHashMap<>();
        Map<String, List<String>> lists = new LinkedHashMap<>();
        LISTS.forEach(k -> lists.put(k, new ArrayList<>()));
        for (String raw : console.split("\n")) {
            String line = raw.replace("\r", "");
            int at = line.indexOf(MARKER);
            if (at < 0) {
                continue;
            }
            String rest = line.substring(at + MARKER.length());
            int colon = rest.indexOf(": ");
            if (colon > 0 && LISTS.contains(rest.substring(0, colon))) {
                lists.get(rest.substring(0, colon)).add(rest.substring(colon + 2));
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
        boolean roundTrip = x.nonce().equals(values.get("xenstore-read-back"));
        String release = values.get("kernel-release");
        List<String> problems = new ArrayList<>();
        SystemdReport systemd = x.init() == BootInit.SYSTEMD ? systemd(values, lists, x) : null;
        if (!values.containsKey("begin")) {
            problems.add(x.init() == BootInit.SYSTEMD ? "the boot test's check service never reported (no"
                    + " DOM0-BUILD-BOOT-TEST lines): the kernel did not boot as dom0, or systemd did not come up as its"
                    + " init or stopped before multi-user.target" : "dom0's /init never ran (no kernel console output"
                            + " from it): the kernel did not boot as dom0, or found no initramfs");
        } else {
            if (!"xen".equals(type)) {
                problems.add("/sys/hypervisor/type says '" + type + "', not 'xen' (CONFIG_XEN_SYS_HYPERVISOR?)");
            }
            if (systemd != null) {
                problems.addAll(unitProblems(systemd, lists, x, console)); // the cause of most of what follows
            }
            if (!roundTrip) {
                problems.add("a key written to xenstore did not read back (xenstored " + daemon + " not running? read"
                        + " back: " + values.get("xenstore-read-back") + ")");
            }
            if (x.release() != null && release != null && !x.release().equals(release)) {
                problems.add("dom0 runs Linux " + release + ", not the " + x.release() + " that was built");
            }
            if (systemd != null && systemd.guest() != null) {
                problems.addAll(guestProblems(systemd.guest(), lists, x));
            }
            if (!values.containsKey("end")) {
                problems.add(x.init() == BootInit.SYSTEMD ? "the check service did not finish" : "/init did not finish");
            }
        }
        return new BootTestResult(x.init(), type, values.get("capabilities"), daemon, roundTrip, values.get("xen-version"),
                release, values.get("machine"), values.get("domid"), lists.get("xl"), seconds, problems.isEmpty(),
                problems, systemd);
    }

    private static SystemdReport systemd(Map<String, String> values, Map<String, List<String>> lists, Expected x) {
        Map<String, SystemdReport.UnitState> units = new LinkedHashMap<>();
        for (String line : lists.get("unit")) {
            String[] words = line.strip().split("\\s+");
            Map<String, String> props = new LinkedHashMap<>();
            for (int i = 1; i < words.length; i++) {
                int eq = words[i].indexOf('=');
                if (eq > 0) {
                    props.put(words[i].substring(0, eq), words[i].substring(eq + 1));
                }
            }
            units.put(words[0], new SystemdReport.UnitState(x.enabledUnits().contains(words[0]),
                    props.get("ActiveState"), props.get("SubState"), props.get("Result"),
                    x.expectInactive().contains(words[0])));
        }
        Double startup = null;
        for (String line : lists.get("systemd-analyze")) {
            Matcher m = STARTUP.matcher(line);
            if (m.find()) {
                startup = seconds(m.group(1));
            }
        }
        boolean ready = lists.get("xenstored-journal").stream()
                .anyMatch(l -> l.contains("xenstored is ready") || l.contains("Started xenstored.service"));
        SystemdReport.Guest guest = null;
        if (x.guestNonce() != null) {
            List<String> console = lists.get("guest-console");
            String exit = values.get("guest-exit");
            boolean nonceSeen = console.stream().anyMatch(l -> l.contains(GUEST_MARKER + "nonce=" + x.guestNonce()));
            boolean created = "0".equals(exit) || console.stream().anyMatch(l -> l.contains("Linux version"));
            boolean gone = lists.get("xl-after-guest").stream().noneMatch(l -> l.startsWith(GuestOptions.NAME + " "));
            boolean poweredOff = lists.get("guest-xl-log").stream().anyMatch(l -> l.contains("reason code 0"));
            String guestRelease = console.stream().filter(l -> l.contains(GUEST_MARKER + "kernel-release="))
                    .map(l -> l.substring(l.indexOf("kernel-release=") + 15).strip()).findFirst().orElse(null);
            guest = new SystemdReport.Guest(values.containsKey("guest-begin"), created, nonceSeen,
                    created && gone && poweredOff && "0".equals(exit), number(values.get("guest-seconds")),
                    guestRelease, exit, values.get("guest-skipped"));
        }
        return new SystemdReport(values.get("init"), values.get("system-state"), units, lists.get("failed"), startup,
                ready, guest);
    }

    private static List<String> unitProblems(SystemdReport s, Map<String, List<String>> lists, Expected x,
            String console) {
        List<String> problems = new ArrayList<>();
        if (s.init() != null && !s.init().equals("systemd")) {
            problems.add("dom0's PID 1 is " + s.init() + ", not systemd");
        }
        // A unit that failed first: the ones that depend on it only say "dependency".
        List<String> enabled = x.enabledUnits().stream().sorted(java.util.Comparator.comparing(
                u -> !s.failedUnits().contains(u))).toList();
        for (String u : enabled) {
            SystemdReport.UnitState st = s.units().get(u);
            if (x.expectInactive().contains(u)) {
                continue;
            }
            if (st == null) {
                problems.add(u + " was enabled but not reported by systemd");
            } else if (!st.healthy()) {
                problems.add(u + " is " + st.activeState() + "/" + st.subState() + " (result " + st.result() + ")"
                        + journal(u, lists, console));
            }
        }
        for (String u : s.failedUnits()) {
            if (!x.enabledUnits().contains(u) && !x.expectInactive().contains(u)) {
                problems.add(u + " failed" + journal(u, lists, console));
            }
        }
        return problems;
    }

    private static List<String> guestProblems(SystemdReport.Guest g, Map<String, List<String>> lists, Expected x) {
        List<String> console = lists.get("guest-console");
        if (!g.attempted()) {
            return List.of("the guest was not created: " + (g.skipped() != null ? g.skipped()
                    : "the check stopped before it"));
        } else if (!g.created()) {
            return List.of("xl create failed (exit " + g.exitCode() + ")" + tail("xl create's output", console));
        } else if (!g.nonceSeen()) {
            return List.of("the guest did not print its nonce " + x.guestNonce() + " on its console"
                    + tail("its console", console));
        } else if (!g.cleanShutdown()) {
            return List.of("the guest did not shut down cleanly (exit " + g.exitCode() + ")"
                    + tail("xl's log", lists.get("guest-xl-log")));
        }
        return List.of();
    }

    /**
     * The unit's journal lines; without any (a unit that ran before journald could take its output),
     * what systemd printed about it on the console.
     */
    private static String journal(String unit, Map<String, List<String>> lists, String console) {
        String prefix = unit + ": ";
        List<String> lines = lists.get("journal").stream().filter(l -> l.startsWith(prefix))
                .map(l -> l.substring(prefix.length())).toList();
        if (!lines.isEmpty()) {
            return tail("its journal", lines);
        }
        List<String> said = console.lines().filter(l -> l.contains(unit) && !l.contains(MARKER))
                .map(l -> ANSI.matcher(l).replaceAll("").replace("\r", "").strip()).toList();
        return said.isEmpty() ? "; no journal lines, and the console names it nowhere"
                : "; no journal lines" + tail("the console", said);
    }

    private static String tail(String what, List<String> lines) {
        if (lines.isEmpty()) {
            return "; " + what + " is empty";
        }
        List<String> last = lines.subList(Math.max(0, lines.size() - JOURNAL_LINES), lines.size());
        return "; " + what + (lines.size() > last.size() ? " ends" : "") + ":\n        " + String.join("\n        ", last);
    }

    /** A systemd time span such as {@code 1min 2.345s} or {@code 850ms}, in seconds. */
    static Double seconds(String span) {
        Matcher m = SPAN.matcher(span);
        double total = 0;
        boolean any = false;
        while (m.find()) {
            double v = Double.parseDouble(m.group(1));
            total += switch (m.group(2)) {
                case "h" -> v * 3600;
                case "min" -> v * 60;
                case "ms" -> v / 1000;
                case "us" -> v / 1_000_000;
                default -> v;
            };
            any = true;
        }
        return any ? total : null;
    }

    private static Double number(String s) {
        try {
            return s == null ? null : Double.valueOf(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
