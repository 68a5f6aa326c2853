package io.github.dom0build.core.systemd;

import io.github.dom0build.core.BuildException;
import io.github.dom0build.core.install.TargetRoot;
import io.github.dom0build.core.io.FileTrees;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The xencommons file, where the units and init scripts read which xenstore daemon to start
 * ({@code XENSTORED=}): {@code /etc/default/xencommons} on Debian-like builds, {@code
 * /etc/sysconfig/xencommons} on rpm-based ones, as configure's {@code --with-sysconfig-leaf-dir}
 * decided. Setting it is how the reference recipe flips between oxenstored and cxenstored.
 */
public final class Xencommons {
    private Xencommons() {
    }

    /**
     * The xencommons file the installed Xen uses, in {@code root}, found as the system booted from the root
     * finds it: an {@code etc/default -> /etc/default} link leads into the root, never to this machine's.
     */
    public static Optional<Path> locate(TargetRoot root) throws BuildException {
        for (String leaf : List.of("default", "sysconfig")) {
            Path p;
            try {
                p = root.resolveFollowing("etc/" + leaf + "/xencommons");
            } catch (IOException e) {
                throw new BuildException("Cannot find etc/" + leaf + "/xencommons in " + root.describe() + ": "
                        + e.getMessage(), "replace that symbolic link in the root by a directory", e);
            }
            if (Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** Sets {@code XENSTORED=daemon}: replaces the (often commented-out) line, or appends one. */
    public static boolean setXenstored(Path file, String daemon) throws BuildException {
        try {
            List<String> lines = new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8));
            String wanted = "XENSTORED=" + daemon;
            boolean replaced = false;
            for (int i = 0; i < lines.size(); i++) {
                String l = lines.get(i).strip();
                if (l.matches("#?\\s*XENSTORED=.*")) {
                    if (!replaced) {
                        lines.set(i, wanted);
                        replaced = true;
                    } else if (!l.startsWith("#")) {
                        lines.set(i, "#" + lines.get(i));
                    }
                }
            }
            if (!replaced) {
                lines.add(wanted);
            }
            String text = String.join("\n", lines) + "\n";
            if (text.equals(Files.readString(file, StandardCharsets.UTF_8))) {
                return false;
            }
            FileTrees.writeAtomically(file, text.getBytes(StandardCharsets.UTF_8));
            return true;
        } catch (IOException e) {
            throw new BuildException("Cannot update " + file + ": " + e.getMessage(), "check its permissions", e);
        }
    }
}
