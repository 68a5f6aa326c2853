package io.github.dom0build.core.boottest;

import io.github.dom0build.core.BuildException;
import io.github.dom0build.core.process.Command;
import io.github.dom0build.core.process.ProcessRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/** busybox-static from this machine, and the applet links that make it a whole small user space. */
final class BusyboxApplets {
    private BusyboxApplets() {
    }

    static void requireInstalled(Path busybox) throws BuildException {
        if (!Files.isExecutable(busybox)) {
            throw new BuildException("busybox is not at " + busybox + "; the boot test builds its small initramfs"
                    + " images from busybox-static.", "install it (Debian/Ubuntu: apt-get install busybox-static;"
                            + " Fedora: dnf install busybox) or set busybox to its path");
        }
    }

    /** Each applet's path (such as {@code bin/sh}) linked to {@code /bin/busybox}. */
    static Map<String, String> links(ProcessRunner runner, Path busybox) throws BuildException {
        Map<String, String> links = new TreeMap<>();
        String list = runner.capture(Command.of(busybox.toString(), "--list-full").quiet().build());
        for (String applet : list.split("\n")) {
            String a = applet.strip();
            if (!a.isEmpty() && !a.equals("bin/busybox") && !a.startsWith("/")) {
                links.put(a, "/bin/busybox");
            }
        }
        return links;
    }
}
