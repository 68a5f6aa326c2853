package io.github.dom0build.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dom0build.it.harness.BuildResult;
import io.github.dom0build.it.harness.InstalledDom0Fixtures;
import io.github.dom0build.it.harness.ItProject;
import io.github.dom0build.it.harness.TreeDigest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * xen:grub-update's grub settings on the fixture dom0's staged root (the dom0 module of
 * src/it/dom0-fixtures, its kernel and Xen from the IT local repository): real 20_linux_xen, real
 * extraction, the goal as a POM binds it and from the command line.
 */
class GrubSettingsIT {
    private static final String XEN_LINE = "dom0_mem=1024M,max:1024M loglvl=all";
    private static final String DOM0_LINE = "console=hvc0 earlyprintk=xen";

    private static String grubCfgEntry(Path root, String title) throws Exception {
        String cfg = Files.readString(root.resolve("boot/grub/grub.cfg"), StandardCharsets.UTF_8);
        int at = cfg.indexOf("menuentry '" + title + "'");
        assertThat(at).as("an entry '%s' in %s", title, cfg).isNotNegative();
        return cfg.substring(at, cfg.indexOf("\n}", at));
    }

    @Test
    void xenDefaultYesAndBothCommandLinesReachTheStagedGrubCfgAndItsDefault() throws Exception {
        ItProject p = InstalledDom0Fixtures.get().duplicate("grub-settings-yes");
        BuildResult r = p.mavenIn("dom0", "package").property("xen.xenDefault", "yes")
                .property("xen.xenCommandLine", XEN_LINE).property("xen.dom0CommandLine", DOM0_LINE).run();
        assertThat(r.succeeded()).as(r.toString()).isTrue();

        Path root = p.resolve("dom0/target/root");
        String defaults = Files.readString(root.resolve("etc/default/grub"), StandardCharsets.ISO_8859_1);
        assertThat(defaults).isEqualTo("GRUB_CMDLINE_XEN_DEFAULT='" + XEN_LINE + "'  # set by dom0-build"
                + " (xen:grub-update)\nGRUB_CMDLINE_LINUX_XEN_REPLACE_DEFAULT='" + DOM0_LINE + "'  # set by"
                + " dom0-build (xen:grub-update)\nGRUB_DEFAULT='GNU/Linux, with Xen hypervisor'  # set by dom0-build"
                + " (xen:grub-update)\n");
        String entry = grubCfgEntry(root, "GNU/Linux, with Xen hypervisor");
        assertThat(entry).containsPattern("multiboot2?\\s+/boot/xen-4\\.17\\.5-fixture\\.gz placeholder\\s+" + XEN_LINE)
                .containsPattern("module2?\\s+/boot/vmlinuz-6\\.1\\.0-fixture placeholder root= ro\\s+" + DOM0_LINE);
        assertThat(r.log()).contains("Set GRUB_DEFAULT='GNU/Linux, with Xen hypervisor'")
                .contains("grub's default is the Xen entry GNU/Linux, with Xen hypervisor")
                .contains("On a staged root the Xen entry's id lacks the boot device (xen-gnulinux-simple-;");
        assertThat(root.resolve("var/lib/dom0-build/grub-settings.json")).content().contains("\"created\": true");
        // the bundle carries the settings with the root
        assertThat(p.resolve("dom0/target/dom0-1.0.0-SNAPSHOT-dom0.json")).content().contains("\"etc/default/grub\"");
    }

    @Test
    void aFailingGrubRunPutsTheDefaultsAndGrubCfgBackAndADryRunChangesNothing() throws Exception {
        ItProject p = InstalledDom0Fixtures.get().duplicate("grub-settings-rollback");
        Path root = p.resolve("dom0/target/root");
        Files.createDirectories(root.resolve("etc/default"));
        Files.writeString(root.resolve("etc/default/grub"), "# this machine's settings\nGRUB_DEFAULT=0\n"
                + "GRUB_CMDLINE_XEN_DEFAULT=\"dom0_mem=512M\"   # small\n");
        Map<String, String> before = TreeDigest.full(root);

        // grub's 20_linux_xen fails for real: its library is not where pkgdatadir says
        BuildResult failed = p.mavenIn("dom0", "xen:grub-update").env("pkgdatadir", p.resolve("no-grub").toString())
                .property("xen.xenDefault", "yes").property("xen.xenCommandLine", XEN_LINE).run();
        assertThat(failed.succeeded()).isFalse();
        assertThat(failed.log()).contains("Set GRUB_CMDLINE_XEN_DEFAULT='" + XEN_LINE + "'   # small (was"
                + " GRUB_CMDLINE_XEN_DEFAULT=\"dom0_mem=512M\"   # small) in " + root.resolve("etc/default/grub"))
                .contains("grub's settings were put back as they were: " + root.resolve("etc/default/grub") + " and "
                        + root.resolve("boot/grub/grub.cfg") + " are unchanged.")
                .contains("Fix: ");
        assertThat(TreeDigest.full(root)).as("defaults, grub.cfg and records as before").isEqualTo(before);

        BuildResult dry = p.mavenIn("dom0", "xen:grub-update").property("xen.dryRun", true)
                .property("xen.xenDefault", "yes").property("xen.xenCommandLine", XEN_LINE).run();
        assertThat(dry.succeeded()).as(dry.toString()).isTrue();
        assertThat(dry.log()).contains("Dry run: would set GRUB_CMDLINE_XEN_DEFAULT='" + XEN_LINE + "'")
                .contains("Dry run: would run grub, set GRUB_DEFAULT in " + root.resolve("etc/default/grub")
                        + " to the Xen entry for Linux 6.1.0-fixture in what it generates (now '0')");
        assertThat(TreeDigest.full(root)).isEqualTo(before);

        BuildResult once = p.mavenIn("dom0", "xen:grub-update").property("xen.xenDefault", "once").run();
        assertThat(once.succeeded()).isFalse();
        assertThat(once.log()).contains("xenDefault=once boots the Xen entry once through grub-reboot, but a staged"
                + " root is a directory");
        assertThat(TreeDigest.full(root)).isEqualTo(before);
    }
}
