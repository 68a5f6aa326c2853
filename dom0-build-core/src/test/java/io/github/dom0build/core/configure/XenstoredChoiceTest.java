package io.github.dom0build.core.configure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dom0build.core.BuildException;
import org.junit.jupiter.api.Test;

class XenstoredChoiceTest {
    @Test
    void parsesBothDaemonsUnderEitherName() throws Exception {
        assertThat(XenstoredChoice.parse("oxenstored")).isEqualTo(XenstoredChoice.OXENSTORED);
        assertThat(XenstoredChoice.parse(" OXenstored ")).isEqualTo(XenstoredChoice.OXENSTORED);
        assertThat(XenstoredChoice.parse("cxenstored")).isEqualTo(XenstoredChoice.CXENSTORED);
        assertThat(XenstoredChoice.parse("xenstored")).isEqualTo(XenstoredChoice.CXENSTORED);
    }

    @Test
    void configureAndPeopleNameTheCDaemonDifferently() {
        assertThat(XenstoredChoice.CXENSTORED.configureValue()).isEqualTo("xenstored");
        assertThat(XenstoredChoice.CXENSTORED.displayName()).isEqualTo("cxenstored");
        assertThat(XenstoredChoice.OXENSTORED.configureValue()).isEqualTo("oxenstored");
        assertThat(XenstoredChoice.OXENSTORED.displayName()).isEqualTo("oxenstored");
    }

    @Test
    void anythingElseIsRefused() {
        assertThatThrownBy(() -> XenstoredChoice.parse("/usr/sbin/oxenstored")).isInstanceOfSatisfying(
                BuildException.class, e -> {
                    assertThat(e.problem()).isEqualTo("xenstored '/usr/sbin/oxenstored' is not a xenstore daemon.");
                    assertThat(e.fix()).isEqualTo("set xenstored to oxenstored (OCaml) or cxenstored (C)");
                });
        assertThatThrownBy(() -> XenstoredChoice.parse(null)).isInstanceOf(BuildException.class)
                .hasMessageContaining("xenstored 'null' is not a xenstore daemon.");
        assertThatThrownBy(() -> XenstoredChoice.parse("")).isInstanceOf(BuildException.class);
    }

    @Test
    void unsetMeansTheRecipesOxenstoredButAnUnknownNameIsStillRefused() throws Exception {
        assertThat(XenstoredChoice.parseOrRecipes(null)).isEqualTo(XenstoredChoice.OXENSTORED);
        assertThat(XenstoredChoice.parseOrRecipes(" ")).isEqualTo(XenstoredChoice.OXENSTORED);
        assertThat(XenstoredChoice.parseOrRecipes("cxenstored")).isEqualTo(XenstoredChoice.CXENSTORED);
        assertThatThrownBy(() -> XenstoredChoice.parseOrRecipes("xenstore")).isInstanceOf(BuildException.class);
    }
}
