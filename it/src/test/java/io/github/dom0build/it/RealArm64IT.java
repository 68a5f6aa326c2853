package io.github.dom0build.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.dom0build.core.arch.Architecture;
import io.github.dom0build.core.arch.ImageArchitecture;
import io.github.dom0build.it.harness.BuildResult;
import io.github.dom0build.it.harness.ItProject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Xen on arm64 from this x86 machine, on real sources: examples/dom0 with {@code -Ptiny,arm64} (Debian's
 * Linux 6.1 and Xen 4.17 tarballs, as {@link RealDom0IT} has them) cross-builds the hypervisor, a
 * tinyconfig dom0 kernel and Xen's tools with the C xenstored, bundles them, and boots them under
 * qemu-system-aarch64 with the busybox init. {@code -Dit.real.arm64=false} skips it.
 */
class RealArm64IT {
    private static ItProject project;
    private static BuildResult build;

    @BeforeAll
    static void buildTheExample() throws Exception {
        Assumptions.assumeTrue(Boolean.parseBoolean(System.getProperty("it.real.arm64", "true")),
                "it.real.arm64=false: the real arm64 build is skipped");
        project = ItProject.copyExample("dom0", "real-arm64");
        build = project.maven("install").profile("tiny").profile("arm64").timeout(Duration.ofMinutes(60))
                .log("build.log").run();
    }

    private static JsonObject json(String path) throws IOException {
        return JsonParser.parseString(Files.readString(project.resolve(path))).getAsJsonObject();
    }

    @Test
    void theArm64Dom0CrossBuildsAndBootsUnderQemu() throws Exception {
        assertThat(build.succeeded()).as(build.toString()).isTrue();
        assertThat(build.log()).contains("qemu-system-aarch64").contains("Config audit: ")
                .doesNotContain("[WARNING] Config audit");

        JsonObject boot = json("dom0/target/boot-test/result.json");
        assertThat(boot.get("passed").getAsBoolean()).as(boot.toString()).isTrue();
        assertThat(boot.get("init").getAsString()).isEqualTo("busybox");
        assertThat(boot.get("hypervisorType").getAsString()).isEqualTo("xen");
        assertThat(boot.get("kernelRelease").getAsString()).startsWith("6.1.176");
        assertThat(boot.get("machine").getAsString()).isEqualTo("aarch64");
        assertThat(boot.get("xenVersion").getAsString()).startsWith("4.17");
        assertThat(boot.get("xenstored").getAsString()).isEqualTo("xenstored");
        assertThat(boot.get("xenstoreRoundTrip").getAsBoolean()).isTrue();
        assertThat(boot.get("domid").getAsString()).isEqualTo("0");
        assertThat(boot.getAsJsonArray("xlList").toString()).contains("Domain-0");
    }

    @Test
    void everyPartSaysArm64AndIsArm64() throws Exception {
        Assumptions.assumeTrue(build.succeeded(), "the build failed; the first test says why");
        assertThat(json("kernel/target/dom0-kernel-1.0.0-SNAPSHOT-kernel.json").get("arch").getAsString())
                .isEqualTo("arm64");
        JsonObject xen = json("xen/target/dom0-xen-1.0.0-SNAPSHOT-xen.json");
        assertThat(xen.get("arch").getAsString()).isEqualTo("arm64");
        assertThat(xen.get("bootImage").getAsString()).isEqualTo("usr/lib/xen/boot/xen-4.17.5.Image");
        assertThat(json("dom0/target/dom0-1.0.0-SNAPSHOT-dom0.json").get("arch").getAsString()).isEqualTo("arm64");
        Path root = project.resolve("dom0/target/root");
        for (String program : new String[] {"usr/sbin/xl", "usr/sbin/xenstored", "usr/lib/xen/boot/xen-4.17.5.Image"}) {
            assertThat(ImageArchitecture.of(root.resolve(program))).as(program).contains(Architecture.ARM64);
        }
        assertThat(root.resolve("usr/sbin/oxenstored")).doesNotExist();
    }
}
