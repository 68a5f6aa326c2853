package io.github.dom0build.core.boottest;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.util.List;

/**
 * What dom0 reported on the console, as written to {@code result.json}: the hypervisor type from
 * /sys/hypervisor/type, the xenstore daemon and whether a key written to xenstore could be read back,
 * the versions that actually booted, and whether all of it adds up to a working dom0.
 */
public record BootTestResult(String hypervisorType, String capabilities, String xenstored, boolean xenstoreRoundTrip,
        String xenVersion, String kernelRelease, String domid, List<String> xlList, double seconds, boolean passed,
        List<String> problems) {

    public JsonObject json() {
        JsonObject o = new JsonObject();
        o.addProperty("hypervisorType", hypervisorType);
        o.addProperty("capabilities", capabilities);
        o.addProperty("xenstored", xenstored);
        o.addProperty("xenstoreRoundTrip", xenstoreRoundTrip);
        o.addProperty("xenVersion", xenVersion);
        o.addProperty("kernelRelease", kernelRelease);
        o.addProperty("domid", domid);
        JsonArray xl = new JsonArray();
        xlList.forEach(xl::add);
        o.add("xlList", xl);
        o.addProperty("seconds", Math.round(seconds * 10) / 10.0);
        o.addProperty("passed", passed);
        JsonArray p = new JsonArray();
        problems.forEach(p::add);
        o.add("problems", p);
        return o;
    }
}
