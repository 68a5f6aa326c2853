package io.github.dom0build.it.harness;

import io.github.dom0build.core.BuildException;
import io.github.dom0build.core.install.TargetRoot;
import io.github.dom0build.core.machine.MachineTools;
import io.github.dom0build.core.process.ProcessRunner;
import io.github.dom0build.core.testing.RecordingLog;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A PC's disk as a raw image file, made the way an installer makes one: an MBR partition table with one
 * ext4 partition (a fixed UUID), a distribution's root file system unpacked into it, grub installed in
 * the boot sector from inside the root, and grub.cfg generated there. Mounted through a loop device while
 * the test works on it, unmounted to boot. udev does not run on the build host, so the
 * {@code /dev/disk/by-uuid} link grub-mkconfig looks for is made here, as udev would make it, and removed
 * on close. Needs root, losetup, partx, sfdisk and mkfs.ext4.
 */
public final class MachineDisk implements AutoCloseable {
    private final Path image;
    private final Path mountPoint;
    private final String uuid;
    private String loop;

    private MachineDisk(Path image, Path mountPoint, String uuid) {
        this.image = image;
        this.mountPoint = mountPoint;
        this.uuid = uuid;
    }

    /** Makes the disk under {@code dir} from a root file system tarball, and mounts it. */
    public static MachineDisk create(Path dir, Path rootTarball, String uuid, long bytes) throws Exception {
        Files.createDirectories(dir);
        MachineDisk d = new MachineDisk(dir.resolve("disk.img"), dir.resolve("root"), uuid);
        Files.deleteIfExists(d.image);
        run(null, "truncate", "-s", Long.toString(bytes), d.image.toString());
        Path table = Files.writeString(dir.resolve("partitions.sfdisk"), "label: dos\nstart=2048, type=83, bootable\n");
        run(table, "sfdisk", "-q", d.image.toString());
        d.attach();
        run(null, "mkfs.ext4", "-q", "-U", uuid, "-L", "dom0root", d.partition());
        d.mountPartition();
        run(null, "tar", "-xpf", rootTarball.toString(), "-C", d.mountPoint.toString(), "--numeric-owner");
        Files.writeString(d.mountPoint.resolve("etc/fstab"), "UUID=" + uuid + " / ext4 errors=remount-ro 0 1\n");
        Files.writeString(d.mountPoint.resolve("etc/hostname"), "dom0\n");
        return d;
    }

    /** The machine's boot loader, as its installer sets it up: grub in the boot sector, grub.cfg made. */
    public void installGrub() throws BuildException {
        MachineTools tools = new MachineTools(new ProcessRunner(new RecordingLog()), new RecordingLog());
        TargetRoot root = TargetRoot.machine(mountPoint, false, "install grub");
        tools.run(root, List.of("grub-install", "--target=i386-pc", loop), "[grub-install] ");
        tools.run(root, List.of("grub-mkconfig", "-o", "/boot/grub/grub.cfg"), "[grub] ");
    }

    public Path image() {
        return image;
    }

    /** The mounted root file system. */
    public Path root() {
        return mountPoint;
    }

    /** Unmounts and detaches, so the image can be booted. */
    public void unmount() throws Exception {
        if (loop == null) {
            return;
        }
        run(null, "umount", mountPoint.toString());
        Files.deleteIfExists(byUuid());
        run(null, "partx", "-d", loop);
        run(null, "losetup", "-d", loop);
        loop = null;
    }

    /** Attaches and mounts it again. */
    public void mount() throws Exception {
        attach();
        mountPartition();
    }

    @Override
    public void close() throws Exception {
        unmount();
    }

    private void attach() throws Exception {
        loop = run(null, "losetup", "-f", "--show", image.toString()).strip();
        run(null, "partx", "-a", loop);
    }

    private void mountPartition() throws Exception {
        Files.createDirectories(mountPoint);
        run(null, "mount", partition(), mountPoint.toString());
        Path link = byUuid();
        Files.createDirectories(link.getParent());
        Files.deleteIfExists(link);
        Files.createSymbolicLink(link, Path.of("../../" + Path.of(partition()).getFileName()));
    }

    private Path byUuid() {
        return Path.of("/dev/disk/by-uuid", uuid);
    }

    private String partition() {
        return loop + "p1";
    }

    /** Whether this machine can make such disks: root, and the tools. */
    public static boolean possibleHere() {
        if (!TargetRoot.runningAsRoot()) {
            return false;
        }
        for (String t : List.of("losetup", "partx", "sfdisk", "mkfs.ext4", "mount")) {
            boolean found = false;
            for (String d : List.of("/usr/sbin", "/sbin", "/usr/bin", "/bin")) {
                found |= Files.isExecutable(Path.of(d, t));
            }
            if (!found) {
                return false;
            }
        }
        return Files.exists(Path.of("/dev/loop-control"), LinkOption.NOFOLLOW_LINKS);
    }

    private static String run(Path stdin, String... argv) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(argv));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        if (stdin != null) {
            pb.redirectInput(stdin.toFile());
        }
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IOException(String.join(" ", argv) + " failed: " + out);
        }
        return out;
    }
}
