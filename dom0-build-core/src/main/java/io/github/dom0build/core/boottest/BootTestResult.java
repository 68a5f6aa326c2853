package io.github.dom0build.core.boottest;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.github.dom0build.core.metadata.SchemaVersion;
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

    /** The version of {@code result.json} this code writes. */
    public static final SchemaVersion SCHEMA_VERSION = new SchemaVersion(1, 0);

    /**
     * {@code result.json}: every field of a boot, null where the console did not say (so a reader sees
     * what was looked for); the systemd fields only after a systemd boot.
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Document(String schemaVersion, String init, String hypervisorType, String capabilities,
            String xenstored, boolean xenstoreRoundTrip, String xenVersion, String kernelRelease, String machine,
            String domid, List<String> xlList,
            @JsonInclude(JsonInclude.Include.NON_NULL) String systemState,
            @JsonInclude(JsonInclude.Include.NON_NULL) Map<String, SystemdReport.UnitState> units,
            @JsonInclude(JsonInclude.Include.NON_NULL) List<String> failedUnits,
            @JsonInclude(JsonInclude.Include.NON_NULL) Double systemdSeconds,
            @JsonInclude(JsonInclude.Include.NON_NULL) Boolean xenstoredReady,
            @JsonInclude(JsonInclude.Include.NON_NULL) Guest guest,
            double seconds, boolean passed, List<String> problems) {
    }

    /** The PV guest as result.json records it. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Guest(boolean created, boolean nonceSeen, boolean cleanShutdown, Double seconds,
            String kernelRelease) {
    }

    public Document document() {
        SystemdReport s = systemd;
        Guest guest = s == null || s.guest() == null ? null : new Guest(s.guest().created(), s.guest().nonceSeen(),
                s.guest().cleanShutdown(), s.guest().seconds(), s.guest().kernelRelease());
        return new Document(SCHEMA_VERSION.toString(), init.label(), hypervisorType, capabilities, xenstored,
                xenstoreRoundTrip, xenVersion, kernelRelease, machine, domid, xlList, s == null ? null : s.systemState(),
                s == null ? null : s.units(), s == null ? null : s.failedUnits(), s == null ? null : s.systemdSeconds(),
                s == null ? null : s.xenstoredReady(), guest, Math.round(seconds * 10) / 10.0, passed, problems);
    }
}
