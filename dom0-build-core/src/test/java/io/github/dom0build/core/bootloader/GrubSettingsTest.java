package io.github.dom0build.core.bootloader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.dom0build.core.BuildException;
import io.github.dom0build.core.install.TargetRoot;
import io.github.dom0build.core.process.ProcessRunner;
import io.github.dom0build.core.testing.RecordingLog;
import io.github.dom0build.core.testing.TreeDigests;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * xenDefault, xenCommandLine and dom0CommandLine around real grub runs: this machine's 20_linux_xen on a
 * staged /boot, and, for a root where grub-mkconfig makes the whole configuration, its real 00_header
 * (which writes {@code set default} and reads grub-reboot's {@code next_entry}) in front of it, with the
 * defaults in the environment as grub-mkconfig exports them.
 */
class GrubSettingsTest {
    private static final Path HEADER = Path.of("/etc/grub.d/00_header");
    private static final String DEFAULTS = "# the root's own settings\nGRUB_DEFAULT=0\nGRUB_TIMEOUT=5\n"
            + "GRUB_DISTRIBUTOR=Dom0Test\nGRUB_CMDLINE_LINUX_DEFAULT=\"quiet\"\n";
    private static final String XEN_LINE = "dom0_mem=2G,max:2G dom0_max_vcpus=2";
    private static final String DOM0_LINE = "console=hvc0 earlyprintk=xen";

    /** What SIGKILL leaves behind: a run that stops where it is, with no rollback. */
    private static final class Killed extends Error {
        private static final long serialVersionUID = 1L;
    }

    @TempDir
    Path tmp;

    private final RecordingLog log = new RecordingLog();
    private Path rootDir;
    private TargetRoot root;
    private Path defaults;
    private Path grubCfg;
    private GrubUpdater updater;
    private GrubSettings settings;

    @BeforeEach
    void aStagedRootWithADom0KernelAndXen() throws Exception {
        assumeTrue(Files.isRegularFile(GrubEntryIdsTest.SCRIPT), "grub-common is not installed");
        rootDir = tmp.resolve("root");
        root = new TargetRoot(rootDir, false);
        GrubRoots.dom0Kernel(rootDir, "6.1.0-dom0");
        GrubRoots.write(rootDir.resolve("boot/xen-4.17.5.gz"), "xen\n");
        defaults = rootDir.resolve("etc/default/grub");
        GrubRoots.write(defaults, DEFAULTS);
        grubCfg = rootDir.resolve("boot/grub/grub.cfg");
        updater = new GrubUpdater(new ProcessRunner(log), log);
        settings = new GrubSettings(new ProcessRunner(log), log);
    }

    private GrubUpdater.Result staged() throws BuildException {
        return updater.updateStaged(root, List.of(), GrubEntryIdsTest.SCRIPT, false);
    }

    /** What grub-mkconfig writes, as far as it runs without a disk: the real 00_header, then 20_linux_xen. */
    private GrubUpdater.Result mkconfig() throws BuildException {
        GrubUpdater.Result r = staged();
        try {
            ProcessBuilder pb = new ProcessBuilder("sh", HEADER.toString());
            pb.environment().putAll(GrubDefaults.read(defaults, true, log));
            pb.environment().put("pkgdatadir", "/usr/share/grub");
            pb.environment().put("grub_probe", "true");
            Process p = pb.redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String header = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor()).isZero();
            String cfg = header + Files.readString(r.grubConfig());
            Files.writeString(r.grubConfig(), cfg);
            return new GrubUpdater.Result(r.grubConfig(), GrubConfigCheck.xenEntries(cfg));
        } catch (java.io.IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A root where grub-mkconfig runs: ids with a device (GRUB_DEVICE), 00_header's default line. */
    private GrubTarget mkconfigTarget(List<String> grubReboot) throws Exception {
        GrubRoots.write(defaults, DEFAULTS + "GRUB_DISABLE_UUID=true\nGRUB_DEVICE=/dev/vda1\n");
        return new GrubTarget(defaults, grubCfg, grubCfg.resolveSibling("grubenv"), true, grubReboot,
                "no grub-reboot in this test");
    }

    private String defaultsText() throws Exception {
        return Files.readString(defaults, StandardCharsets.ISO_8859_1);
    }

    private static GrubSettings.Request request(XenDefault d) {
        return new GrubSettings.Request(d, XEN_LINE, DOM0_LINE);
    }

    @Test
    void yesOnAStagedRootSetsTheCommandLinesAndNamesTheEntryByItsTitle() throws Exception {
        settings.apply(root, GrubTarget.staged(root), request(XenDefault.YES), List.of(), this::staged, false);

        assertThat(defaultsText()).isEqualTo("# the root's own settings\n"
                + "GRUB_DEFAULT='Dom0Test GNU/Linux, with Xen hypervisor'\nGRUB_TIMEOUT=5\n"
                + "GRUB_DISTRIBUTOR=Dom0Test\nGRUB_CMDLINE_LINUX_DEFAULT=\"quiet\"\n"
                + "GRUB_CMDLINE_XEN_DEFAULT='" + XEN_LINE + "'" + GrubDefaultsWriter.NOTE + "\n"
                + "GRUB_CMDLINE_LINUX_XEN_REPLACE_DEFAULT='" + DOM0_LINE + "'" + GrubDefaultsWriter.NOTE + "\n");
        GrubConfigCheck.XenEntry entry = GrubConfigCheck.entryFor(GrubConfigCheck.xenEntries(Files.readString(grubCfg)),
                "6.1.0-dom0");
        assertThat(entry.titlePath()).isEqualTo("Dom0Test GNU/Linux, with Xen hypervisor");
        assertThat(entry.hypervisorArguments()).contains(XEN_LINE);
        assertThat(entry.kernelArguments()).contains(DOM0_LINE).doesNotContain("quiet");
        assertThat(log.lines()).anyMatch(l -> l.contains("On a staged root the Xen entry's id lacks the boot device"
                + " (xen-gnulinux-simple-;"));
        assertThat(rootDir.resolve("var/lib/dom0-build/grub-settings.json")).content().contains("\"GRUB_DEFAULT\"")
                .contains("\"previous\": \"GRUB_DEFAULT=0\"");
        assertThat(Files.list(rootDir.resolve("var/lib/dom0-build")).map(p -> p.getFileName().toString()))
                .containsExactly("grub-settings.json");
        assertThat(Files.list(defaults.getParent()).map(p -> p.getFileName().toString())).containsExactly("grub");
        assertThat(Files.list(grubCfg.getParent()).map(p -> p.getFileName().toString())).containsExactly("grub.cfg");
    }

    @Test
    void anOlderDom0KernelIsNamedThroughItsSubmenus() throws Exception {
        GrubRoots.dom0Kernel(rootDir, "6.2.0-dom0");
        GrubTarget target = mkconfigTarget(List.of());
        settings.apply(root, target, request(XenDefault.YES), List.of("6.1.0-dom0"), this::mkconfig, false);
        String path = "gnulinux-advanced-/dev/vda1>xen-hypervisor-4.17.5-/dev/vda1"
                + ">xen-gnulinux-6.1.0-dom0-advanced-/dev/vda1";
        assertThat(GrubDefaultsWriter.value(defaultsText(), "GRUB_DEFAULT")).isEqualTo(path);
        assertThat(Files.readString(grubCfg)).contains("   set default=\"" + path + "\"\n");
    }

    @Test
    void severalDom0KernelsNeedKernelsToNameTheOneAndNothingChanges() throws Exception {
        GrubRoots.dom0Kernel(rootDir, "6.2.0-dom0");
        Map<String, String> before = TreeDigests.of(rootDir);
        BuildException e = assertThrows(BuildException.class, () -> settings.apply(root, GrubTarget.staged(root),
                request(XenDefault.YES), List.of(), this::staged, false));
        assertThat(e.problem()).isEqualTo("xenDefault makes one Xen entry grub's default, but "
                + rootDir.resolve("boot") + " has 2 dom0 kernels: 6.1.0-dom0, 6.2.0-dom0. Nothing was changed.");
        assertThat(e.fix()).isEqualTo("set kernels to the one release to boot (-Dxen.kernels=6.1.0-dom0)");
        assertThrows(BuildException.class, () -> settings.apply(root, GrubTarget.staged(root), request(XenDefault.YES),
                List.of("6.1.0-dom0", "6.2.0-dom0"), this::staged, false));
        assertThat(TreeDigests.of(rootDir)).isEqualTo(before);
    }

    @Test
    void aGrubRootSetsTheIdAndGrubSaysItIsItsDefault() throws Exception {
        GrubTarget target = mkconfigTarget(List.of());
        settings.apply(root, target, request(XenDefault.YES), List.of(), this::mkconfig, false);
        assertThat(GrubDefaultsWriter.value(defaultsText(), "GRUB_DEFAULT")).isEqualTo("xen-gnulinux-simple-/dev/vda1");
        assertThat(Files.readString(grubCfg)).contains("   set default=\"xen-gnulinux-simple-/dev/vda1\"\n");
        assertThat(log.lines()).contains("INFO grub's default is the Xen entry xen-gnulinux-simple-/dev/vda1");
    }

    @Test
    void onceRunsGrubRebootWithTheIdAndLeavesTheDefault() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/grub-editenv")), "grub-editenv is not installed");
        // grub-reboot is grub-editenv set next_entry=<entry> on the grubenv beside grub.cfg
        Path grubReboot = tmp.resolve("grub-reboot");
        Files.writeString(grubReboot, "#!/bin/sh\nexec grub-editenv \"$GRUBENV\" set \"next_entry=$1\"\n");
        grubReboot.toFile().setExecutable(true);
        GrubTarget target = mkconfigTarget(List.of("env", "GRUBENV=" + grubCfg.resolveSibling("grubenv"),
                grubReboot.toString()));
        settings.apply(root, target, request(XenDefault.ONCE), List.of(), this::mkconfig, false);
        assertThat(GrubEnvironment.read(target.grubenv())).containsEntry("next_entry", "xen-gnulinux-simple-/dev/vda1");
        assertThat(GrubDefaultsWriter.value(defaultsText(), "GRUB_DEFAULT")).isEqualTo("0");
        assertThat(Files.readString(grubCfg)).contains("   set default=\"${next_entry}\"\n")
                .contains("set default=\"0\"");
    }

    @Test
    void onceOnAStagedRootIsRefusedBeforeAnythingChanges() throws Exception {
        Map<String, String> before = TreeDigests.of(rootDir);
        BuildException e = assertThrows(BuildException.class, () -> settings.apply(root, GrubTarget.staged(root),
                request(XenDefault.ONCE), List.of(), this::staged, false));
        assertThat(e.problem()).isEqualTo("xenDefault=once boots the Xen entry once through grub-reboot, but a staged"
                + " root is a directory, not a machine that boots: there is no next boot for grub-reboot to change."
                + " Nothing was changed.");
        assertThat(e.fix()).isEqualTo("use xenDefault=yes on this root (or no)");
        assertThat(TreeDigests.of(rootDir)).isEqualTo(before);
    }

    @Test
    void aFailedSecondGenerationPutsTheDefaultsAndGrubCfgBackByteForByte() throws Exception {
        staged(); // a grub.cfg from an earlier run
        Map<String, String> before = TreeDigests.of(rootDir);
        AtomicInteger runs = new AtomicInteger();
        GrubSettings.Generation failsTheSecondTime = () -> runs.incrementAndGet() == 1 ? staged()
                : updater.updateStaged(root, List.of(), tmp.resolve("no-such-20_linux_xen"), false);
        BuildException e = assertThrows(BuildException.class, () -> settings.apply(root, GrubTarget.staged(root),
                request(XenDefault.YES), List.of(), failsTheSecondTime, false));
        assertThat(runs).hasValue(2);
        assertThat(e.problem()).startsWith("grub's " + tmp.resolve("no-such-20_linux_xen") + " is not installed on this"
                + " machine.\n  grub's settings were put back as they were: " + defaults + " and " + grubCfg
                + " are unchanged.");
        assertThat(e.fix()).startsWith("install grub");
        assertThat(TreeDigests.of(rootDir)).isEqualTo(before);
    }

    @Test
    void aFailedFirstGenerationOnARootWithoutDefaultsRemovesWhatItCreated() throws Exception {
        Files.delete(defaults);
        Files.delete(defaults.getParent());
        Map<String, String> before = TreeDigests.of(rootDir);
        assertThrows(BuildException.class, () -> settings.apply(root, GrubTarget.staged(root), request(XenDefault.NO),
                List.of(), () -> updater.updateStaged(root, List.of(), tmp.resolve("none"), false), false));
        assertThat(TreeDigests.of(rootDir)).as("no etc/default, no records, no boot/grub").isEqualTo(before);
    }

    @Test
    void aCheckThatFailsRollsBackToo() throws Exception {
        // grub.cfg without 00_header's default line: grub would not boot the entry by default
        GrubTarget target = mkconfigTarget(List.of());
        mkconfig();
        Map<String, String> before = TreeDigests.of(rootDir);
        BuildException e = assertThrows(BuildException.class, () -> settings.apply(root, target,
                request(XenDefault.YES), List.of(), this::staged, false));
        assertThat(e.problem()).startsWith("grub's default is not the Xen entry xen-gnulinux-simple-/dev/vda1: "
                + defaults + " sets GRUB_DEFAULT to 'xen-gnulinux-simple-/dev/vda1' and " + grubCfg
                + " has no line set default=\"xen-gnulinux-simple-/dev/vda1\".\n  grub's settings were put back");
        assertThat(e.fix()).contains("a file in /etc/default/grub.d/ may set it after " + defaults);
        assertThat(TreeDigests.of(rootDir)).isEqualTo(before);
    }

    @Test
    void aRunKilledAfterTheEditIsRolledBackByTheNext() throws Exception {
        String original = defaultsText();
        GrubSettings.Generation killed = () -> {
            throw new Killed();
        };
        assertThrows(Killed.class, () -> settings.apply(root, GrubTarget.staged(root), request(XenDefault.NO),
                List.of(), killed, false));
        assertThat(defaultsText()).contains(XEN_LINE);
        assertThat(rootDir.resolve("var/lib/dom0-build/grub-settings.install-journal.json")).exists();

        // the next grub-update, even one that sets nothing, puts the files back first
        settings.apply(root, GrubTarget.staged(root), new GrubSettings.Request(XenDefault.NO, null, null),
                List.of(), this::staged, false);
        assertThat(log.lines()).anyMatch(l -> l.startsWith("WARN An earlier install of grub-settings into"));
        assertThat(defaultsText()).isEqualTo(original);
        assertThat(rootDir.resolve("var/lib/dom0-build/grub-settings.install-journal.json")).doesNotExist();
    }

    @Test
    void aDryRunListsEveryChangeAndMakesNone() throws Exception {
        Map<String, String> before = TreeDigests.of(rootDir);
        settings.apply(root, GrubTarget.staged(root), request(XenDefault.YES), List.of(),
                () -> updater.updateStaged(root, List.of(), GrubEntryIdsTest.SCRIPT, true), true);
        assertThat(TreeDigests.of(rootDir)).isEqualTo(before);
        assertThat(log.lines()).contains("INFO Dry run: would set GRUB_CMDLINE_XEN_DEFAULT='" + XEN_LINE + "'"
                + GrubDefaultsWriter.NOTE + " (a new line) in " + defaults,
                "INFO Dry run: would set GRUB_CMDLINE_LINUX_XEN_REPLACE_DEFAULT='" + DOM0_LINE + "'"
                        + GrubDefaultsWriter.NOTE + " (a new line) in " + defaults,
                "INFO Dry run: would run grub, set GRUB_DEFAULT in " + defaults + " to the Xen entry for Linux"
                        + " 6.1.0-dom0 in what it generates (now '0'), and run grub again");
        assertThat(log.lines()).anyMatch(l -> l.startsWith("INFO Dry run: would run " + GrubEntryIdsTest.SCRIPT));
    }

    @Test
    void xenDefaultTakesNoYesOnceAndNamesThemWhenGivenSomethingElse() throws Exception {
        assertThat(XenDefault.parse(null)).isEqualTo(XenDefault.NO);
        assertThat(XenDefault.parse(" Yes ")).isEqualTo(XenDefault.YES);
        assertThat(XenDefault.parse("once")).isEqualTo(XenDefault.ONCE);
        BuildException e = assertThrows(BuildException.class, () -> XenDefault.parse("true"));
        assertThat(e.problem()).isEqualTo("xenDefault 'true' is none of no, yes, once.");
        assertThat(e.fix()).startsWith("set xenDefault to yes (the Xen entry becomes grub's default), once");
    }

    @Test
    void aBadValueIsRefusedBeforeAnythingChanges() throws Exception {
        Map<String, String> before = TreeDigests.of(rootDir);
        BuildException e = assertThrows(BuildException.class, () -> settings.apply(root, GrubTarget.staged(root),
                new GrubSettings.Request(XenDefault.NO, "dom0_mem=2G'; reboot; '", null), List.of(), this::staged,
                false));
        assertThat(e.problem())
                .startsWith("xenCommandLine 'dom0_mem=2G'; reboot; '' has a single quote at position 12");
        assertThat(TreeDigests.of(rootDir)).isEqualTo(before);
    }

    @Test
    void restorePutsBackTheValuesFromBeforeTheFirstRunAndRemovesTheRecord() throws Exception {
        String original = defaultsText();
        settings.apply(root, GrubTarget.staged(root), request(XenDefault.YES), List.of(), this::staged, false);
        // a second run with other values: what it records as "before" is still the user's own
        settings.apply(root, GrubTarget.staged(root), new GrubSettings.Request(XenDefault.YES, "dom0_mem=4G", null),
                List.of(), this::staged, false);
        assertThat(defaultsText()).contains("'dom0_mem=4G'").contains(DOM0_LINE);

        List<String> dry = settings.restore(root, true);
        assertThat(dry).hasSize(3);
        assertThat(defaultsText()).contains("'dom0_mem=4G'");

        List<String> restored = settings.restore(root, false);
        assertThat(restored).containsExactly("GRUB_DEFAULT: back to GRUB_DEFAULT=0",
                "GRUB_CMDLINE_LINUX_XEN_REPLACE_DEFAULT: the line dom0-build added removed",
                "GRUB_CMDLINE_XEN_DEFAULT: the line dom0-build added removed");
        assertThat(defaultsText()).isEqualTo(original);
        assertThat(rootDir.resolve("var/lib/dom0-build/grub-settings.json")).doesNotExist();
        assertThat(settings.restore(root, false)).as("nothing recorded any more").isEmpty();
    }

    @Test
    void restoreAfterARunKilledHalfWayRollsThatRunBackFirst() throws Exception {
        String original = defaultsText();
        settings.apply(root, GrubTarget.staged(root), request(XenDefault.NO), List.of(), this::staged, false);
        GrubSettings.Generation killed = () -> {
            throw new Killed();
        };
        assertThrows(Killed.class, () -> settings.apply(root, GrubTarget.staged(root),
                new GrubSettings.Request(XenDefault.NO, "dom0_mem=8G", null), List.of(), killed, false));
        assertThat(defaultsText()).contains("dom0_mem=8G");

        assertThat(settings.restore(root, false)).hasSize(2);
        assertThat(defaultsText()).isEqualTo(original);
        assertThat(log.lines()).noneMatch(l -> l.startsWith("WARN " + defaults + ": "));
    }

    @Test
    void restoreKeepsAValueChangedSinceAndRemovesAFileItCreated() throws Exception {
        Files.delete(defaults);
        settings.apply(root, GrubTarget.staged(root), request(XenDefault.NO), List.of(), this::staged, false);
        String edited = defaultsText().replace("'" + XEN_LINE + "'", "'dom0_mem=8G'");
        Files.writeString(defaults, edited);
        List<String> restored = settings.restore(root, false);
        assertThat(restored)
                .containsExactly("GRUB_CMDLINE_LINUX_XEN_REPLACE_DEFAULT: the line dom0-build added removed");
        assertThat(log.lines()).anyMatch(l -> l.startsWith("WARN " + defaults + ": GRUB_CMDLINE_XEN_DEFAULT was changed"
                + " since dom0-build set it (it reads GRUB_CMDLINE_XEN_DEFAULT='dom0_mem=8G'"));
        assertThat(defaultsText()).isEqualTo("GRUB_CMDLINE_XEN_DEFAULT='dom0_mem=8G'" + GrubDefaultsWriter.NOTE + "\n");
    }

    @Test
    void restoreRemovesAFileItCreatedWhenNothingElseIsInIt() throws Exception {
        Files.delete(defaults);
        settings.apply(root, GrubTarget.staged(root), request(XenDefault.YES), List.of(), this::staged, false);
        assertThat(defaultsText()).contains("GRUB_DEFAULT=").contains(XEN_LINE).contains(DOM0_LINE);
        assertThat(settings.restore(root, false)).hasSize(3);
        assertThat(defaults).doesNotExist();
        assertThat(log.lines()).contains("INFO Removed " + defaults + ", which dom0-build had created");
    }
}
