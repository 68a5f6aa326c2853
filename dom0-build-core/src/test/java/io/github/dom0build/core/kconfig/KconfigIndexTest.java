package io.github.dom0build.core.kconfig;

import static io.github.dom0build.core.kconfig.KconfigTrees.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dom0build.core.BuildException;
import io.github.dom0build.core.testing.RecordingLog;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KconfigIndexTest {
    @TempDir
    Path tree;

    private final RecordingLog log = new RecordingLog();
    private KconfigIndex index;

    @BeforeEach
    void writeTree() throws Exception {
        write(tree, "Kconfig", """
                # SPDX-License-Identifier: GPL-2.0
                mainmenu "Test/$(SRCARCH) Kernel Configuration"

                DRIVERS_DIR := drivers
                empty :=

                source "arch/$(SRCARCH)/Kconfig"
                source "$(DRIVERS_DIR)/Kconfig"
                osource "optional/Kconfig"
                source "$(shell,echo arch)/Kconfig"
                source "missing/Kconfig"

                config MODULES
                \tbool "Enable loadable module support"
                \tmodules
                \thelp
                \t  Help text that looks like statements must not be parsed:
                \t  config NOT_A_SYMBOL
                \t  endif
                \t  menu "not a menu"

                \t  depends on SOMETHING_ELSE
                \t    indented deeper, still help
                \tdepends on !BROKEN

                config OLD_STYLE
                \tbool "Old style help"
                \t---help---
                \t  Xen still writes help this way.
                config AFTER_OLD_STYLE
                \tdef_bool y
                """);
        write(tree, "arch/x86/Kconfig", """
                config 64BIT
                \tbool "64-bit kernel" if "$(ARCH)" = "x86"

                config X86_32
                \tdef_bool y
                \tdepends on !64BIT

                config X86_64
                \tdef_bool y
                \tdepends on 64BIT

                menu "Processor type and features"

                choice
                \tprompt "High Memory Support"
                \tdefault HIGHMEM4G
                \tdepends on X86_32

                config NOHIGHMEM
                \tbool "off"

                config HIGHMEM64G
                \tbool "64GB"
                \tdepends on !M486 && \\
                \t\t   !M586
                \tselect X86_PAE
                \thelp
                \t  endchoice
                \t  config HIDDEN_IN_HELP

                endchoice

                config NR_CPUS
                \tint "Maximum number of CPUs" if SMP # comment after the expression
                \trange 2 512 if SMP
                \tdefault "64"

                endmenu
                """);
        write(tree, "drivers/Kconfig", """
                menu "Device Drivers"
                \tdepends on HAS_IOMEM
                \tvisible if EXPERT

                rsource "xen/Kconfig"
                source "drivers/*/Kconfig.extra"

                endmenu
                """);
        write(tree, "drivers/xen/Kconfig", """
                if XEN

                config XEN_DOM0
                \tbool "Xen Dom0 support #1"
                \tdepends on (XEN_PV && SWIOTLB_XEN) || (XEN_PVH && X86_64)
                \tdepends on X86_IO_APIC && ACPI && PCI
                \tselect X86_X2APIC if XEN_PVH && X86_64
                \timply XEN_GNTDEV

                comment "Xen backends"
                \tdepends on XEN_DOM0

                config XEN_GNTDEV
                \ttristate "Userspace grant access device driver"

                endif # XEN

                config CMDLINE
                \tstring "Built-in command line"

                config PHYSICAL_START
                \thex "Physical address where the kernel is loaded"
                """);
        write(tree, "drivers/net/Kconfig.extra", """
                config X86_X2APIC
                \tbool "x2APIC"
                """);
        write(tree, "drivers/block/Kconfig.extra", """
                config X86_X2APIC
                \tdepends on X86_64
                """);
        index = KconfigIndex.load(tree.resolve("Kconfig"), Map.of("SRCARCH", "x86", "ARCH", "x86_64"), log);
    }

    private SymbolDefinition only(String name) {
        KconfigSymbol s = index.symbol(name).orElseThrow(() -> new AssertionError(name + " not indexed"));
        assertThat(s.definitions()).hasSize(1);
        return s.definitions().get(0);
    }

    private static List<String> texts(List<Condition> conditions) {
        return conditions.stream().map(Condition::statement).toList();
    }

    @Test
    void followsSourcesWithVariablesRsourceAndGlobs() {
        assertThat(index.symbolNames()).containsExactly("64BIT", "X86_32", "X86_64", "NOHIGHMEM", "HIGHMEM64G",
                "NR_CPUS", "XEN_DOM0", "XEN_GNTDEV", "CMDLINE", "PHYSICAL_START", "X86_X2APIC", "MODULES", "OLD_STYLE",
                "AFTER_OLD_STYLE");
        assertThat(index.fileCount()).isEqualTo(6);
        assertThat(only("HIGHMEM64G").location()).isEqualTo(new SourceLocation("arch/x86/Kconfig", 22));
        assertThat(only("MODULES").location().toString()).isEqualTo("Kconfig:13");
    }

    @Test
    void unexpandableOrMissingSourcesAreSkippedWithALogLine() {
        assertThat(log.lines("DEBUG")).anyMatch(l -> l.contains("Kconfig:10") && l.contains("$(shell,echo arch)"));
        assertThat(log.lines("WARN")).singleElement().satisfies(l -> assertThat(l).contains("Kconfig:11")
                .contains("missing/Kconfig"));
        assertThat(log.text()).doesNotContain("optional/Kconfig");
    }

    @Test
    void helpTextIsSkippedByIndentationEvenWhenItLooksLikeStatements() {
        assertThat(index.defines("NOT_A_SYMBOL")).isFalse();
        assertThat(index.defines("HIDDEN_IN_HELP")).isFalse();
        assertThat(texts(only("MODULES").dependsOn())).as("the line after the help block is an attribute again")
                .containsExactly("depends on !BROKEN");
        assertThat(only("AFTER_OLD_STYLE").type()).isEqualTo(SymbolType.BOOL);
        assertThat(only("HIGHMEM64G").choice()).isPresent();
    }

    @Test
    void recordsTypesPromptsAndPromptConditions() {
        assertThat(only("X86_32").type()).isEqualTo(SymbolType.BOOL);
        assertThat(only("X86_32").prompt()).isEmpty();
        assertThat(only("XEN_GNTDEV").type()).isEqualTo(SymbolType.TRISTATE);
        assertThat(only("CMDLINE").type()).isEqualTo(SymbolType.STRING);
        assertThat(only("PHYSICAL_START").type()).isEqualTo(SymbolType.HEX);
        assertThat(only("XEN_DOM0").prompt().orElseThrow().text()).isEqualTo("Xen Dom0 support #1");
        Prompt nrCpus = only("NR_CPUS").prompt().orElseThrow();
        assertThat(only("NR_CPUS").type()).isEqualTo(SymbolType.INT);
        assertThat(nrCpus.condition().orElseThrow().text()).isEqualTo("SMP");
        assertThat(only("NR_CPUS").ranges()).singleElement().satisfies(r -> assertThat(r.describe())
                .isEqualTo("range 2 512 if SMP"));
        Prompt bits = only("64BIT").prompt().orElseThrow();
        assertThat(bits.condition().orElseThrow().evaluate(KernelConfig.empty()))
                .as("$(ARCH) is x86_64, not x86").isEqualTo(Tristate.N);
    }

    @Test
    void ownDependsKeepTheirTextAcrossContinuationLines() {
        assertThat(texts(only("HIGHMEM64G").dependsOn())).containsExactly("depends on !M486 && !M586");
        assertThat(texts(only("XEN_DOM0").dependsOn())).containsExactly(
                "depends on (XEN_PV && SWIOTLB_XEN) || (XEN_PVH && X86_64)",
                "depends on X86_IO_APIC && ACPI && PCI");
    }

    @Test
    void inheritsConditionsOfEnclosingIfMenuAndChoice() {
        SymbolDefinition dom0 = only("XEN_DOM0");
        assertThat(dom0.inherited()).extracting(Condition::kind, c -> c.expression().text()).containsExactly(
                org.assertj.core.groups.Tuple.tuple(Condition.Kind.MENU_DEPENDS_ON, "HAS_IOMEM"),
                org.assertj.core.groups.Tuple.tuple(Condition.Kind.MENU_VISIBLE_IF, "EXPERT"),
                org.assertj.core.groups.Tuple.tuple(Condition.Kind.IF_BLOCK, "XEN"));
        assertThat(texts(dom0.valueConditions())).as("visible if hides the prompt only").containsExactly(
                "depends on HAS_IOMEM", "if XEN", "depends on (XEN_PV && SWIOTLB_XEN) || (XEN_PVH && X86_64)",
                "depends on X86_IO_APIC && ACPI && PCI");
        assertThat(dom0.menuPath()).containsExactly("menu \"Device Drivers\"");
        assertThat(dom0.inherited().get(2).provenance()).isEqualTo("if block at drivers/xen/Kconfig:1");

        assertThat(texts(only("CMDLINE").inherited())).as("after endif").containsExactly("depends on HAS_IOMEM",
                "visible if EXPERT");

        SymbolDefinition highmem = only("HIGHMEM64G");
        assertThat(highmem.inherited()).singleElement().satisfies(c -> {
            assertThat(c.kind()).isEqualTo(Condition.Kind.CHOICE_DEPENDS_ON);
            assertThat(c.statement()).isEqualTo("depends on X86_32");
            assertThat(c.provenance()).isEqualTo("choice \"High Memory Support\" at arch/x86/Kconfig:14");
        });
        assertThat(highmem.menuPath()).containsExactly("menu \"Processor type and features\"",
                "choice \"High Memory Support\"");
        KconfigChoice choice = highmem.choice().orElseThrow();
        assertThat(choice.prompt()).isEqualTo("High Memory Support");
        assertThat(choice.members()).containsExactly("NOHIGHMEM", "HIGHMEM64G");
        assertThat(only("NR_CPUS").choice()).as("after endchoice").isEmpty();
        assertThat(only("NR_CPUS").inherited()).isEmpty();
    }

    @Test
    void aCommentsDependsDoesNotAttachToThePreviousSymbol() {
        assertThat(only("XEN_DOM0").dependsOn()).hasSize(2);
        assertThat(only("XEN_GNTDEV").dependsOn()).isEmpty();
    }

    @Test
    void indexesSelectsAndImpliesByTarget() {
        assertThat(index.selectorsOf("X86_PAE")).singleElement().satisfies(s -> {
            assertThat(s.selector()).isEqualTo("HIGHMEM64G");
            assertThat(s.kind()).isEqualTo(Selection.Kind.SELECT);
            assertThat(s.condition()).isEmpty();
        });
        assertThat(index.selectorsOf("CONFIG_X86_X2APIC")).singleElement().satisfies(s -> {
            assertThat(s.describe()).isEqualTo("XEN_DOM0 (if XEN_PVH && X86_64)");
            assertThat(s.location()).isEqualTo(new SourceLocation("drivers/xen/Kconfig", 7));
        });
        assertThat(index.selectorsOf("XEN_GNTDEV")).singleElement()
                .satisfies(s -> assertThat(s.kind()).isEqualTo(Selection.Kind.IMPLY));
        assertThat(only("XEN_DOM0").selects()).hasSize(2);
        assertThat(index.selectorsOf("NOTHING")).isEmpty();
    }

    @Test
    void aSymbolDefinedTwiceKeepsBothDefinitions() {
        KconfigSymbol x2apic = index.symbol("X86_X2APIC").orElseThrow();
        assertThat(x2apic.definitions()).extracting(d -> d.location().toString())
                .containsExactly("drivers/block/Kconfig.extra:1", "drivers/net/Kconfig.extra:1");
        assertThat(x2apic.type()).isEqualTo(SymbolType.BOOL);
        assertThat(x2apic.hasPrompt()).isTrue();
    }

    @Test
    void srctreeCanBeGivenSeparatelyFromTheRoot() throws Exception {
        write(tree, "xen/Kconfig", "source \"arch/$(SRCARCH)/Kconfig\"\n");
        write(tree, "xen/arch/arm/Kconfig", "config ARM\n\tdef_bool y\n");
        KconfigIndex xen = KconfigIndex.load(tree.resolve("xen/Kconfig"), Map.of("SRCARCH", "arm"), log);
        assertThat(xen.symbolNames()).containsExactly("ARM");
        assertThat(xen.symbol("ARM").orElseThrow().definitions().get(0).location().file())
                .isEqualTo("arch/arm/Kconfig");

        KconfigIndex other = KconfigIndex.load(tree.resolve("xen/Kconfig"),
                Map.of("SRCARCH", "x86", "srctree", tree.toString()), log);
        assertThat(other.defines("HIGHMEM64G")).as("arch/x86/Kconfig relative to the given srctree").isTrue();
    }

    @Test
    void aMissingRootIsABuildException() {
        assertThatThrownBy(() -> KconfigIndex.load(tree.resolve("nope/Kconfig"), Map.of(), log))
                .isInstanceOf(BuildException.class).hasMessageContaining("nope/Kconfig");
    }

    @Test
    void aFileSourcingItselfDoesNotLoopForever() throws Exception {
        write(tree, "loop/Kconfig", "config LOOP\n\tbool\nsource \"loop/Kconfig\"\n");
        KconfigIndex loop = KconfigIndex.load(tree.resolve("loop/Kconfig"), Map.of("srctree", tree.toString()), log);
        assertThat(loop.symbol("LOOP").orElseThrow().definitions()).hasSize(1);
        assertThat(log.lines("WARN")).anyMatch(l -> l.contains("sources itself"));
    }

    @Test
    void followsPre418LegacySourcePathsWithDollarNames(@TempDir Path old) throws Exception {
        write(old, "Kconfig", """
                config SRCARCH
                \tstring
                \toption env="SRCARCH"
                source "arch/$SRCARCH/Kconfig"
                """);
        write(old, "arch/x86/Kconfig", """
                config X86_LEGACY
                \tbool "legacy"
                """);
        KconfigIndex legacy = KconfigIndex.load(old.resolve("Kconfig"), Map.of("SRCARCH", "x86"), log);
        assertThat(legacy.defines("X86_LEGACY")).isTrue();
    }
}
