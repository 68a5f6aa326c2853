package io.github.dom0build.core.bootloader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dom0build.core.BuildException;
import io.github.dom0build.core.install.TargetRoot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GrubCommandChoiceTest {
    @TempDir
    Path dir;

    private TargetRoot machine(String osRelease) throws Exception {
        Files.createDirectories(dir.resolve("etc"));
        Files.writeString(dir.resolve("etc/os-release"), osRelease);
        return TargetRoot.machine(dir, true, "update grub"); // a dry run needs no root
    }

    @Test
    void theRootsOwnDistributionDecidesUnlessTheUserGivesACommand() throws Exception {
        TargetRoot fedora = machine("ID=fedora\nPRETTY_NAME=\"Fedora Linux 40\"\n");
        GrubUpdater.GrubCommand own = GrubUpdater.GrubCommand.chosen(fedora, List.of(), null);
        assertThat(own.argv()).containsExactly("grub2-mkconfig", "-o", "/boot/grub2/grub.cfg");
        assertThat(GrubUpdater.GrubCommand.chosen(fedora, null, Path.of("/boot/efi/grub.cfg")))
                .isEqualTo(new GrubUpdater.GrubCommand(own.argv(), Path.of("/boot/efi/grub.cfg")));
        assertThat(GrubUpdater.GrubCommand.chosen(fedora, List.of("my-grub", "--all"), Path.of("/boot/g.cfg")))
                .isEqualTo(new GrubUpdater.GrubCommand(List.of("my-grub", "--all"), Path.of("/boot/g.cfg")));
    }

    @Test
    void aCommandWithoutTheFileItWritesIsRefusedBecauseNothingCouldBeChecked() throws Exception {
        TargetRoot debian = machine("ID=debian\n");
        assertThatThrownBy(() -> GrubUpdater.GrubCommand.chosen(debian, List.of("my-grub"), null))
                .isInstanceOf(BuildException.class).hasMessageContaining("grubConfig is not");
    }
}
