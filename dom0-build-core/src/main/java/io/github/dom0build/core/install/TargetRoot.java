package io.github.dom0build.core.install;

import io.github.dom0build.core.BuildException;
import io.github.dom0build.core.guard.InsidePaths;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The root directory an install, grub update or unit change goes into: a staged root under target/
 * (the default, harmless) or the live system {@code /}, which is refused unless explicitly allowed and
 * then needs root. Every goal that touches a root resolves it here, so the rule is the same for all.
 */
public record TargetRoot(Path path, boolean live) {

    /**
     * @param allowLive the user's explicit permission to change the running system
     * @param what what would change, for the refusal message ("install Xen")
     * @param allowProperty the -D property that grants it, named in the message
     */
    public static TargetRoot resolve(Path root, boolean allowLive, String what, String allowProperty)
            throws BuildException {
        return resolve(root, allowLive, false, what, allowProperty);
    }

    /** As above; a dry run changes nothing, so it may look at the live system without the flag or root. */
    public static TargetRoot resolve(Path root, boolean allowLive, boolean dryRun, String what, String allowProperty)
            throws BuildException {
        Path abs = root.toAbsolutePath().normalize();
        boolean live = isSystemRoot(abs);
        if (dryRun) {
            return new TargetRoot(abs, live);
        }
        if (live && !allowLive) {
            throw new BuildException("Refusing to " + what + " into the live system (root " + root + "). Nothing was"
                    + " changed.", "to really change this machine, also set -D" + allowProperty
                            + "=true; to stage instead, leave root at its default under target/");
        }
        if (live && !runningAsRoot()) {
            throw new BuildException("To " + what + " into the live system this build must run as root (it runs as"
                    + " uid " + uid() + "). Nothing was changed.", "run the build with sudo, or stage into a root"
                            + " under target/");
        }
        return new TargetRoot(abs, live);
    }

    /**
     * {@code relative} inside the root, with every symbolic link on the way resolved as the system booted
     * from this root would resolve it ({@code var/run -> /run} leads to {@code <root>/run}), so nothing is
     * ever written through a link onto the build host; the last component itself is not followed, for
     * callers that replace what is there. See {@link InsidePaths}.
     */
    public Path resolve(String relative) throws IOException {
        return InsidePaths.resolve(path, relative, false);
    }

    /** As {@link #resolve}, the last component followed too: the file or directory the target system reads. */
    public Path resolveFollowing(String relative) throws IOException {
        return InsidePaths.resolve(path, relative, true);
    }

    /** The root as people write it in messages: "/" or the staged directory. */
    public String describe() {
        return live ? "the live system (/)" : "staged root " + path;
    }

    static boolean isSystemRoot(Path abs) {
        try {
            return abs.getNameCount() == 0 || (Files.exists(abs) && abs.toRealPath().getNameCount() == 0);
        } catch (IOException e) {
            return false;
        }
    }

    public static boolean runningAsRoot() {
        return uid() == 0;
    }

    /** The real uid, from /proc (Linux only, which is where dom0s are built). */
    static long uid() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"), StandardCharsets.UTF_8)) {
                if (line.startsWith("Uid:")) {
                    return Long.parseLong(line.substring(4).strip().split("\\s+")[0]);
                }
            }
        } catch (IOException | RuntimeException e) {
            // fall through: unknown
        }
        return -1;
    }
}
