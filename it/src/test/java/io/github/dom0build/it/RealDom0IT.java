package io.github.dom0build.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.dom0build.core.boottest.BootTestResult;
import io.github.dom0build.core.boottest.DiskBootTest;
import io.github.dom0build.core.boottest.GuestOptions;
import io.github.dom0build.core.process.ProcessRunner;
import io.github.dom0build.core.testing.RecordingLog;
import io.github.dom0build.core.testing.SbomChecks;
import io.github.dom0build.core.userland.Userland;
import io.github.dom0build.core.userland.UserlandDefaults;
import io.github.dom0build.core.userland.Userlands;
import io.github.dom0build.it.harness.BuildResult;
import io.github.dom0build.it.harness.ItProject;
import io.github.dom0build.it.harness.MachineDisk;
import io.github.dom0build.it.harness.MavenRun;
import io.github.dom0build.it.harness.TreeDigest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
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
    private static final String MACHINE_UUID = "1b3f0c2e-5d6a-4e8f-9a0b-1c2d3e4f5a6b";
    /** The xenstore daemon of the whole example: oxenstored, or cxenstored with -Preal-cxenstored. */
    private static final String XENSTORED = System.getProperty("it.real.xenstored", "oxenstored");
    private static ItProject project;
    private static BuildResult build;

    @BeforeAll
    static void buildTheExample() throws Exception {
        Assumptions.assumeTrue(Boolean.parseBoolean(System.getProperty("it.real", "true")),
                "it.real=false: the real dom0 build is skipped");
        project = ItProject.copyExample("dom0", "real-dom0");
        // artifact:buildinfo: a few seconds after install, the record the SBOM page shows for the real dom0
        MavenRun run = project.maven("install", "artifact:buildinfo").timeout(Duration.ofMinutes(80)).log("build.log")
                .property("xen.xenstored", XENSTORED);
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
                + ":boot-test").timeout(Duration.ofMinutes(20)).log(log).property("xen.xenstored", XENSTORED);
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
        assertThat(boot.get("xenstored").getAsString()).as("the daemon's file name")
                .isEqualTo(XENSTORED.equals("cxenstored") ? "xenstored" : XENSTORED);
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
    @Order(1)
    void theRealSbomsValidateMatchTheArchivesAndBuildinfoListsThem() throws Exception {
        assertThat(build.succeeded()).as(build.toString()).isTrue();
        String v = "1.0.0-SNAPSHOT";
        for (String[] d : new String[][] {{"kernel", "dom0-kernel-" + v, "kernel"}, {"xen", "dom0-xen-" + v, "xen"},
            {"dom0", "dom0-" + v, "dom0"}}) {
            Path sbom = project.resolve(d[0] + "/target/" + d[1] + "-cyclonedx.json");
            assertThat(SbomChecks.schemaErrors(sbom)).as(d[0]).isEmpty();
            assertThat(SbomChecks.hashMismatches(sbom, project.resolve(d[0] + "/target/" + d[1] + "-" + d[2]
                    + ".tar.gz"))).as(d[0]).isEmpty();
        }
        assertThat(SbomChecks.read(project.resolve("dom0/target/dom0-" + v + "-cyclonedx.json")).toString())
                .contains("pkg:deb/debian/linux@6.1.176", "pkg:deb/debian/xen@4.17.5", "\"xen:tool:ocamlopt\"");
        assertThat(Files.readString(project.resolve("target/dom0-parent-" + v + ".buildinfo")))
                .contains("dom0-" + v + "-dom0.tar.gz", "dom0-" + v + "-cyclonedx.json",
                        "dom0-kernel-" + v + "-cyclonedx.json", "dom0-xen-" + v + "-cyclonedx.json");
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

        BuildResult r = bootTest("broken-unit.log", true, Map.of("xen.bundleRoot", broken.toString(),
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

    /**
     * The proof for real machines: a PC disk (MBR, ext4, Debian 12 with grub-pc, initramfs-tools,
     * systemd and udev from the package registry, grub installed in its boot sector) gets what the build
     * tested through the documented sequence ({@code mvn install -Pmachine -Dmachine.root=...}: kernel
     * and Xen archives installed with the machine's own update-initramfs and ldconfig inside it, units
     * enabled, grub updated with Xen as its default entry and its command lines); then the disk boots
     * under QEMU through its firmware, boot sector and grub.cfg into Xen, the dom0 kernel with the
     * initramfs update-initramfs made, the root file system on the disk and systemd, and the boot
     * test's check passes; then both uninstalls take everything back out.
     */
    @Test
    @Order(6)
    void theDom0InstallsIntoAMachineBootsThroughItsOwnGrubEntryAndComesBackOut() throws Exception {
        Assumptions.assumeTrue(build.succeeded(), "the example did not build");
        Assumptions.assumeTrue(MachineDisk.possibleHere(), "making a disk image needs root, losetup, partx,"
                + " sfdisk and mkfs.ext4");
        RecordingLog log = new RecordingLog();
        ProcessRunner runner = new ProcessRunner(log);
        List<String> packages = new ArrayList<>(UserlandDefaults.PACKAGES);
        packages.addAll(List.of("initramfs-tools", "grub-pc", "zstd", "e2fsprogs"));
        Instant timestamp = Instant.parse("2024-06-01T00:00:00Z");
        Userland machine = new Userlands(runner, log).obtain(new UserlandDefaults(runner).request(null, packages, null,
                "mmdebstrap", timestamp, Path.of(System.getProperty("user.home"), ".cache/dom0-build/userland"),
                false));
        Path work = project.resolve("machine-disk");
        try (MachineDisk disk = MachineDisk.create(work, machine.location(), MACHINE_UUID, 3L << 30)) {
            disk.installGrub();
            Map<String, String> before = TreeDigest.full(disk.root());
            String grubBefore = Files.readString(disk.root().resolve("boot/grub/grub.cfg"));

            // The machine module alone, as the machine page has it: what the build above installed into the
            // local repository (and booted), resolved like any artifact; nothing is built again.
            BuildResult r = project.maven("install").projects("machine")
                    .profile(System.getProperty("it.real.profile", "tiny")).profile("machine")
                    .property("machine.root", disk.root().toString()).property("xen.xenstored", XENSTORED)
                    .property("machine.xenCommandLine", "console=com1 com1=115200,8n1 noreboot loglvl=all"
                            + " guest_loglvl=all dom0_mem=1024M,max:1024M")
                    .property("machine.dom0CommandLine", "console=hvc0 earlyprintk=xen")
                    .property("maven.install.skip", "true")
                    .offline().timeout(Duration.ofMinutes(30)).log("machine-install.log").run();
            assertThat(r.succeeded()).as(r.toString()).isTrue();
            assertThat(r.log()).contains("update-initramfs: Generating /boot/initrd.img-6.1.176")
                    .contains("In " + disk.root() + ": ldconfig").contains("Enabled: xenstored.service")
                    .contains("Building dom0-machine").doesNotContain("Building dom0-kernel")
                    .doesNotContain(":make (");
            assertThat(disk.root().resolve("boot/initrd.img-6.1.176")).isRegularFile();
            String grub = Files.readString(disk.root().resolve("boot/grub/grub.cfg"));
            assertThat(grub).containsPattern("multiboot2\t/boot/xen-4\\.17\\.5\\.gz placeholder +console=com1 ")
                    .containsPattern("module2\t/boot/vmlinuz-6\\.1\\.176 placeholder root=UUID=" + MACHINE_UUID
                            + " ro +console=hvc0 earlyprintk=xen")
                    .contains("module2\t--nounzip   /boot/initrd.img-6.1.176")
                    .contains("set default=\"xen-gnulinux-simple-" + MACHINE_UUID + "\"");

            List<String> xenUnits = List.of("proc-xen.mount", "xenstored.service", "xenconsoled.service",
                    "xen-init-dom0.service");
            DiskBootTest boot = new DiskBootTest(runner, log);
            DiskBootTest.Prepared prepared = boot.prepare(disk.root(), xenUnits, "6.1.176",
                    new GuestOptions(128, null, Duration.ofMinutes(2)), Path.of("/bin/busybox"), timestamp,
                    work.resolve("check"));
            disk.unmount();
            BootTestResult result = boot.boot(disk.image(), prepared, "qemu-system-x86_64", "2G", Duration.ofMinutes(10),
                    work.resolve("boot-test"));
            assertThat(result.passed()).as(result.problems().toString()).isTrue();
            assertThat(result.hypervisorType()).isEqualTo("xen");
            assertThat(result.kernelRelease()).isEqualTo("6.1.176");
            assertThat(result.systemd().failedUnits()).isEmpty();
            assertThat(result.systemd().guest().nonceSeen()).isTrue();
            String console = Files.readString(work.resolve("boot-test/console.log"), StandardCharsets.ISO_8859_1);
            assertThat(console).as("dom0 mounted the root from the disk, found by update-initramfs's init")
                    .contains("EXT4-fs (sda1): mounted filesystem");

            disk.mount();
            boot.remove(disk.root(), prepared);
            for (String[] goal : new String[][] {{"xen-maven-plugin", "xen"}, {"kernel-maven-plugin", "kernel"}}) {
                BuildResult u = project.maven("io.github.dom0build:" + goal[0] + ":" + ItProject.pluginVersion()
                        + ":uninstall").property(goal[1] + ".root", disk.root().toString())
                        .property(goal[1] + ".chroot", "true").property(goal[1] + ".installation",
                                installation(disk.root(), goal[1])).offline().log("machine-uninstall-" + goal[1]
                                        + ".log").run();
                assertThat(u.succeeded()).as(u.toString()).isTrue();
            }
            assertThat(disk.root().resolve("boot/initrd.img-6.1.176")).doesNotExist();
            String grubAfter = Files.readString(disk.root().resolve("boot/grub/grub.cfg"));
            assertThat(grubAfter).doesNotContain("Xen").isEqualTo(grubBefore);
            Map<String, String> after = TreeDigest.full(disk.root());
            // ldconfig's cache is made anew from what is there; everything else is as it was, grub's
            // defaults included (xen:uninstall put grub's settings back).
            Set<String> differ = new TreeSet<>(before.keySet());
            differ.addAll(after.keySet());
            differ.removeIf(p -> Objects.equals(before.get(p), after.get(p)) || p.equals("etc/ld.so.cache")
                    || p.equals("var/cache/ldconfig/aux-cache"));
            assertThat(differ).as("paths that differ from before the install").isEmpty();
        }
    }

    /** The installation whose manifest lists a kernel ({@code kernel}) or the hypervisor ({@code xen}). */
    private static String installation(Path root, String kind) throws IOException {
        try (var s = Files.list(root.resolve("var/lib/dom0-build"))) {
            for (Path m : s.filter(p -> p.toString().endsWith(".manifest")).toList()) {
                String text = Files.readString(m);
                if (kind.equals("kernel") ? text.contains("  /boot/vmlinuz-") : text.contains("  /boot/xen-")) {
                    String n = m.getFileName().toString();
                    return n.substring(0, n.length() - ".manifest".length());
                }
            }
        }
        throw new IOException("no " + kind + " manifest in " + root);
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
