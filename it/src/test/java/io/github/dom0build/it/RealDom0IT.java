package io.github.dom0build.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.dom0build.it.harness.BuildResult;
import io.github.dom0build.it.harness.ItProject;
import io.github.dom0build.it.harness.MavenRun;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The real thing, in the default test run: examples/dom0 as users copy it, on Debian's copies of the
 * upstream Linux 6.1 and Xen 4.17 tarballs (fetched with apt: sources), built, bundled, and booted under
 * QEMU the way a machine boots it: systemd as dom0's init on a Debian userland made with mmdebstrap, the
 * Xen units from the bundle, and a PV guest. By default with the example's {@code tiny} profile
 * (tinyconfig + the dom0 and systemd fragments), so CI stays within its time; {@code -Preal-full} on the
 * it module builds x86_64_defconfig instead. Then the same root booted again to show what fails: a unit
 * (offline, from the cached userland), a guest, and the busybox check. {@code -Dit.real=false} skips it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RealDom0IT {
    private static ItProject project;
    private static BuildResult build;

    @BeforeAll
    static void buildTheExample() throws Exception {
        Assumptions.assumeTrue(Boolean.parseBoolean(System.getProperty("it.real", "true")),
                "it.real=false: the real dom0 build is skipped");
        project = ItProject.copyExample("dom0", "real-dom0");
        MavenRun run = project.maven("install").timeout(Duration.ofMinutes(80)).log("build.log");
        String profile = System.getProperty("it.real.profile", "tiny");
        if (!profile.isBlank() && !profile.equals("none")) {
            run.profile(profile);
        }
        build = run.run();
    }

    private static JsonObject result(String reportDir) throws IOException {
        return JsonParser.parseString(Files.readString(project.resolve("dom0/target/" + reportDir + "/result.json")))
                .getAsJsonObject();
    }

    /** boot-test alone, on the dom0 module, with {@code properties}; the goal's coordinates, no prefix needed. */
    private static BuildResult bootTest(String log, boolean offline, Map<String, String> properties) {
        MavenRun run = project.mavenIn("dom0", "io.github.dom0build:xen-maven-plugin:" + ItProject.pluginVersion()
                + ":boot-test").timeout(Duration.ofMinutes(20)).log(log);
        properties.forEach(run::property);
        if (offline) {
            run.offline();
        }
        return run.run();
    }

    @Test
    @Order(1)
    void theDom0ExampleBuildsFromRealSourcesAndBootsSystemdWithTheXenUnitsAndAGuest() throws Exception {
        assertThat(build.succeeded()).as(build.toString()).isTrue();
        assertThat(build.log()).contains("Config audit: ").doesNotContain("[WARNING] Config audit");

        JsonObject boot = result("boot-test");
        assertThat(boot.get("passed").getAsBoolean()).as(boot.toString()).isTrue();
        assertThat(boot.get("init").getAsString()).isEqualTo("systemd");
        assertThat(boot.get("hypervisorType").getAsString()).isEqualTo("xen");
        assertThat(boot.get("xenstored").getAsString()).isEqualTo("oxenstored");
        assertThat(boot.get("xenstoreRoundTrip").getAsBoolean()).isTrue();
        assertThat(boot.get("xenVersion").getAsString()).startsWith("4.17");
        assertThat(boot.get("kernelRelease").getAsString()).startsWith("6.1.176");
        assertThat(boot.get("systemState").getAsString()).isEqualTo("running");
        JsonObject units = boot.getAsJsonObject("units");
        for (String unit : new String[] {"xenstored.service", "xenconsoled.service", "xen-init-dom0.service"}) {
            JsonObject u = units.getAsJsonObject(unit);
            assertThat(u.get("enabled").getAsBoolean()).as(unit).isTrue();
            assertThat(u.get("activeState").getAsString()).as(unit).isEqualTo("active");
            assertThat(u.get("result").getAsString()).as(unit).isEqualTo("success");
        }
        assertThat(units.getAsJsonObject("proc-xen.mount").get("subState").getAsString()).isEqualTo("mounted");
        assertThat(boot.getAsJsonArray("failedUnits")).isEmpty();
        assertThat(boot.get("systemdSeconds").getAsDouble()).isPositive();
        assertThat(boot.get("xenstoredReady").getAsBoolean()).isTrue();
        JsonObject guest = boot.getAsJsonObject("guest");
        assertThat(guest.get("created").getAsBoolean()).isTrue();
        assertThat(guest.get("nonceSeen").getAsBoolean()).isTrue();
        assertThat(guest.get("cleanShutdown").getAsBoolean()).isTrue();
        assertThat(guest.get("kernelRelease").getAsString()).startsWith("6.1.176");

        Path root = project.resolve("dom0/target/root");
        assertThat(Files.isSymbolicLink(root.resolve("etc/systemd/system/multi-user.target.wants/xenstored.service")))
                .isTrue();
        assertThat(Files.readString(root.resolve("boot/grub/grub.cfg"))).contains("/boot/vmlinuz-6.1.176");
    }

    @Test
    @Order(2)
    void aUnitThatFailsFailsTheGoalWithItsNameAndJournalAndOfflineTheCachedUserlandBoots() throws Exception {
        Assumptions.assumeTrue(build.succeeded(), "the example did not build");
        Path broken = project.resolve("dom0/target/broken-root");
        copyTree(project.resolve("dom0/target/root"), broken);
        Path xencommons = broken.resolve("etc/default/xencommons");
        Files.writeString(xencommons, Files.readString(xencommons).replaceAll("(?m)^XENSTORED=.*$",
                "XENSTORED=/usr/sbin/no-such-xenstored"));

        BuildResult r = bootTest("broken-unit.log", true, Map.of("xen.root", broken.toString(),
                "xen.bootTest.reportDirectory", project.resolve("dom0/target/boot-test-broken").toString(),
                "xen.bootTest.guest", "false"));
        assertThat(r.succeeded()).as(r.toString()).isFalse();
        assertThat(r.log()).contains("Offline: using the cached userland")
                .contains("The dom0 boot test failed:")
                .contains("xenstored.service is failed/failed (result exit-code); its journal:")
                .contains("No xenstored found");
        JsonObject boot = result("boot-test-broken");
        assertThat(boot.getAsJsonArray("failedUnits").toString()).contains("xenstored.service");
        assertThat(boot.get("passed").getAsBoolean()).isFalse();
    }

    @Test
    @Order(3)
    void aGuestThatDoesNotPrintItsNonceFailsTheGoal() throws Exception {
        Assumptions.assumeTrue(build.succeeded(), "the example did not build");
        BuildResult r = bootTest("broken-guest.log", true, Map.of("xen.bootTest.reportDirectory",
                project.resolve("dom0/target/boot-test-guest").toString(),
                "xen.bootTest.guestKernelArguments", "rdinit=/no-such-init"));
        assertThat(r.succeeded()).as(r.toString()).isFalse();
        assertThat(r.log()).contains("the guest did not print its nonce");
        JsonObject guest = result("boot-test-guest").getAsJsonObject("guest");
        assertThat(guest.get("nonceSeen").getAsBoolean()).isFalse();
        assertThat(result("boot-test-guest").getAsJsonArray("failedUnits")).as("dom0 itself was fine").isEmpty();
    }

    @Test
    @Order(4)
    void offlineWithoutACachedUserlandTheGoalSaysWhatToFetch() throws Exception {
        Assumptions.assumeTrue(build.succeeded(), "the example did not build");
        Path empty = Files.createDirectories(project.resolve("dom0/target/no-userland-cache"));
        BuildResult r = bootTest("no-userland.log", true, Map.of("xen.bootTest.userlandCacheDirectory",
                empty.toString(), "xen.bootTest.reportDirectory", project.resolve("dom0/target/boot-test-offline")
                        .toString()));
        assertThat(r.succeeded()).isFalse();
        assertThat(r.log()).contains("Maven is offline (-o) and no userland for Debian")
                .contains("run the build once without -o");
        assertThat(r.log()).doesNotContain("[qemu]");
    }

    @Test
    @Order(5)
    void theBusyboxCheckStillBootsTheSameRootWithoutAUserland() throws Exception {
        Assumptions.assumeTrue(build.succeeded(), "the example did not build");
        BuildResult r = bootTest("busybox.log", true, Map.of("xen.bootTest.init", "busybox",
                "xen.bootTest.reportDirectory", project.resolve("dom0/target/boot-test-busybox").toString()));
        assertThat(r.succeeded()).as(r.toString()).isTrue();
        JsonObject boot = result("boot-test-busybox");
        assertThat(boot.get("init").getAsString()).isEqualTo("busybox");
        assertThat(boot.get("xenstoreRoundTrip").getAsBoolean()).isTrue();
        assertThat(boot.has("units")).isFalse();
    }

    private static void copyTree(Path from, Path to) throws IOException {
        ItProject.deleteTree(to);
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) throws IOException {
                Files.createDirectories(to.resolve(from.relativize(d).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) throws IOException {
                Files.copy(f, to.resolve(from.relativize(f).toString()), LinkOption.NOFOLLOW_LINKS,
                        StandardCopyOption.COPY_ATTRIBUTES);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
