package io.github.dom0build.core.make;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dom0build.core.BuildException;
import org.junit.jupiter.api.Test;

class CompilerLauncherTest {
    @Test
    void nothingOrNoneMeansNoLauncher() throws Exception {
        for (String v : new String[] {null, "", "   ", "none", "NONE", "None"}) {
            CompilerLauncher l = CompilerLauncher.parse(v);
            assertThat(l).as(String.valueOf(v)).isSameAs(CompilerLauncher.NONE);
            assertThat(l.isNone()).isTrue();
            assertThat(l.name()).isEqualTo("none");
        }
    }

    @Test
    void aProgramIsKeptAndNamedByItsFileName() throws Exception {
        CompilerLauncher ccache = CompilerLauncher.parse(" ccache ");
        assertThat(ccache.program()).isEqualTo("ccache");
        assertThat(ccache.name()).isEqualTo("ccache");
        assertThat(ccache.isNone()).isFalse();
        CompilerLauncher path = CompilerLauncher.parse("/usr/lib/distcc/bin/distcc");
        assertThat(path.program()).isEqualTo("/usr/lib/distcc/bin/distcc");
        assertThat(path.name()).isEqualTo("distcc");
    }

    @Test
    void aCommandLineIsRefused() {
        assertThatThrownBy(() -> CompilerLauncher.parse("ccache gcc")).isInstanceOfSatisfying(BuildException.class, e -> {
            assertThat(e.problem()).isEqualTo("compilerLauncher 'ccache gcc' contains white space; it must name one"
                    + " program.");
            assertThat(e.fix()).contains("ccache, sccache, distcc");
        });
        assertThatThrownBy(() -> CompilerLauncher.parse("ccache\t-s")).isInstanceOf(BuildException.class);
    }
}
