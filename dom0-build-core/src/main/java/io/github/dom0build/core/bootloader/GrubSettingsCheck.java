package io.github.dom0build.core.bootloader;

import io.github.dom0build.core.BuildException;
import io.github.dom0build.core.install.TargetRoot;
import io.github.dom0build.core.log.BuildLog;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;

/**
 * What grub made of the settings, read back from what it generated: the Xen entry of each dom0 kernel
 * boots Xen with {@code xenCommandLine} and Linux with {@code dom0CommandLine}; with {@code yes}, grub's
 * defaults and (where grub-mkconfig wrote the header) grub.cfg's {@code set default} name the entry; with
 * {@code once}, grubenv's {@code next_entry} does.
 */
final class GrubSettingsCheck {
    private final BuildLog log;

    GrubSettingsCheck(BuildLog log) {
        this.log = log;
    }

    /** The result must carry what was asked for: the command lines in the entry, the default naming it. */
    void check(TargetRoot root, GrubTarget target, GrubSettings.Request request, List<String> kernels, String release,
            String name, GrubUpdater.Result result) throws BuildException, IOException {
        List<String> releases = release != null ? List.of(release) : !kernels.isEmpty() ? kernels
                : BootFiles.scan(GrubUpdater.inside(root, "boot")).dom0Kernels();
        String dropIns = target.mkconfig() ? "; a file in /etc/default/grub.d/ may set it after "
                + target.defaultsFile() : "";
        for (String r : releases) {
            GrubConfigCheck.XenEntry e = GrubConfigCheck.entryFor(result.entries(), r);
            if (e == null) {
                throw new BuildException("The generated " + result.grubConfig() + " has no Xen entry for Linux " + r
                        + ".", "read grub's output above");
            }
            String where = "The Xen entry '" + e.title() + "' in " + result.grubConfig();
            if (request.xenCommandLine() != null && !carries(e.hypervisorArguments(), request.xenCommandLine())) {
                throw new BuildException(where + " boots Xen with '" + e.hypervisorArguments() + "', without"
                        + " xenCommandLine '" + request.xenCommandLine() + "'.", "check "
                                + GrubSettings.XEN_COMMAND_LINE + " in " + target.defaultsFile() + dropIns);
            }
            if (request.dom0CommandLine() != null && !carries(e.kernelArguments(), request.dom0CommandLine())) {
                throw new BuildException(where + " boots Linux " + r + " with '" + e.kernelArguments() + "', without"
                        + " dom0CommandLine '" + request.dom0CommandLine() + "'.", "check "
                                + GrubSettings.DOM0_COMMAND_LINE + " in " + target.defaultsFile() + dropIns);
            }
            log.info(where + ": Xen " + e.hypervisorArguments() + "; Linux " + r + " " + e.kernelArguments());
        }
        if (request.xenDefault() == XenDefault.YES) {
            String set = GrubDefaultsWriter.value(GrubSettings.read(target.defaultsFile()), GrubSettings.DEFAULT);
            String config = Files.readString(result.grubConfig(), StandardCharsets.ISO_8859_1);
            if (!name.equals(set) || target.mkconfig() && !config.contains("set default=\"" + name + "\"")) {
                throw new BuildException("grub's default is not the Xen entry " + name + ": " + target.defaultsFile()
                        + " sets " + GrubSettings.DEFAULT + " to " + GrubSettings.shown(set) + (target.mkconfig()
                                ? " and " + result.grubConfig() + " has no line set default=\"" + name + "\"" : "")
                        + ".", "check " + GrubSettings.DEFAULT + " in " + target.defaultsFile() + dropIns);
            }
            log.info("grub's default is the Xen entry " + name);
        } else if (request.xenDefault() == XenDefault.ONCE) {
            String next = GrubEnvironment.read(target.grubenv()).get("next_entry");
            if (!name.equals(next)) {
                throw new BuildException(String.join(" ", target.grubReboot()) + " did not make the Xen entry grub's"
                        + " next boot: " + target.grubenv() + " has next_entry " + GrubSettings.shown(next) + ".",
                        "read grub-reboot's output above; grub-reboot writes the grubenv beside "
                                + target.grubConfig());
            }
            log.info("The next boot (once) is the Xen entry " + name + "; after it, grub's default again");
        }
    }

    /** True when {@code arguments} has {@code wanted}'s words, in order, white space aside. */
    static boolean carries(String arguments, String wanted) {
        String have = " " + arguments.strip().replaceAll("\\s+", " ") + " ";
        return have.contains(" " + wanted.strip().replaceAll("\\s+", " ") + " ");
    }
}
