package io.github.dom0build.core.boottest;

import java.util.List;
import java.util.Map;

/**
 * What the systemd check service reported: PID 1, the system state after the boot, each Xen unit's
 * state, the units that failed anywhere in the boot, systemd's "Startup finished" time, whether the
 * xenstore daemon told systemd it was ready, and the guest.
 */
public record SystemdReport(String init, String systemState, Map<String, UnitState> units, List<String> failedUnits,
        Double systemdSeconds, boolean xenstoredReady, Guest guest) {

    /** A unit as {@code systemctl show} has it, and what the boot test expected of it. */
    public record UnitState(boolean enabled, String activeState, String subState, String result,
            boolean expectInactive) {
        /** Active (running, exited or mounted) and never failed. */
        public boolean healthy() {
            return "active".equals(activeState) && "success".equals(result);
        }
    }

    /** The PV guest dom0 created with xl; {@code skipped} says why it was not even tried. */
    public record Guest(boolean attempted, boolean created, boolean nonceSeen, boolean cleanShutdown, Double seconds,
            String kernelRelease, String exitCode, String skipped) {
    }
}
