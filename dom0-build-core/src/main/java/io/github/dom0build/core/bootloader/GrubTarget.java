package io.github.dom0build.core.bootloader;

import io.github.dom0build.core.BuildException;
import io.github.dom0build.core.deps.Distribution;
import io.github.dom0build.core.install.TargetRoot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Where grub's settings live for one kind of root, and what grub makes of them. The paths are the files
 * themselves, links already followed (as the system booted from the root follows them), so that a
 * backup put back never replaces a link by a file.
 *
 * @param defaultsFile grub's defaults file that is edited ({@code etc/default/grub})
 * @param grubConfig the configuration grub generates
 * @param grubenv grub's environment block, where grub-reboot records the next entry
 * @param mkconfig true when grub-mkconfig generates the whole configuration: its ids carry the boot
 *        device and its header sets {@code default}; false for a staged root, where only 20_linux_xen
 *        runs and grub-probe sees no disk
 * @param grubReboot the command that boots an entry once (the entry is appended); empty when there is
 *        none, and then {@code noGrubReboot} says why
 */
public record GrubTarget(Path defaultsFile, Path grubConfig, Path grubenv, boolean mkconfig, List<String> grubReboot,
        String noGrubReboot) {

    /** A staged root: its own {@code etc/default/grub} and {@code boot/grub/grub.cfg}. */
    public static GrubTarget staged(TargetRoot root) throws BuildException {
        return new GrubTarget(GrubUpdater.inside(root, "etc/default/grub"),
                GrubUpdater.inside(root, "boot/grub/grub.cfg"), GrubUpdater.inside(root, "boot/grub/grubenv"), false,
                List.of(), "a staged root is a directory, not a machine that boots: there is no next boot for"
                        + " grub-reboot to change");
    }

    /**
     * The live system: {@code /etc/default/grub}, the configuration {@code command} writes and the
     * grubenv beside it, the distribution's grub-reboot.
     */
    public static GrubTarget live(GrubUpdater.GrubCommand command, Distribution distribution) {
        List<String> reboot = switch (distribution.family()) {
            case DEBIAN -> List.of("grub-reboot");
            case FEDORA -> List.of("grub2-reboot");
            case SUSE -> List.of("grub2-once");
            case UNKNOWN -> List.of();
        };
        return new GrubTarget(followed(Path.of("/etc/default/grub")), followed(command.config()),
                followed(command.config().resolveSibling("grubenv")), true, reboot,
                "dom0-build does not know the grub-reboot command of " + distribution.prettyName());
    }

    /**
     * A machine's root mounted at a directory: its own defaults file, the configuration its command writes
     * and the grubenv beside it, all inside the root. grub-reboot would write the grubenv of the machine
     * it runs on, so a one-time entry is left to the machine itself.
     */
    public static GrubTarget machine(TargetRoot root, GrubUpdater.GrubCommand command) throws BuildException {
        String config = command.config().toString().substring(1);
        return new GrubTarget(GrubUpdater.inside(root, "etc/default/grub"), GrubUpdater.inside(root, config),
                GrubUpdater.inside(root, Path.of(config).resolveSibling("grubenv").toString()), true, List.of(),
                "grub-reboot changes the next boot of the machine it runs on, not of a root mounted here: use"
                        + " xenDefault=yes, or run grub-reboot on that machine");
    }

    /** The file a link on the live system leads to (Fedora's grubenv may be one), or the path itself. */
    private static Path followed(Path p) {
        try {
            return Files.isSymbolicLink(p) ? p.toRealPath() : p;
        } catch (IOException e) {
            return p; // a dangling link: grub will make the file where it points, through the link
        }
    }
}
