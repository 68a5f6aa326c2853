package io.github.dom0build.core.boottest;

import io.github.dom0build.core.BuildException;
import io.github.dom0build.core.io.Sha256;
import io.github.dom0build.core.log.BuildLog;
import io.github.dom0build.core.process.ProcessRunner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The boot test of a whole machine: a disk image booted the way the machine boots, through its
 * firmware (QEMU's SeaBIOS), its boot sector and its own grub.cfg, whose default entry must start Xen
 * and the dom0 kernel with the initramfs the machine's tools made, from the root file system on the
 * disk. The same check service as the systemd boot test reports on the console; {@link #prepare} puts
 * it into the machine's root first. The image is booted with QEMU's {@code snapshot=on}: nothing is
 * written back to it.
 */
public final class DiskBootTest {
    /**
     * What the machine's check will be held against, and what {@link #prepare} replaced in the root (path
     * to its former bytes, null where there was nothing), for {@link #remove}.
     */
    public record Prepared(ConsoleReport.Expected expected, java.util.Map<String, byte[]> replaced) {
    }

    private final ProcessRunner runner;
    private final BuildLog log;

    public DiskBootTest(ProcessRunner runner, BuildLog log) {
        this.runner = runner;
        this.log = log;
    }

    /**
     * Installs the check service (and the guest, unless {@code guest} is null) into the machine root at
     * {@code machineRoot}, ordered after {@code xenUnits} (names such as xenstored.service); those of them
     * enabled in the root are the ones that must be active.
     */
    public Prepared prepare(Path machineRoot, List<String> xenUnits, String release, GuestOptions guest, Path busybox,
            Instant timestamp, Path workDirectory) throws BuildException {
        try {
            XenUnits units = XenUnits.of(machineRoot, xenUnits);
            String nonce = Sha256.of((release + " machine " + timestamp).getBytes(StandardCharsets.UTF_8))
                    .substring(0, 16);
            String guestNonce = null;
            Path guestInitramfs = null;
            if (guest != null) {
                guestNonce = Sha256.of((nonce + " guest").getBytes(StandardCharsets.UTF_8)).substring(0, 16);
                Files.createDirectories(workDirectory);
                guestInitramfs = workDirectory.resolve("guest-initramfs.cpio.gz");
                GuestImage.initramfs(runner, busybox, guestNonce, timestamp, guestInitramfs);
            }
            var files = CheckService.files(units, guest, release, nonce, guestInitramfs);
            java.util.Map<String, byte[]> replaced = new java.util.LinkedHashMap<>();
            for (String path : files.paths()) {
                Path p = machineRoot.resolve(path);
                replaced.put(path, Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS) ? Files.readAllBytes(p)
                        : null);
            }
            files.writeTo(machineRoot);
            log.info("Installed the boot test's check service into " + machineRoot + " (after " + String.join(", ",
                    units.installed()) + "; enabled: " + String.join(", ", units.enabled()) + ")");
            return new Prepared(new ConsoleReport.Expected(BootInit.SYSTEMD, nonce, release, units.enabled(),
                    List.of(), guestNonce), replaced);
        } catch (IOException e) {
            throw new BuildException("Cannot put the check service into " + machineRoot + ": " + e.getMessage(),
                    "check the machine root", e);
        }
    }

    /** Takes the check service out of the machine root again, putting back what it replaced. */
    public void remove(Path machineRoot, Prepared prepared) throws BuildException {
        try {
            for (var e : prepared.replaced().entrySet()) {
                Path p = machineRoot.resolve(e.getKey());
                Files.deleteIfExists(p);
                if (e.getValue() != null) {
                    Files.write(p, e.getValue());
                }
            }
            for (String dir : List.of("usr/libexec/dom0-build", "etc/dom0-build", "var/lib/dom0-build")) {
                Path d = machineRoot.resolve(dir);
                try (var s = Files.list(d)) {
                    if (s.findAny().isEmpty()) {
                        Files.delete(d);
                    }
                } catch (java.nio.file.NoSuchFileException ignored) {
                    // never made
                }
            }
        } catch (IOException e) {
            throw new BuildException("Cannot take the check service out of " + machineRoot + ": " + e.getMessage(),
                    "check the machine root", e);
        }
    }

    /** Boots {@code image} (a raw disk) and checks what its dom0 reports; writes console.log and result.json. */
    public BootTestResult boot(Path image, Prepared prepared, String qemu, String memory, Duration timeout,
            Path reportDirectory) throws BuildException {
        try {
            Files.createDirectories(reportDirectory);
            Path console = reportDirectory.resolve("console.log");
            Files.deleteIfExists(console);
            List<String> argv = new ArrayList<>(List.of(qemu, "-nographic", "-no-reboot", "-m", memory, "-drive",
                    "file=" + image.toAbsolutePath() + ",format=raw,if=ide,snapshot=on", "-boot", "c", "-monitor",
                    "none", "-serial", "file:" + console));
            log.info("Booting the machine disk " + image + " through its grub under " + qemu + " (software emulation;"
                    + " up to " + timeout.toMinutes() + " min)");
            return new QemuBoot(runner, log).run(argv, timeout, reportDirectory, prepared.expected());
        } catch (IOException e) {
            throw new BuildException("Cannot boot " + image + ": " + e.getMessage(), "check the report directory", e);
        }
    }
}
