package io.github.dom0build.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.dom0build.it.harness.BuildResult;
import io.github.dom0build.it.harness.ItProject;
import io.github.dom0build.it.harness.MavenRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The real thing, in the default test run: examples/dom0 as users copy it, on Debian's copies of the
 * upstream Linux 6.1 and Xen 4.17 tarballs (fetched with apt: sources), built, bundled, and booted under
 * QEMU. By default with the example's {@code tiny} profile (tinyconfig + the dom0 fragment), so CI stays
 * within its time; {@code -Preal-full} on the it module builds x86_64_defconfig instead.
 * {@code -Dit.real=false} skips it on a developer machine.
 */
class RealDom0IT {
    @Test
    void theDom0ExampleBuildsFromRealSourcesAndBootsUnderQemu() throws Exception {
        Assumptions.assumeTrue(Boolean.parseBoolean(System.getProperty("it.real", "true")),
                "it.real=false: the real dom0 build is skipped");
        ItProject p = ItProject.copyExample("dom0", "real-dom0");
        MavenRun run = p.maven("install").timeout(Duration.ofMinutes(80)).log("build.log");
        String profile = System.getProperty("it.real.profile", "tiny");
        if (!profile.isBlank() && !profile.equals("none")) {
            run.profile(profile);
        }
        BuildResult r = run.run();
        assertThat(r.succeeded()).as(r.toString()).isTrue();
        assertThat(r.log()).contains("Config audit: ").doesNotContain("[WARNING] Config audit");

        Path result = p.resolve("dom0/target/boot-test/result.json");
        JsonObject boot = JsonParser.parseString(Files.readString(result)).getAsJsonObject();
        assertThat(boot.get("passed").getAsBoolean()).as(boot.toString()).isTrue();
        assertThat(boot.get("hypervisorType").getAsString()).isEqualTo("xen");
        assertThat(boot.get("xenstored").getAsString()).isEqualTo("oxenstored");
        assertThat(boot.get("xenstoreRoundTrip").getAsBoolean()).isTrue();
        assertThat(boot.get("xenVersion").getAsString()).startsWith("4.17");
        assertThat(boot.get("kernelRelease").getAsString()).startsWith("6.1.176");

        Path root = p.resolve("dom0/target/root");
        assertThat(Files.isSymbolicLink(root.resolve("etc/systemd/system/multi-user.target.wants/xenstored.service")))
                .isTrue();
        assertThat(Files.readString(root.resolve("boot/grub/grub.cfg"))).contains("/boot/vmlinuz-6.1.176");
    }
}
