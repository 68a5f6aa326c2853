package io.github.dom0build.core.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.dom0build.core.BuildException;
import io.github.dom0build.core.bootloader.GrubUpdater;
import io.github.dom0build.core.install.TargetRoot;
import io.github.dom0build.core.process.ProcessRunner;
import io.github.dom0build.core.testing.RecordingLog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * grub-update on a staged root reads the root's {@code etc/default/grub} as data: grub-mkconfig would
 * source it as a shell script, and a root's file is not the build host's to run. Real grub: its own
 * {@code 20_linux_xen}, in a private mount namespace, as the goal runs it.
 */
class GrubDefaultsAsDataTest {
    private static final Path SCRIPT = Path.of("/etc/grub.d/20_linux_xen");

    @TempDir
    Path tmp;

    private final RecordingLog log = new RecordingLog();
    private Path rootDir;
    private Path marker;

    @BeforeEach
    void aStagedRootWithAKernelAndXen() throws Exception {
        assumeTrue(Files.isRegularFile(SCRIPT), "grub-common is not installed");
        rootDir = tmp.resolve("root");
        Trees.write(rootDir.resolve("boot/vmlinuz-6.1.0-dom0"), "kernel\n");
        Trees.write(rootDir.resolve("boot/config-6.1.0-dom0"), "CONFIG_XEN_DOM0=y\n");
        Trees.write(rootDir.resolve("boot/xen-4.17.5.gz"), "xen\n");
        marker = tmp.resolve("RAN-FROM-THE-ROOT");
    }

    private GrubUpdater.Result update() throws BuildException {
        return new GrubUpdater(new ProcessRunner(log), log).updateStaged(new TargetRoot(rootDir, false), List.of(),
                SCRIPT, false);
    }

    @Test
    void literalValuesReachGrubAsData() throws Exception {
        Trees.write(rootDir.resolve("etc/default/grub"), "# the root's settings\nGRUB_DEFAULT=0\n"
                + "GRUB_CMDLINE_XEN_DEFAULT=\"dom0_mem=1024M,max:1024M loglvl=all\"\n"
                + "export GRUB_CMDLINE_LINUX='console=hvc0 earlyprintk=xen'\nGRUB_DISTRIBUTOR=Dom0Test # comment\n");
        GrubUpdater.Result r = update();
        String cfg = Files.readString(r.grubConfig());
        assertThat(cfg).contains("dom0_mem=1024M,max:1024M loglvl=all").contains("console=hvc0 earlyprintk=xen")
                .contains("Dom0Test GNU/Linux");
    }

    @Test
    void aCommandSubstitutionInTheRootsDefaultsIsRefusedAndNeverRuns() throws Exception {
        Trees.write(rootDir.resolve("etc/default/grub"), "GRUB_DEFAULT=0\nGRUB_DISTRIBUTOR=`touch " + marker
                + "; echo Debian`\n");
        Map<String, String> before = Trees.digest(rootDir);
        BuildException e = assertThrows(BuildException.class, this::update);
        assertThat(e.problem()).isEqualTo(rootDir.resolve("etc/default/grub") + " line 2: GRUB_DISTRIBUTOR=`touch "
                + marker + "; echo Debian` needs a shell to evaluate (a command substitution). dom0-build reads"
                + " grub's defaults from the root as data and runs nothing from the root on this machine. Nothing was"
                + " changed.");
        assertThat(e.fix()).startsWith("write the value out literally in " + rootDir.resolve("etc/default/grub"));
        assertThat(marker).doesNotExist();
        assertThat(Trees.digest(rootDir)).as("no grub.cfg, nothing else").isEqualTo(before);
    }

    @Test
    void aPlainCommandAndAVariableAreRefusedToo() throws Exception {
        for (String line : List.of("touch " + marker, "GRUB_CMDLINE_XEN=\"$(touch " + marker + ")\"",
                "GRUB_CMDLINE_LINUX=quiet touch " + marker, "PATH=/tmp/evil:$PATH")) {
            Trees.write(rootDir.resolve("etc/default/grub"), line + "\n");
            BuildException e = assertThrows(BuildException.class, this::update, line);
            assertThat(e.problem()).as(line).contains(" line 1: ").contains("needs a shell to evaluate");
            assertThat(marker).doesNotExist();
            assertThat(rootDir.resolve("boot/grub/grub.cfg")).doesNotExist();
        }
    }
}
