package io.github.dom0build.core.kconfig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.dom0build.core.testing.RecordingLog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Reads a real Linux tree, when one is given with -Ddom0build.linuxTree=/path/to/linux (the unit tests
 * have none: the test is then skipped; the real Kconfig is read by RealDom0IT's build).
 */
class RealLinuxTreeTest {
    private static final Path TREE = Path.of(System.getProperty("dom0build.linuxTree", "no-linux-tree-given"));

    @Test
    void explainsWhyXenConfigLosesHighmem64gOnX86_64() throws Exception {
        assumeTrue(Files.isRegularFile(TREE.resolve("Kconfig")), "no Linux tree at " + TREE);
        RecordingLog log = new RecordingLog();

        KconfigIndex index = KconfigIndex.load(TREE.resolve("Kconfig"), Map.of("SRCARCH", "x86", "ARCH", "x86_64"), log);

        assertThat(log.lines("WARN")).isEmpty();
        assertThat(index.fileCount()).isGreaterThan(1000);
        assertThat(index.symbolCount()).isGreaterThan(10_000);
        assertThat(index.loadTime()).isLessThan(Duration.ofSeconds(30));
        assertThat(index.symbol("HIGHMEM64G").orElseThrow().choice().orElseThrow().prompt())
                .isEqualTo("High Memory Support");

        ConfigRequest request = ConfigRequest.builder()
                .fragment("CONFIG_HIGHMEM64G=y\n", "arch/x86/configs/xen.config")
                .fragment("CONFIG_XEN_DOM0=y\n", ConfigRequest.BUILT_IN_XEN_DOM0)
                .build();
        KernelConfig x86_64 = KernelConfig.parse("""
                CONFIG_64BIT=y
                CONFIG_X86_64=y
                CONFIG_HYPERVISOR_GUEST=y
                CONFIG_PARAVIRT=y
                CONFIG_XEN=y
                # CONFIG_XEN_PV is not set
                CONFIG_XEN_PVHVM=y
                CONFIG_SWIOTLB_XEN=y
                CONFIG_X86_IO_APIC=y
                CONFIG_PCI=y
                # CONFIG_ACPI is not set
                """, "hand-made .config");

        AuditResult result = ConfigAudit.audit(request, x86_64, index);

        assertThat(result.summary()).isEqualTo("0 requested options hold; 2 do not");
        assertThat(result.mismatches().get(0).explanation()).anySatisfy(l -> assertThat(l).startsWith(
                "defined at arch/x86/Kconfig:").contains("choice \"High Memory Support\""))
                .anySatisfy(l -> assertThat(l).startsWith("depends on X86_32 = n"));
        assertThat(result.mismatches().get(1).explanation())
                .contains("depends on X86_IO_APIC && ACPI && PCI = n   [X86_IO_APIC=y ACPI=n PCI=y]")
                .anySatisfy(l -> assertThat(l).startsWith("depends on (XEN_PV && SWIOTLB_XEN) || (XEN_PVH && X86_64) = n"));
    }
}
