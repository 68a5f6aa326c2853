package io.github.dom0build.core.kconfig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class KconfigExprTest {
    private final KernelConfig config = config("""
            CONFIG_Y=y
            CONFIG_M=m
            # CONFIG_N is not set
            CONFIG_NR_CPUS=128
            CONFIG_BASE=0x1000
            CONFIG_NAME="xen"
            CONFIG_EMPTY=""
            """);

    private static KernelConfig config(String text) {
        try {
            return KernelConfig.parse(text, "test");
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private Tristate eval(String expr) {
        return KconfigExpr.parse(expr).evaluate(config);
    }

    @Test
    void tristateLogicIsMinMaxAndTwoMinus() {
        assertThat(eval("Y")).isEqualTo(Tristate.Y);
        assertThat(eval("M")).isEqualTo(Tristate.M);
        assertThat(eval("Y && M")).isEqualTo(Tristate.M);
        assertThat(eval("N || M")).isEqualTo(Tristate.M);
        assertThat(eval("!M")).isEqualTo(Tristate.M);
        assertThat(eval("!Y")).isEqualTo(Tristate.N);
        assertThat(eval("!N")).isEqualTo(Tristate.Y);
        assertThat(eval("M && !N")).isEqualTo(Tristate.M);
        assertThat(eval("y")).isEqualTo(Tristate.Y);
        assertThat(eval("m")).isEqualTo(Tristate.M);
        assertThat(eval("n || \"y\"")).isEqualTo(Tristate.Y);
    }

    @Test
    void unknownAndMissingSymbolsAreN() {
        assertThat(eval("NOT_IN_CONFIG")).isEqualTo(Tristate.N);
        assertThat(eval("!NOT_IN_CONFIG && Y")).isEqualTo(Tristate.Y);
        assertThat(eval("NR_CPUS")).as("a number is not a tristate").isEqualTo(Tristate.N);
    }

    @Test
    void andBindsTighterThanOrAndParenthesesGroup() {
        assertThat(eval("Y || N && N")).isEqualTo(Tristate.Y);
        assertThat(eval("(Y || N) && N")).isEqualTo(Tristate.N);
        assertThat(eval("!(Y && N)")).isEqualTo(Tristate.Y);
        assertThat(eval("(N && Y) || (M && Y)")).isEqualTo(Tristate.M);
    }

    @Test
    void comparisonsAreTristateNumericOrTextual() {
        assertThat(eval("M = m")).isEqualTo(Tristate.Y);
        assertThat(eval("M != y")).isEqualTo(Tristate.Y);
        assertThat(eval("M < Y")).isEqualTo(Tristate.Y);
        assertThat(eval("N = n")).isEqualTo(Tristate.Y);
        assertThat(eval("MISSING = n")).isEqualTo(Tristate.Y);
        assertThat(eval("NR_CPUS > 64")).isEqualTo(Tristate.Y);
        assertThat(eval("NR_CPUS >= 128 && NR_CPUS <= 128")).isEqualTo(Tristate.Y);
        assertThat(eval("NR_CPUS < 9")).as("numerically, not as text").isEqualTo(Tristate.N);
        assertThat(eval("BASE = 4096")).isEqualTo(Tristate.Y);
        assertThat(eval("BASE > 0xfff")).isEqualTo(Tristate.Y);
        assertThat(eval("NAME = \"xen\"")).isEqualTo(Tristate.Y);
        assertThat(eval("NAME != 'kvm'")).isEqualTo(Tristate.Y);
        assertThat(eval("EMPTY = \"\"")).isEqualTo(Tristate.Y);
        assertThat(eval("!NAME = \"xen\"")).as("! applies to the comparison").isEqualTo(Tristate.N);
    }

    @Test
    void listsTheSymbolsItMentionsInOrder() {
        KconfigExpr e = KconfigExpr.parse("(XEN_PV && SWIOTLB_XEN) || (XEN_PVH && X86_64) || NR_CPUS > 64 || y || \"s\"");
        assertThat(e.symbols()).containsExactly("XEN_PV", "SWIOTLB_XEN", "XEN_PVH", "X86_64", "NR_CPUS");
        assertThat(e.isSymbol()).isFalse();
        assertThat(KconfigExpr.parse(" X86_32 ").isSymbol()).isTrue();
    }

    @Test
    void keepsTheTextWithBlanksNormalised() {
        assertThat(KconfigExpr.parse("A  &&\t(B ||  C)").text()).isEqualTo("A && (B || C)");
    }

    @Test
    void macrosThatNeedTheBuildCountAsN() {
        KconfigExpr e = KconfigExpr.parse("Y && $(cc-option,-mfoo -mbar)");
        assertThat(e.hasMacros()).isTrue();
        assertThat(e.evaluate(config)).isEqualTo(Tristate.N);
        assertThat(e.symbols()).containsExactly("Y");
    }

    @Test
    void malformedExpressionsAreRejected() {
        for (String bad : new String[] {"", "A &&", "(A || B", "A B", "A & B", "= y", "A || )"}) {
            assertThatThrownBy(() -> KconfigExpr.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
