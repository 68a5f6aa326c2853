package io.github.dom0build.core.configure;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ConfigureAdviceTest {
    @Test
    void aMissingSystemdLibraryGetsEachFamilysPackageAndTheAlternative() {
        assertThat(ConfigureAdvice.fixFor(List.of("checking for libsystemd... no",
                "configure: error: Unable to find systemd development library, headers or systemd-notify"))).contains(
                        "install the missing build dependency (Debian/Ubuntu: apt-get install libsystemd-dev; Fedora: dnf"
                                + " install systemd-devel; openSUSE: zypper install systemd-devel), or set"
                                + " systemd=false; the deps goal checks them all at once");
    }

    @Test
    void missingOcamlSuggestsCxenstored() {
        assertThat(ConfigureAdvice.fixFor(List.of("configure: error: Missing ocaml dependencies for oxenstored, try"
                + " installing ocaml ocaml-compiler-libs ocaml-runtime ocaml-findlib"))).hasValueSatisfying(f -> assertThat(f)
                        .contains("apt-get install ocaml-nox ocaml-findlib")
                        .contains("zypper install ocaml ocaml-compiler-libs ocaml-runtime ocaml-findlib")
                        .contains(", or set xenstored=cxenstored;"));
    }

    @Test
    void aRuleWithoutAlternativeSaysNone() {
        assertThat(ConfigureAdvice.fixFor(List.of("configure: error: Could not find yajl"))).contains(
                "install the missing build dependency (Debian/Ubuntu: apt-get install libyajl-dev; Fedora: dnf install"
                        + " yajl-devel; openSUSE: zypper install libyajl-devel); the deps goal checks them all at once");
    }

    @Test
    void onlyErrorLinesCountAndTheFirstMatchingOneWins() {
        assertThat(ConfigureAdvice.fixFor(List.of("checking for uuid/uuid.h... no", "checking for zlib... yes",
                "configure: error: Could not find lzma", "configure: error: Could not find zlib")))
                .hasValueSatisfying(f -> assertThat(f).contains("liblzma-dev").doesNotContain("zlib1g-dev"));
    }

    @Test
    void unknownOrNoErrorsGiveNoAdvice() {
        assertThat(ConfigureAdvice.fixFor(List.of())).isEmpty();
        assertThat(ConfigureAdvice.fixFor(List.of("checking whether pixman-1 is present... no"))).isEmpty();
        assertThat(ConfigureAdvice.fixFor(List.of("configure: error: C compiler cannot create executables"))).isEmpty();
    }
}
