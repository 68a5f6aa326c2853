package io.github.dom0build.core.xen;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class XenVersionTest {
    @TempDir
    Path tmp;

    private Path tree(String makefile) throws Exception {
        Path t = Files.createTempDirectory(tmp, "xen");
        Files.createDirectories(t.resolve("xen"));
        Files.writeString(t.resolve("xen/Makefile"), makefile);
        return t;
    }

    @Test
    void theVersionIsReadFromXenMakefileInEveryLayoutReleasesUsed() throws Exception {
        assertThat(XenVersion.of(tree("# 4.17\nexport XEN_VERSION       = 4\nexport XEN_SUBVERSION    = 17\n"
                + "export XEN_EXTRAVERSION ?= .5$(XEN_VENDORVERSION)\n"))).contains(new XenVersion(4, 17));
        assertThat(XenVersion.of(tree("XEN_VERSION=4\nXEN_SUBVERSION=2\n"))).contains(new XenVersion(4, 2));
        assertThat(XenVersion.of(tree("export XEN_SUBVERSION := 21\nexport XEN_VERSION := 4\n")))
                .contains(new XenVersion(4, 21));
        assertThat(XenVersion.of(tree("all:\n\techo no version here\n"))).isEmpty();
        assertThat(XenVersion.of(tmp)).isEmpty();
    }

    @Test
    void libsystemdIsNeededBefore419AndOxenstoredIsDeprecatedFrom421() {
        assertThat(new XenVersion(4, 17).systemdNeedsLibsystemd()).isTrue();
        assertThat(new XenVersion(4, 18).systemdNeedsLibsystemd()).isTrue();
        assertThat(new XenVersion(4, 19).systemdNeedsLibsystemd()).isFalse();
        assertThat(new XenVersion(5, 0).systemdNeedsLibsystemd()).isFalse();
        assertThat(new XenVersion(4, 20).oxenstoredDeprecated()).isFalse();
        assertThat(new XenVersion(4, 21).oxenstoredDeprecated()).isTrue();
    }
}
