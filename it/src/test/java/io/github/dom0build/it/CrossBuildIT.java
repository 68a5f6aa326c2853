package io.github.dom0build.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dom0build.core.arch.Architecture;
import io.github.dom0build.core.arch.ImageArchitecture;
import io.github.dom0build.it.harness.BuildResult;
import io.github.dom0build.it.harness.ItProject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * {@code arch=arm64} on the fixture Xen tree, on this x86 machine: what reaches configure and make, and
 * the xenstore daemon that cannot be cross-built. The cross compiler (gcc-aarch64-linux-gnu, from
 * .ci/install-deps) compiles the fixture's tools for real; the fixture has an x86 hypervisor only, so
 * make builds the tools.
 */
class CrossBuildIT {
    private static ItProject project(TestInfo info) throws Exception {
        return ItProject.copy("xen", "cross-" + info.getTestMethod().orElseThrow().getName());
    }

    @Test
    void oxenstoredIsRefusedBeforeConfigureRuns(TestInfo info) throws Exception {
        ItProject p = project(info);
        BuildResult r = p.maven("process-sources").property("xen.arch", "arm64").run();
        assertThat(r.succeeded()).isFalse();
        assertThat(r.log()).contains("xenstored=oxenstored cannot be cross-built for arm64")
                .contains("no distribution packages an OCaml cross compiler").contains("-Dxen.xenstored=cxenstored");
        assertThat(p.resolve("target/xen/config.status")).doesNotExist();
    }

    @Test
    void configureAndMakeHearTheTargetTheWayXenDocumentsIt(TestInfo info) throws Exception {
        ItProject p = project(info);
        BuildResult r = p.maven("compile").property("xen.arch", "arm64").property("xen.xenstored", "cxenstored")
                .property("xen.targets", "build-tools").run();
        assertThat(r.succeeded()).as(r.toString()).isTrue();
        String status = Files.readString(p.resolve("target/xen/config.status"), StandardCharsets.UTF_8);
        assertThat(status).contains("--build=x86_64-linux-gnu").contains("--host=aarch64-linux-gnu")
                .contains("--disable-ocamltools").contains("--with-xenstored=xenstored");
        assertThat(p.resolve("target/xen/dist/build-vars.txt")).content().contains("XEN_TARGET_ARCH=arm64")
                .contains("CC=aarch64-linux-gnu-gcc");
        assertThat(ImageArchitecture.of(p.resolve("target/xen/tools/xl/xl"))).contains(Architecture.ARM64);
    }
}
