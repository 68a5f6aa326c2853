package io.github.dom0build.core.machine;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Finds the system programs the goals run on this machine (ldconfig, systemctl). They are found, not
 * configured: the one on the PATH, else the one in /usr/sbin or /sbin, which a normal user's PATH often
 * lacks on Debian. Another build of a program is chosen by putting it first on the PATH.
 */
public final class HostPrograms {
    public static final String LDCONFIG = "ldconfig";
    public static final String SYSTEMCTL = "systemctl";

    private HostPrograms() {
    }

    /**
     * The program to run for {@code name}: a path as it is; a bare name on the PATH as it is; else its
     * full path in /usr/sbin or /sbin; else the bare name, so that the runner reports it missing.
     */
    public static String find(String name) {
        if (name.contains("/")) {
            return name;
        }
        String path = System.getenv("PATH");
        if (path != null) {
            for (String d : path.split(File.pathSeparator)) {
                if (!d.isEmpty() && Files.isExecutable(Path.of(d, name))) {
                    return name;
                }
            }
        }
        for (String d : List.of("/usr/sbin", "/sbin")) {
            if (Files.isExecutable(Path.of(d, name))) {
                return d + "/" + name;
            }
        }
        return name;
    }
}
