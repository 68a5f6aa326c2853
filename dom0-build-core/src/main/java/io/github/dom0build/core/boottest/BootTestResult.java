package io.github.dom0build.core.boottest;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.util.List;
import java.util.Map;

/**
 * What dom0 reported on the console, as written to {@code result.json}: which init ran, the hypervisor
 * type from /sys/hypervisor/type, the xenstore daemon and whether a key written to xenstore could be
 * read back, the versions that actually booted and dom0's machine ({@code uname -m}: x86_64, aarch64), under systemd the units, failed units, startup time
 * and the guest, and whether all of it adds up to a working dom0.
 */
public record BootTestResult(BootInit init, String hypervisorType, String capabilities, String xenstored,
        boolean xenstoreRoundTrip, String xenVersion, String kernelRelease, String machine, String domid,
        List<String> xlList, double seconds, boolean passed, List<String> problems, SystemdReport systemd) {

    public JsonObject json() {
        JsonObject o = new JsonObject();
        o.addProperty("init", init.label());
        o.addProperty("hypervisorType", hypervisorType);
        o.addProperty("capabilities", capabilities);
        o.addProperty("xenstored", xenstored);
        o.addProperty("xenstoreRoundTrip", xenstoreRoundTrip);
        o.addProperty("xenVersion", xenVersion);
        o.addProperty("kernelRelease", kernelRelease);
        o.addProperty("machine", machine);
        o.addProperty("domid", domid);
        o.add("xlList", strings(xlList));
        if (systemd != null) {
            o.addProperty("systemState", systemd.systemState());
            JsonObject units = new JsonObject();
            for (Map.Entry<String, SystemdReport.UnitState> e : systemd.units().entrySet()) {
                SystemdReport.UnitState u = e.getValue();
                JsonObject j = new JsonObject();
                j.addProperty("enabled", u.enabled());
                j.addProperty("activeState", u.activeState());
                j.addProperty("subState", u.subState());
                j.addProperty("result", u.result());
                j.addProperty("expectInactive", u.expectInactive());
                units.add(e.getKey(), j);
            }
            o.add("units", units);
            o.add("failedUnits", strings(systemd.failedUnits()));
            o.addProperty("systemdSeconds", systemd.systemdSeconds());
            o.addProperty("xenstoredReady", systemd.xenstoredReady());
            if (systemd.guest() != null) {
                SystemdReport.Guest g = systemd.guest();
                JsonObject j = new JsonObject();
                j.addProperty("created", g.created());
                j.addProperty("nonceSeen", g.nonceSeen());
                j.addProperty("cleanShutdown", g.cleanShutdown());
                j.addProperty("seconds", g.seconds());
                j.addProperty("kernelRelease", g.kernelRelease());
                o.add("guest", j);
            }
        }
        o.addProperty("seconds", Math.round(seconds * 10) / 10.0);
        o.addProperty("passed", passed);
        o.add("problems", strings(problems));
        return o;
    }

    private static JsonArray strings(List<String> values) {
        JsonArray a = new JsonArray();
        values.forEach(a::add);
        return a;
    }
}
