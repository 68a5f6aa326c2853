package io.github.dom0build.core.boottest;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dom0build.core.metadata.JsonDocuments;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class SystemdConsoleReportTest {
    private static final String NONCE = "3f2a9c1d5e7b8a60";
    private static final String GUEST_NONCE = "9d8c7b6a5f4e3d2c";
    private static final String RELEASE = "6.1.176";
    private static final List<String> ENABLED = List.of("xen-init-dom0.service", "xenconsoled.service",
            "xenstored.service");
    private static final String M = "DOM0-BUILD-BOOT-TEST: ";

    /** The check service's report, as systemd's console has it (status lines in between, CRs). */
    static String console(String xenstored, String failedUnit, boolean guestNonce, String guestReason) {
        StringBuilder sb = new StringBuilder();
        sb.append("[  OK  ] Reached target multi-user.target - Multi-User System.\r\n");
        sb.append(M).append("begin\r\n").append(M).append("init=systemd\r\n");
        sb.append(M).append(failedUnit == null ? "system-state=running\r\n" : "system-state=degraded\r\n");
        sb.append(M).append("hypervisor-type=xen\r\n").append(M).append("capabilities=control_d\r\n");
        sb.append(M).append("kernel-release=").append(RELEASE).append("\r\n");
        sb.append(M).append("xen-version=4.17.5\r\n");
        sb.append(M).append("systemd-analyze: Startup finished in 2.104s (kernel) + 1min 3.250s (userspace) ="
                + " 1min 5.354s\r\n");
        sb.append(M).append("systemd-analyze: multi-user.target reached after 1min 3.011s in userspace\r\n");
        sb.append(M).append("unit: proc-xen.mount ActiveState=active SubState=mounted Result=success \r\n");
        sb.append(M).append("unit: xen-init-dom0.service ActiveState=active SubState=exited Result=success \r\n");
        sb.append(M).append("unit: xenconsoled.service ActiveState=active SubState=running Result=success \r\n");
        sb.append(M).append("unit: xendomains.service ActiveState=inactive SubState=dead Result=success \r\n");
        sb.append(M).append("unit: xenstored.service ActiveState=").append(xenstored).append(" SubState=")
                .append(xenstored.equals("active") ? "exited Result=success" : "failed Result=exit-code")
                .append(" \r\n");
        if (failedUnit != null) {
            sb.append(M).append("failed: ").append(failedUnit).append("\r\n");
            sb.append(M).append("journal: ").append(failedUnit).append(": [    9.1] launch-xenstore[201]: No xenstored"
                    + " found\r\n");
            sb.append(M).append("journal: ").append(failedUnit).append(": [    9.2] systemd[1]: xenstored.service:"
                    + " Main process exited, code=exited, status=1/FAILURE\r\n");
        }
        sb.append(M).append("xenstored-journal: [    8.0] systemd[1]: Starting xenstored.service - The Xen"
                + " xenstore...\r\n");
        if (xenstored.equals("active")) {
            sb.append(M).append("xenstored-journal: [    8.5] systemd[1]: Started xenstored.service - The Xen"
                    + " xenstore.\r\n");
        }
        sb.append(M).append("xenstored=/usr/sbin/oxenstored\r\n");
        sb.append(M).append("domid=0\r\n");
        sb.append(M).append("xenstore-read-back=").append(xenstored.equals("active") ? NONCE : "").append("\r\n");
        sb.append(M).append("xl: Name                                        ID   Mem VCPUs\tState\tTime(s)\r\n");
        sb.append(M).append("xl: Domain-0                                     0  1024     1     r-----      20.1\r\n");
        sb.append(M).append("xl-info: xen_version            : 4.17.5\r\n");
        sb.append(M).append("guest-begin\r\n");
        sb.append(M).append("guest-exit=0\r\n").append(M).append("guest-seconds=6.3\r\n");
        sb.append(M).append("guest-console: Parsing config from /etc/xen/dom0-build-guest.cfg\r\n");
        sb.append(M).append("guest-console: [    0.000000] Linux version 6.1.176 (dom0-build@dom0-build)\r\n");
        if (guestNonce) {
            sb.append(M).append("guest-console: DOM0-BUILD-GUEST: nonce=").append(GUEST_NONCE).append("\r\n");
        }
        sb.append(M).append("guest-console: DOM0-BUILD-GUEST: kernel-release=6.1.176\r\n");
        sb.append(M).append("guest-xl-log: Domain 1 has shut down, reason code ").append(guestReason)
                .append(" 0x0\r\n");
        sb.append(M).append("xl-after-guest: Name                                        ID   Mem VCPUs\tState\tTime(s)\r\n");
        sb.append(M).append("xl-after-guest: Domain-0                                     0  1024     1     r-----"
                + "      21.0\r\n");
        sb.append(M).append("end\r\n");
        return sb.toString();
    }

    private static BootTestResult read(String console) {
        return ConsoleReport.read(console, new ConsoleReport.Expected(BootInit.SYSTEMD, NONCE, RELEASE, ENABLED,
                List.of(), GUEST_NONCE), 42.0);
    }

    @Test
    void aDom0WhoseUnitsAreActiveAndWhoseGuestRanPasses() {
        BootTestResult r = read(console("active", null, true, "0"));
        assertThat(r.problems()).isEmpty();
        assertThat(r.passed()).isTrue();
        SystemdReport s = r.systemd();
        assertThat(s.init()).isEqualTo("systemd");
        assertThat(s.systemState()).isEqualTo("running");
        assertThat(s.systemdSeconds()).isEqualTo(65.354, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(s.units()).containsOnlyKeys("proc-xen.mount", "xen-init-dom0.service", "xenconsoled.service",
                "xendomains.service", "xenstored.service");
        assertThat(s.units().get("xenstored.service").enabled()).isTrue();
        assertThat(s.units().get("xendomains.service").enabled()).isFalse();
        assertThat(s.units().get("xenconsoled.service").subState()).isEqualTo("running");
        assertThat(s.failedUnits()).isEmpty();
        assertThat(s.xenstoredReady()).isTrue();
        assertThat(s.guest().created()).isTrue();
        assertThat(s.guest().nonceSeen()).isTrue();
        assertThat(s.guest().cleanShutdown()).isTrue();
        assertThat(s.guest().seconds()).isEqualTo(6.3);
        assertThat(s.guest().kernelRelease()).isEqualTo("6.1.176");
        BootTestResult.Document doc = r.document();
        assertThat(doc.init()).isEqualTo("systemd");
        assertThat(doc.units().get("xenstored.service").activeState()).isEqualTo("active");
        assertThat(doc.failedUnits()).isEmpty();
        assertThat(doc.systemdSeconds()).isEqualTo(65.354);
        assertThat(doc.guest().nonceSeen()).isTrue();
        String json = new String(JsonDocuments.bytes(doc), StandardCharsets.UTF_8);
        assertThat(json).doesNotContain("\\r").contains("\"xenstored.service\": {\n      \"enabled\": ")
                .doesNotContain("\"healthy\"", "\"attempted\"");
    }

    @Test
    void aFailedUnitFailsTheTestWithItsNameAndJournal() {
        BootTestResult r = read(console("failed", "xenstored.service", true, "0").replace(
                "xen-init-dom0.service ActiveState=active SubState=exited", "xen-init-dom0.service ActiveState=inactive"
                        + " SubState=dead"));
        assertThat(r.passed()).isFalse();
        assertThat(r.systemd().failedUnits()).containsExactly("xenstored.service");
        assertThat(r.problems()).as("the unit that failed comes before those that only depended on it").first()
                .asString().startsWith("xenstored.service is failed/failed (result exit-code);"
                + " its journal:").contains("launch-xenstore[201]: No xenstored found")
                .contains("status=1/FAILURE");
        assertThat(r.systemd().xenstoredReady()).isFalse();
        assertThat(r.problems()).anyMatch(p -> p.startsWith("xen-init-dom0.service is inactive/dead"));
    }

    @Test
    void aFailedUnitOutsideXenFailsTooUnlessExpectedInactive() {
        String console = console("active", "systemd-logind.service", true, "0");
        assertThat(read(console).problems()).singleElement().asString().startsWith("systemd-logind.service failed; its"
                + " journal:");
        BootTestResult allowed = ConsoleReport.read(console, new ConsoleReport.Expected(BootInit.SYSTEMD, NONCE,
                RELEASE, ENABLED, List.of("systemd-logind.service"), GUEST_NONCE), 1);
        assertThat(allowed.passed()).isTrue();
    }

    @Test
    void aUnitThatFailedBeforeJournaldStartedIsExplainedFromTheConsole() {
        String console = "systemd[1]: Starting \u001b[0;1;39msystemd-sysctl.service\u001b[0m - Apply Kernel"
                + " Variables...\r\n"
                + "systemd[1]: systemd-sysctl.service: Main process exited, code=exited, status=1/FAILURE\r\n"
                + console("active", null, true, "0").replace(M + "system-state=running", M + "system-state=degraded")
                        .replace(M + "xenstored=", M + "failed: systemd-sysctl.service\r\n" + M + "xenstored=");
        BootTestResult r = read(console);
        assertThat(r.problems()).singleElement().asString().isEqualTo("systemd-sysctl.service failed; no journal"
                + " lines; the console:\n        systemd[1]: Starting systemd-sysctl.service - Apply Kernel Variables..."
                + "\n        systemd[1]: systemd-sysctl.service: Main process exited, code=exited, status=1/FAILURE");
    }

    @Test
    void aGuestThatDidNotPrintItsNonceFails() {
        BootTestResult r = read(console("active", null, false, "3"));
        assertThat(r.passed()).isFalse();
        assertThat(r.systemd().guest().nonceSeen()).isFalse();
        assertThat(r.problems()).singleElement().asString().startsWith("the guest did not print its nonce "
                + GUEST_NONCE + " on its console; its console:").contains("Linux version 6.1.176");
    }

    @Test
    void aGuestThatCrashedAfterItsNonceIsNoCleanShutdown() {
        BootTestResult r = read(console("active", null, true, "3"));
        assertThat(r.systemd().guest().cleanShutdown()).isFalse();
        assertThat(r.problems()).singleElement().asString().startsWith("the guest did not shut down cleanly")
                .contains("reason code 3");
    }

    @Test
    void withoutAReportSystemdNeverReachedTheCheck() {
        BootTestResult r = read("[    1.0] Run /sbin/init as init process\r\n[!!!!!!] Failed to mount API filesystems.\r\n");
        assertThat(r.passed()).isFalse();
        assertThat(r.problems()).singleElement().asString().startsWith("the boot test's check service never reported");
    }

    @Test
    void withoutXenstoreTheGuestIsNotTriedAndTheReportSaysWhy() {
        String console = console("failed", "xenstored.service", true, "0");
        console = console.substring(0, console.indexOf(M + "guest-begin")) + M + "guest-skipped=xenstore does not"
                + " answer, so xl cannot create a domain\r\n" + M + "end\r\n";
        BootTestResult r = read(console);
        assertThat(r.systemd().guest().attempted()).isFalse();
        assertThat(r.problems()).contains("the guest was not created: xenstore does not answer, so xl cannot create a"
                + " domain");
    }

    @Test
    void systemdTimeSpans() {
        assertThat(ConsoleReport.seconds("19.556s")).isEqualTo(19.556);
        assertThat(ConsoleReport.seconds("1min 2.5s")).isEqualTo(62.5);
        assertThat(ConsoleReport.seconds("850ms")).isEqualTo(0.85);
        assertThat(ConsoleReport.seconds("1h 1min 1s")).isEqualTo(3661.0);
        assertThat(ConsoleReport.seconds("unknown")).isNull();
    }
}
