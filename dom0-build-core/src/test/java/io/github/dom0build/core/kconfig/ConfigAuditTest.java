package io.github.dom0build.core.kconfig;

import static io.github.dom0build.core.kconfig.KconfigTrees.config;
import static io.github.dom0build.core.kconfig.KconfigTrees.single;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dom0build.core.BuildException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigAuditTest {
    @TempDir
    Path tmp;

    private static ConfigRequest inline(String... options) throws BuildException {
        return ConfigRequest.builder().inline(java.util.List.of(options)).build();
    }

    @Test
    void optionsThatHoldAreNotReported() throws Exception {
        KconfigIndex index = single(tmp, "config A\n\tbool \"a\"\nconfig N\n\tint \"n\"\nconfig S\n\tstring \"s\"\n"
                + "config H\n\thex \"h\"\nconfig GONE\n\tbool \"g\"\n");
        AuditResult r = ConfigAudit.audit(inline("A=y", "N=64", "S=\"dom0\"", "H=0x10", "GONE=n", "# CONFIG_ABSENT is not set"),
                config("CONFIG_A=y\nCONFIG_N=64\nCONFIG_S=\"dom0\"\nCONFIG_H=0x0010\n# CONFIG_GONE is not set\n"), index);

        assertThat(r.isClean()).isTrue();
        assertThat(r.summary()).isEqualTo("6 requested options hold");
        assertThat(r.report()).isEqualTo("6 requested options hold");
    }

    @Test
    void unmetDependsShowTheValuesOfTheirSymbols() throws Exception {
        KconfigIndex index = single(tmp, """
                config XEN_DOM0
                \tbool "Xen Dom0 support"
                \tdepends on (XEN_PV && SWIOTLB_XEN) || (XEN_PVH && X86_64)
                \tdepends on X86_IO_APIC && ACPI && PCI
                \tdepends on X86_64
                """);
        ConfigRequest request = ConfigRequest.builder().fragment("CONFIG_XEN_DOM0=y\n", ConfigRequest.BUILT_IN_XEN_DOM0)
                .build();

        AuditResult r = ConfigAudit.audit(request, config("CONFIG_SWIOTLB_XEN=y\nCONFIG_X86_64=y\n"
                + "CONFIG_X86_IO_APIC=y\nCONFIG_PCI=y\n# CONFIG_ACPI is not set\n"), index);

        assertThat(r.isClean()).isFalse();
        assertThat(r.summary()).isEqualTo("0 requested options hold; 1 does not");
        assertThat(r.report()).isEqualTo("""
                0 requested options hold; 1 does not
                CONFIG_XEN_DOM0: requested y (built-in xen-dom0 fragment), got n (absent from .config)
                    defined at Kconfig:1
                    depends on (XEN_PV && SWIOTLB_XEN) || (XEN_PVH && X86_64) = n   [XEN_PV=n SWIOTLB_XEN=y XEN_PVH=n X86_64=y]
                    depends on X86_IO_APIC && ACPI && PCI = n   [X86_IO_APIC=y ACPI=n PCI=y]""");
        Mismatch m = r.mismatches().get(0);
        assertThat(m.name()).isEqualTo("XEN_DOM0");
        assertThat(m.requested()).isEqualTo("y");
        assertThat(m.actual()).isEqualTo("n");
        assertThat(m.sources()).containsExactly("built-in xen-dom0 fragment");
    }

    @Test
    void conditionsInheritedFromIfBlocksAndMenusSayWhereTheyComeFrom() throws Exception {
        KconfigIndex index = single(tmp, """
                menu "Device Drivers"
                \tdepends on HAS_IOMEM

                if XEN

                config XEN_GNTDEV
                \ttristate "grant device"

                endif
                endmenu
                """);

        AuditResult r = ConfigAudit.audit(inline("XEN_GNTDEV=y"), config("CONFIG_HAS_IOMEM=y\n"), index);

        assertThat(r.mismatches().get(0).explanation()).containsExactly(
                "defined at Kconfig:6, in menu \"Device Drivers\"",
                "if XEN = n   (inherited from if block at Kconfig:4)");

        AuditResult menu = ConfigAudit.audit(inline("XEN_GNTDEV=m"), config("CONFIG_XEN=y\nCONFIG_MODULES=y\n"), index);
        assertThat(menu.mismatches().get(0).explanation()).contains(
                "depends on HAS_IOMEM = n   (inherited from menu \"Device Drivers\" at Kconfig:1)");
    }

    @Test
    void aChoiceMemberNamesTheChoiceItsConditionAndTheMemberThatWon() throws Exception {
        KconfigIndex index = single(tmp, """
                config X86_32
                \tdef_bool y
                \tdepends on !64BIT

                choice
                \tprompt "High Memory Support"
                \tdepends on X86_32

                config NOHIGHMEM
                \tbool "off"

                config HIGHMEM64G
                \tbool "64GB"
                \thelp
                \t  Select this if you have a 32-bit processor.

                endchoice
                """);
        ConfigRequest request = ConfigRequest.builder()
                .fragment("CONFIG_HIGHMEM64G=y\n", "arch/x86/configs/xen.config").build();

        AuditResult on64 = ConfigAudit.audit(request, config("CONFIG_64BIT=y\n"), index);
        assertThat(on64.report()).endsWith("""
                CONFIG_HIGHMEM64G: requested y (arch/x86/configs/xen.config), got n (absent from .config)
                    defined at Kconfig:12, in choice "High Memory Support"
                    depends on X86_32 = n   (inherited from choice "High Memory Support" at Kconfig:5)""");

        AuditResult on32 = ConfigAudit.audit(ConfigRequest.builder().inline("HIGHMEM64G=y").inline("NOHIGHMEM=y").build(),
                config("CONFIG_X86_32=y\nCONFIG_NOHIGHMEM=y\n# CONFIG_HIGHMEM64G is not set\n"), index);
        assertThat(on32.mismatches()).singleElement().satisfies(m -> assertThat(m.explanation()).containsExactly(
                "defined at Kconfig:12, in choice \"High Memory Support\"",
                "only one member of choice \"High Memory Support\" can be y, and NOHIGHMEM=y (requested by inline) "
                        + "took the place"));
    }

    @Test
    void aSymbolWithoutPromptListsItsSelectors() throws Exception {
        KconfigIndex index = single(tmp, """
                config FOO
                \tbool

                config BAR
                \tbool "bar"
                \tselect FOO if BAZ

                config BAZ
                \tbool "baz"
                """);

        AuditResult r = ConfigAudit.audit(inline("FOO=y"), config("CONFIG_BAR=y\n# CONFIG_BAZ is not set\n"), index);

        assertThat(r.report()).endsWith("""
                CONFIG_FOO: requested y (inline), got n (absent from .config)
                    defined at Kconfig:1
                    has no prompt, so only its default or a `select` can set it; selected by: BAR (if BAZ) = n   [BAR=y BAZ=n]""");
    }

    @Test
    void manySelectorsAreListedOnePerLine() throws Exception {
        StringBuilder kconfig = new StringBuilder("config LIB\n\ttristate\n");
        for (int i = 1; i <= 10; i++) {
            kconfig.append("config USER").append(i).append("\n\ttristate \"user\"\n\tselect LIB\n");
        }
        KconfigIndex index = single(tmp, kconfig.toString());

        AuditResult r = ConfigAudit.audit(inline("LIB=y"), config("CONFIG_USER3=m\n"), index);

        assertThat(r.mismatches().get(0).explanation()).containsExactly(
                "defined at Kconfig:1",
                "has no prompt, so only its default or a `select` can set it; selected by:",
                "    USER1 = n", "    USER2 = n", "    USER3 = m", "    USER4 = n", "    USER5 = n", "    USER6 = n",
                "    USER7 = n", "    USER8 = n",
                "    ... and 2 more, all below y");
    }

    @Test
    void anUnknownSymbolGetsSpellingSuggestions() throws Exception {
        KconfigIndex index = single(tmp, """
                config XEN_DEV_EVTCHN
                \ttristate "evtchn"
                config XEN_GNTDEV
                \ttristate "gntdev"
                config MODULES
                \tbool "modules"
                """);

        AuditResult r = ConfigAudit.audit(inline("XEN_EVTCHN=m", "XEN_GNTDEVV=y", "TOTALLY_DIFFERENT=y"),
                config("CONFIG_MODULES=y\n"), index);

        assertThat(r.report()).isEqualTo("""
                0 requested options hold; 3 do not
                CONFIG_XEN_EVTCHN: requested m (inline), got n (absent from .config)
                    not a Kconfig symbol in this tree (SRCARCH=x86); did you mean XEN_DEV_EVTCHN?
                CONFIG_XEN_GNTDEVV: requested y (inline), got n (absent from .config)
                    not a Kconfig symbol in this tree (SRCARCH=x86); did you mean XEN_GNTDEV?
                CONFIG_TOTALLY_DIFFERENT: requested y (inline), got n (absent from .config)
                    not a Kconfig symbol in this tree (SRCARCH=x86), and no similar name is; it may be misspelt, \
                renamed or removed in this version""");
    }

    @Test
    void mWithoutModulesSaysSo() throws Exception {
        KconfigIndex index = single(tmp, """
                config MODULES
                \tbool "modules"
                config XEN_GNTDEV
                \ttristate "gntdev"
                config XEN_BLKDEV_BACKEND
                \ttristate "blkback"
                \tdepends on XEN_BACKEND
                """);

        AuditResult r = ConfigAudit.audit(inline("XEN_GNTDEV=m", "XEN_BLKDEV_BACKEND=m"),
                config("# CONFIG_MODULES is not set\nCONFIG_XEN_GNTDEV=y\n"), index);

        String modules = "CONFIG_MODULES is n, so nothing can be m: kconfig makes a requested m y (or n when its "
                + "dependencies are off); enable MODULES or request y";
        assertThat(r.mismatches().get(0).explanation()).containsExactly("defined at Kconfig:3", modules);
        assertThat(r.mismatches().get(1).explanation()).containsExactly("defined at Kconfig:5", modules,
                "depends on XEN_BACKEND = n");
    }

    @Test
    void requestingMForABoolIsATypeProblem() throws Exception {
        KconfigIndex index = single(tmp, "config MODULES\n\tbool \"m\"\nconfig XEN_DOM0\n\tbool \"dom0\"\n");

        AuditResult r = ConfigAudit.audit(inline("XEN_DOM0=m"), config("CONFIG_MODULES=y\nCONFIG_XEN_DOM0=y\n"), index);

        assertThat(r.report()).endsWith("""
                CONFIG_XEN_DOM0: requested m (inline), got y
                    defined at Kconfig:3
                    is a bool: it can be y or n, never m""");
    }

    @Test
    void stringsAndNumbersAreComparedByValueAndExplained() throws Exception {
        KconfigIndex index = single(tmp, """
                config SMP
                \tbool "smp"
                config NR_CPUS
                \tint "Maximum number of CPUs"
                \trange 2 512
                config NR_CPUS_HIDDEN
                \tint "hidden" if SMP
                config CMDLINE
                \tstring "Built-in command line"
                \tdepends on CMDLINE_BOOL
                config LOCALVERSION
                \tstring "Local version"
                """);

        AuditResult r = ConfigAudit.audit(
                inline("NR_CPUS=9000", "NR_CPUS_HIDDEN=8", "CMDLINE=\"console=hvc0\"", "LOCALVERSION=\"-dom0\"",
                        "SMP=\"y\""),
                config("CONFIG_NR_CPUS=64\nCONFIG_NR_CPUS_HIDDEN=64\nCONFIG_LOCALVERSION=\"-dom0\"\n"), index);

        assertThat(r.summary()).isEqualTo("1 requested option holds; 4 do not");
        assertThat(r.report()).isEqualTo("""
                1 requested option holds; 4 do not
                CONFIG_NR_CPUS: requested 9000 (inline), got 64
                    defined at Kconfig:3
                    9000 is outside its range 2 512 (Kconfig:5), so kconfig used the default instead
                CONFIG_NR_CPUS_HIDDEN: requested 8 (inline), got 64
                    defined at Kconfig:6
                    its prompt is hidden, so its default applies:
                        prompt "hidden" if SMP = n   at Kconfig:6
                CONFIG_CMDLINE: requested "console=hvc0" (inline), got n (absent from .config)
                    defined at Kconfig:8
                    depends on CMDLINE_BOOL = n
                CONFIG_SMP: requested "y" (inline), got n (absent from .config)
                    defined at Kconfig:1
                    is a bool option: request y or n""");
    }

    @Test
    void rangeBoundsThatAreSymbolsShowTheirValues() throws Exception {
        KconfigIndex index = single(tmp, """
                config NR_CPUS_RANGE_END
                \tint
                config NR_CPUS
                \tint "Maximum number of CPUs"
                \trange 2 NR_CPUS_RANGE_END
                """);

        AuditResult r = ConfigAudit.audit(inline("NR_CPUS=9000"),
                config("CONFIG_NR_CPUS_RANGE_END=512\nCONFIG_NR_CPUS=64\n"), index);

        assertThat(r.mismatches().get(0).explanation()).containsExactly("defined at Kconfig:3",
                "9000 is outside its range 2 NR_CPUS_RANGE_END = 2..512 (Kconfig:5), so kconfig used the default "
                        + "instead");
    }

    @Test
    void aSelectThatForcesAnOptionOnIsNamed() throws Exception {
        KconfigIndex index = single(tmp, """
                config SWIOTLB
                \tbool "swiotlb"
                config XEN_PV
                \tbool "pv"
                \tselect SWIOTLB
                """);

        AuditResult r = ConfigAudit.audit(inline("SWIOTLB=n"), config("CONFIG_XEN_PV=y\nCONFIG_SWIOTLB=y\n"), index);

        assertThat(r.mismatches().get(0).explanation()).containsExactly("defined at Kconfig:1",
                "select forces it to at least y (a select overrides the user's choice):",
                "    XEN_PV = y   at Kconfig:5");
    }

    @Test
    void anOptionThatOnlyItsDefaultCanSetIsExplained() throws Exception {
        KconfigIndex index = single(tmp, """
                config EXPERT
                \tbool "expert"
                config 64BIT
                \tbool "64-bit kernel" if EXPERT
                \tdefault y
                config X86_64
                \tdef_bool y
                \tdepends on 64BIT
                config HOTPLUG
                \tbool "hotplug" if EXPERT
                config HOTPLUG
                \tbool "hotplug"
                """);

        AuditResult r = ConfigAudit.audit(inline("64BIT=n", "X86_64=n", "HOTPLUG=n"),
                config("CONFIG_64BIT=y\nCONFIG_X86_64=y\nCONFIG_HOTPLUG=y\n"), index);

        assertThat(r.mismatches().get(0).explanation()).containsExactly("defined at Kconfig:3",
                "its prompt is hidden, so its default applies:",
                "    prompt \"64-bit kernel\" if EXPERT = n   at Kconfig:3");
        assertThat(r.mismatches().get(1).explanation()).containsExactly("defined at Kconfig:6",
                "has no prompt, so it cannot be switched by request; its default sets it to y");
        assertThat(r.mismatches().get(2).explanation()).as("one of its two prompts is visible").contains(
                "no select forces it to y and its prompt is visible, so kconfig should have kept the request; "
                        + "something changed the .config after the merge");
    }

    @Test
    void unevaluableMacrosAreFlagged() throws Exception {
        KconfigIndex index = single(tmp, """
                config OBJTOOL_OK
                \tbool "objtool"
                \tdepends on $(success,$(OBJCOPY) --version | grep -qv llvm)
                """);

        AuditResult r = ConfigAudit.audit(inline("OBJTOOL_OK=y"), config(""), index);

        assertThat(r.mismatches().get(0).explanation()).contains("depends on $(success,$(OBJCOPY) --version | grep -qv "
                + "llvm) = n   (its $(...) test runs only in the real build; counted as n here)");
    }

    @Test
    void withoutAnIndexTheReportStillListsRequestedAgainstActual() throws Exception {
        ConfigRequest request = ConfigRequest.builder().fragment("CONFIG_A=y\nCONFIG_B=m\n", "frag")
                .inline("C=\"x\"").inline("B=y").build();

        AuditResult r = ConfigAudit.audit(request, config("CONFIG_A=y\nCONFIG_B=m\nCONFIG_C=\"z\"\n"), null);

        assertThat(r.report()).isEqualTo("""
                1 requested option holds; 2 do not
                CONFIG_B: requested y (inline, overriding m from frag), got m
                CONFIG_C: requested "x" (inline), got "z\"""");
        assertThat(r.mismatches().get(0).sources()).containsExactly("frag", "inline");
    }

    @Test
    void requireCleanFailsWithTheReport() throws Exception {
        AuditResult r = ConfigAudit.audit(inline("A=y"), config(""), null);
        assertThatThrownBy(r::requireClean).isInstanceOf(BuildException.class)
                .hasMessageContaining("CONFIG_A: requested y (inline), got n (absent from .config)")
                .hasMessageContaining("Fix:");
        ConfigAudit.audit(inline("A=n"), config(""), null).requireClean();
    }
}
