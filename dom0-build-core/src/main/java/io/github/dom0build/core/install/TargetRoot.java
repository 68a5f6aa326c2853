package io.github.dom0build.core.install;

import io.github.dom0build.core.BuildException;
import io.github.dom0build.core.guard.InsidePaths;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The root directory an install, grub update or unit change goes into: a staged root under target/
 * (the default, harmless), the live system {@code /}, which is refused unless explicitly allowed and
 * then needs root, or a machine's root file system mounted at a directory (a disk image being
 * prepared, a disk mounted for repair), whose own tools (initramfs, ldconfig, grub) then run inside it
 * through chroot, as a distribution's installer runs them. Every goal that touches a root resolves it
 * here, so the rule is the same for all.
 */
public record TargetRoot(Path path, Kind kind) {
    /** What the root is, and so where the machine's own tools run. */
    public enum Kind {
        /** A directory the build fills; no machine tool runs for it. */
        STAGED,
        /** This machine, {@code /}: its tools run directly. */
        LIVE,
        /** A machine's root mounted at a directory: its tools run inside it through chroot. */
        MACHINE
    }

    public TargetRoot(Path path, boolean live) {
        this(path, live ? Kind.LIVE : Kind.STAGED);
    }

    public boolean live() {
        return kind == Kind.LIVE;
    }

    /** Whether the machine's own hooks (initramfs, ldconfig, grub's command) run for this root. */
    public boolean hasMachineTools() {
        return kind != Kind.STAGED;
    }

    /**
     * A machine's root mounted at {@code root}: it must look like an installed system (an
     * {@code etc/os-release}), may not be {@code /} (that is the live system), and the build must run as
     * root (chroot and the mounts inside need it).
     */
    public static TargetRoot machine(Path root, boolean dryRun, String what) throws BuildException {
        Path abs = root.toAbsolutePath().normalize();
        if (isSystemRoot(abs)) {
            throw new BuildException("chroot is set but root is / itself.", "for this machine use root=/ with"
                    + " allowLiveSystem; chroot is for a machine's root mounted at a directory");
        }
        if (!Files.isRegularFile(abs.resolve("etc/os-release")) && !Files.isSymbolicLink(abs.resolve("etc/os-release"))) {
            throw new BuildException(abs + " does not look like a machine's root file system (no etc/os-release), so"
                    + " its own tools cannot " + what + " inside it. Nothing was changed.", "mount the machine's root"
                            + " there (and its /boot, if separate), or leave chroot unset to stage into a directory");
        }
        if (!dryRun && !runningAsRoot()) {
            throw new BuildException("To " + what + " inside the machine root " + abs + " this build must run as root"
                    + " (chroot and the mounts inside it need it; it runs as uid " + uid() + "). Nothing was changed.",
                    "run the build with sudo, or leave chroot unset to stage into a directory");
        }
        return new TargetRoot(abs, Kind.MACHINE);
    }

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

    /** The root as people write it in messages: "/", the machine root or the staged directory. */
    public String describe() {
        return switch (kind) {
            case LIVE -> "the live system (/)";
            case MACHINE -> "the machine root " + path + " (its tools run inside it)";
            case STAGED -> "staged root " + path;
        };
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
