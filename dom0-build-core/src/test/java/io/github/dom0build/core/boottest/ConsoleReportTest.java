package io.github.dom0build.core.boottest;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dom0build.core.metadata.JsonDocuments;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ConsoleReportTest {
    private static final String NONCE = "3f2a9c1d5e7b8a60";
    private static final String RELEASE = "6.1.176-dom0";

    /** A console log as QEMU's serial file has it: Xen's and Linux's output with CRs, and the marker lines. */
    static String console(String hypervisorType, String readBack, String release, boolean begin, boolean end) {
        StringBuilder sb = new StringBuilder();
        sb.append(" Xen 4.17.5\r\n(XEN) [    0.000000] Xen version 4.17.5 (dom0-build@dom0-build) (gcc (Debian 12.2.0-14)"
                + " 12.2.0) debug=n Sat Jun  1 00:00:00 UTC 2024\r\n");
        sb.append("(XEN) [    2.512345] *** LOADING DOMAIN 0 ***\r\n");
        sb.append("[    0.000000] Linux version ").append(release).append(" (dom0-build@dom0-build)\r\n");
        sb.append("[    1.234567] Run /init as init process\r\n");
        if (begin) {
            sb.append("DOM0-BUILD-BOOT-TEST: begin\r\n");
            sb.append("DOM0-BUILD-BOOT-TEST: hypervisor-type=").append(hypervisorType).append("\r\n");
            sb.append("DOM0-BUILD-BOOT-TEST: capabilities=control_d\r\n");
            sb.append("DOM0-BUILD-BOOT-TEST: kernel-release=").append(release).append("\r\n");
            sb.append("DOM0-BUILD-BOOT-TEST: machine=aarch64\r\n");
            sb.append("DOM0-BUILD-BOOT-TEST: xen-version=4.17.5\r\n");
            sb.append("DOM0-BUILD-BOOT-TEST: xenstored=/usr/sbin/oxenstored\r\n");
            // Kernel messages can land in the middle of the console; the marker is found anywhere in a line.
            sb.append("[    3.100000] xen:balloon: Initialising balloon driver\r\n");
            sb.append("DOM0-BUILD-BOOT-TEST: xen-init-dom0=ok\r\n");
            sb.append("DOM0-BUILD-BOOT-TEST: domid=0\r\n");
            sb.append("[    3.2] random: crng init done\rDOM0-BUILD-BOOT-TEST: xenstore-read-back=").append(readBack)
                    .append("\r\n");
            sb.append("DOM0-BUILD-BOOT-TEST: xl: Name                                        ID   Mem VCPUs\tState\tTime(s)\r\n");
            sb.append("DOM0-BUILD-BOOT-TEST: xl: Domain-0                                     0   512     1     r-----       2.1\r\n");
            if (end) {
                sb.append("DOM0-BUILD-BOOT-TEST: end\r\n");
            }
        }
        sb.append("[    4.000000] reboot: Power down\r\n");
        return sb.toString();
    }

    @Test
    void aWorkingDom0Passes() {
        BootTestResult r = ConsoleReport.read(console("xen", NONCE, RELEASE, true, true), NONCE, RELEASE, 12.34);
        assertThat(r.problems()).isEmpty();
        assertThat(r.passed()).isTrue();
        assertThat(r.hypervisorType()).isEqualTo("xen");
        assertThat(r.capabilities()).isEqualTo("control_d");
        assertThat(r.xenstored()).isEqualTo("oxenstored");
        assertThat(r.xenstoreRoundTrip()).isTrue();
        assertThat(r.xenVersion()).isEqualTo("4.17.5");
        assertThat(r.kernelRelease()).isEqualTo(RELEASE);
        assertThat(r.machine()).isEqualTo("aarch64");
        assertThat(r.document().machine()).as("result.json carries it").isEqualTo("aarch64");
        assertThat(r.domid()).isEqualTo("0");
        assertThat(r.xlList()).containsExactly(
                "Name                                        ID   Mem VCPUs\tState\tTime(s)",
                "Domain-0                                     0   512     1     r-----       2.1");
        assertThat(r.seconds()).isEqualTo(12.34);
        assertThat(r.document().seconds()).isEqualTo(12.3);
        assertThat(r.document().passed()).isTrue();
        assertThat(r.document().xlList()).hasSize(2);
        String json = new String(JsonDocuments.bytes(r.document()), StandardCharsets.UTF_8);
        assertThat(json).startsWith("{\n  \"schemaVersion\": \"1.0\",\n  \"init\": ")
                .doesNotContain("\"units\"", "\"guest\"").contains("\"seconds\": 12.3,");
    }

    @Test
    void noCarriageReturnIsLeftInAnyValue() {
        BootTestResult r = ConsoleReport.read(console("xen", NONCE, RELEASE, true, true), NONCE, RELEASE, 1);
        assertThat(new String(JsonDocuments.bytes(r.document()), StandardCharsets.UTF_8)).doesNotContain("\\r");
    }

    @Test
    void withoutTheBeginMarkerInitNeverRan() {
        BootTestResult r = ConsoleReport.read(console("xen", NONCE, RELEASE, false, false), NONCE, RELEASE, 1);
        assertThat(r.passed()).isFalse();
        assertThat(r.problems()).containsExactly("dom0's /init never ran (no kernel console output from it): the kernel"
                + " did not boot as dom0, or found no initramfs");
        assertThat(r.hypervisorType()).isNull();
        assertThat(r.xlList()).isEmpty();
        assertThat(ConsoleReport.read("", NONCE, RELEASE, 1).problems()).hasSize(1);
    }

    @Test
    void anotherHypervisorTypeFails() {
        BootTestResult r = ConsoleReport.read(console("", NONCE, RELEASE, true, true), NONCE, RELEASE, 1);
        assertThat(r.passed()).isFalse();
        assertThat(r.problems()).containsExactly(
                "/sys/hypervisor/type says '', not 'xen' (CONFIG_XEN_SYS_HYPERVISOR?)");
        assertThat(ConsoleReport.read(console("kvm", NONCE, RELEASE, true, true), NONCE, RELEASE, 1).problems())
                .containsExactly("/sys/hypervisor/type says 'kvm', not 'xen' (CONFIG_XEN_SYS_HYPERVISOR?)");
    }

    @Test
    void aXenstoreValueThatDoesNotReadBackFails() {
        BootTestResult r = ConsoleReport.read(console("xen", "xenstore-read: couldn't read path /dom0-build/boot-test",
                RELEASE, true, true), NONCE, RELEASE, 1);
        assertThat(r.passed()).isFalse();
        assertThat(r.xenstoreRoundTrip()).isFalse();
        assertThat(r.problems()).containsExactly("a key written to xenstore did not read back (xenstored oxenstored not"
                + " running? read back: xenstore-read: couldn't read path /dom0-build/boot-test)");
        // A nonce from an earlier run is no round trip either.
        assertThat(ConsoleReport.read(console("xen", "0000000000000000", RELEASE, true, true), NONCE, RELEASE, 1)
                .xenstoreRoundTrip()).isFalse();
    }

    @Test
    void anotherKernelReleaseFails() {
        BootTestResult r = ConsoleReport.read(console("xen", NONCE, "6.1.0-18-amd64", true, true), NONCE, RELEASE, 1);
        assertThat(r.passed()).isFalse();
        assertThat(r.problems()).containsExactly("dom0 runs Linux 6.1.0-18-amd64, not the 6.1.176-dom0 that was built");
        assertThat(ConsoleReport.read(console("xen", NONCE, "6.1.0-18-amd64", true, true), NONCE, null, 1).passed())
                .as("no release expected").isTrue();
    }

    @Test
    void withoutTheEndMarkerInitDidNotFinish() {
        BootTestResult r = ConsoleReport.read(console("xen", NONCE, RELEASE, true, false), NONCE, RELEASE, 1);
        assertThat(r.passed()).isFalse();
        assertThat(r.problems()).containsExactly("/init did not finish");
    }

    @Test
    void everyProblemIsListed() {
        BootTestResult r = ConsoleReport.read(console("none", "", "5.10.0", true, false), NONCE, RELEASE, 1);
        assertThat(r.problems()).hasSize(4);
    }
}
