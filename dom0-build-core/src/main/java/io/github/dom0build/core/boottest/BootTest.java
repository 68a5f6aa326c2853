package io.github.dom0build.core.boottest;

import io.github.dom0build.core.BuildException;
import io.github.dom0build.core.arch.Architecture;
import io.github.dom0build.core.arch.ImageArchitecture;
import io.github.dom0build.core.bootloader.BootFiles;
import io.github.dom0build.core.configure.XenstoredChoice;
import io.github.dom0build.core.guard.DeletionRule;
import io.github.dom0build.core.install.TargetRoot;
import io.github.dom0build.core.io.Sha256;
import io.github.dom0build.core.log.BuildLog;
import io.github.dom0build.core.net.ProxySelection;
import io.github.dom0build.core.process.ProcessRunner;
import io.github.dom0build.core.systemd.RootXenstored;
import io.github.dom0build.core.userland.Userland;
import io.github.dom0build.core.userland.Userlands;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The reference recipe's last section ("reboot and test") without rebooting anything: boots the built
 * hypervisor with the built dom0 kernel and a generated initramfs under {@code qemu-system-x86_64}
 * (software emulation, no KVM needed). With systemd as dom0's init (on a distribution userland with the
 * bundle on top) it passes only when every enabled Xen unit is active, no unit failed, a xenstore write
 * reads back and a PV guest printed its nonce and shut down; with the busybox init, when dom0 reports
 * {@code xen} in /sys/hypervisor/type and the xenstore round trip works. Writes {@code console.log} and
 * {@code result.json}.
 */
public final class BootTest {
    private final ProcessRunner runner;
    private final BuildLog log;
    private final DeletionRule rule;
    private final ProxySelection proxies;

    /** @param rule what the report directory, deleted and made again on every run, may be */
    public BootTest(ProcessRunner runner, BuildLog log, DeletionRule rule) {
        this(runner, log, rule, ProxySelection.none());
    }

    /** @param proxies settings.xml's proxies, for making the systemd userland */
    public BootTest(ProcessRunner runner, BuildLog log, DeletionRule rule, ProxySelection proxies) {
        this.runner = runner;
        this.log = log;
        this.rule = rule;
        this.proxies = proxies;
    }

    /** The daemon asked for, or (null) the one the root starts, as its launch-xenstore would choose. */
    private static XenstoredChoice xenstored(BootTestRequest r) throws BuildException {
        return r.xenstored() != null ? r.xenstored()
                : RootXenstored.of(TargetRoot.resolve(r.root(), false, "boot", "xen.allowLiveSystem"));
    }

    public BootTestResult run(BootTestRequest r) throws BuildException {
        Path report = r.reportDirectory().toAbsolutePath();
        for (char c : new char[] {',', ' '}) {
            if (report.toString().indexOf(c) >= 0) {
                throw new BuildException("The boot test directory " + report + " contains '" + c + "', which QEMU's"
                        + " -initrd list cannot carry.", "set reportDirectory to a path without commas and spaces");
            }
        }
        String release = r.kernelRelease() != null ? r.kernelRelease() : onlyDom0Kernel(r.root());
        Path kernel = r.root().resolve("boot/vmlinuz-" + release);
        Path xen = hypervisorImage(r.root());
        try {
            Architecture arch = ImageArchitecture.of(xen).orElse(xen.getFileName().toString().endsWith(".Image")
                    ? Architecture.ARM64 : Architecture.X86_64);
            if (arch == Architecture.ARM64 && r.systemd() != null) {
                throw new BuildException("The boot test cannot run systemd as init on an arm64 dom0: its userland would"
                        + " be an arm64 Debian made by mmdebstrap, whose maintainer scripts this x86 machine cannot"
                        + " run.", "set init to busybox (-Dxen.bootTest.init=busybox) for an arm64 dom0");
            }
            rule.recreate(report, "reportDirectory");
            Path kernelCopy = Files.copy(kernel, report.resolve("vmlinuz"), StandardCopyOption.REPLACE_EXISTING);
            Path xenCopy = Files.copy(xen, report.resolve(arch == Architecture.ARM64 ? "xen.Image" : "xen.multiboot"),
                    StandardCopyOption.REPLACE_EXISTING);
            String nonce = Sha256.of((release + xen.getFileName() + r.timestamp()).getBytes(StandardCharsets.UTF_8))
                    .substring(0, 16);
            Path initramfs;
            ConsoleReport.Expected expected;
            if (r.systemd() == null) {
                initramfs = report.resolve("initramfs.cpio.gz");
                Path busybox = arch.isCrossFrom(Architecture.host()) ? new ForeignBusybox(runner, log).forArch(
                        r.busybox(), arch, ForeignBusybox.defaultCache()) : r.busybox();
                new InitramfsBuilder(runner, log, arch).build(r.root(), xenstored(r), busybox, nonce, r.timestamp(),
                        initramfs);
                expected = new ConsoleReport.Expected(BootInit.BUSYBOX, nonce, release, List.of(), List.of(), null);
            } else {
                initramfs = report.resolve("initramfs.cpio");
                expected = systemdImage(r, release, nonce, initramfs);
            }
            Path console = report.resolve("console.log");
            List<String> argv = arch == Architecture.ARM64 ? Arm64Qemu.command(r, xenCopy, kernelCopy, initramfs, console)
                    : qemuCommand(r, xenCopy, kernelCopy, initramfs, console);
            log.info("Booting Xen " + xen.getFileName() + " with dom0 Linux " + release + " and " + r.init().label()
                    + " as its init under " + argv.get(0) + " (software emulation; up to " + r.timeout().toMinutes()
                    + " min)");
            return new QemuBoot(runner, log).run(argv, r.timeout(), report, expected);
        } catch (IOException e) {
            throw new BuildException("The boot test could not prepare " + report + ": " + e.getMessage(),
                    "check that the target directory is writable", e);
        }
    }

    /** Makes the systemd boot image (userland + bundle + check service + guest) and says what to expect. */
    private ConsoleReport.Expected systemdImage(BootTestRequest r, String release, String nonce, Path initramfs)
            throws BuildException, IOException {
        SystemdBoot boot = r.systemd();
        Userland userland;
        if (boot.userland() != null) {
            Path u = boot.userland();
            if (!Files.exists(u)) {
                throw new BuildException("The userland " + u + " does not exist.", "point userland at a directory"
                        + " or a root file system tarball, or leave it empty to make one with mmdebstrap");
            }
            userland = Files.isDirectory(u) ? Userland.ofDirectory(u) : Userland.ofTarball(u);
        } else {
            userland = new Userlands(runner, log, proxies).obtain(boot.make());
        }
        String guestNonce = null;
        Path guestInitramfs = null;
        if (boot.guest() != null) {
            guestNonce = Sha256.of((nonce + " guest").getBytes(StandardCharsets.UTF_8)).substring(0, 16);
            guestInitramfs = r.reportDirectory().resolve("guest-initramfs.cpio.gz");
            GuestImage.initramfs(runner, r.busybox(), guestNonce, r.timestamp(), guestInitramfs);
        }
        SystemdBootImage.Built built = new SystemdBootImage(log).build(r.root(), userland, release, boot, nonce,
                guestInitramfs, r.timestamp(), initramfs);
        return new ConsoleReport.Expected(BootInit.SYSTEMD, nonce, release, built.units().enabled(),
                boot.expectInactive(), guestNonce);
    }

    static List<String> qemuCommand(BootTestRequest r, Path xen, Path kernel, Path initramfs, Path console) {
        String dom0Memory = r.effectiveDom0Memory();
        String xenArgs = "loglvl=all guest_loglvl=all com1=115200,8n1 console=com1 noreboot dom0_mem=" + dom0Memory
                + ",max:" + dom0Memory + " console_timestamps=boot" + extra(r.xenArguments());
        String init = r.init() == BootInit.SYSTEMD ? "/sbin/init" : "/init";
        String kernelArgs = "console=hvc0 earlyprintk=xen rdinit=" + init + extra(r.kernelArguments());
        List<String> argv = new ArrayList<>(List.of(r.qemuFor(Architecture.X86_64), "-nographic", "-no-reboot", "-m", r.effectiveMemory(),
                "-kernel",
                xen.toString(), "-append", xenArgs, "-initrd", kernel + " " + kernelArgs + "," + initramfs, "-monitor",
                "none", "-serial", "file:" + console));
        argv.addAll(r.qemuArguments());
        return argv;
    }

    static String extra(String words) {
        return words == null || words.isBlank() ? "" : " " + words.strip();
    }

    private static String onlyDom0Kernel(Path root) throws BuildException {
        List<String> dom0 = BootFiles.scan(root.resolve("boot")).dom0Kernels();
        if (dom0.size() != 1) {
            throw new BuildException((dom0.isEmpty() ? "No dom0 kernel" : "Several dom0 kernels (" + String.join(", ", dom0)
                    + ")") + " in " + root.resolve("boot") + ".", "set kernelRelease to the one to boot");
        }
        return dom0.get(0);
    }

    /** The image xen:dist keeps for QEMU's -kernel: x86's 32-bit multiboot ELF (QEMU refuses xen.gz), arm64's Image. */
    private static Path hypervisorImage(Path root) throws BuildException {
        Path dir = root.resolve("usr/lib/xen/boot");
        if (Files.isDirectory(dir)) {
            try (Stream<Path> s = Files.list(dir)) {
                List<Path> images = s.filter(p -> p.getFileName().toString().endsWith(".multiboot")
                        || p.getFileName().toString().endsWith(".Image")).sorted().toList();
                if (!images.isEmpty()) {
                    return images.get(images.size() - 1);
                }
            } catch (IOException e) {
                throw new BuildException("Cannot read " + dir + ": " + e.getMessage(), "check the dom0 root", e);
            }
        }
        throw new BuildException("No Xen boot image (usr/lib/xen/boot/xen-*.multiboot, or xen-*.Image on arm64) in "
                + root + "; QEMU's -kernel boots only that image, not xen.gz.", "assemble the root from a Xen archive made by"
                        + " xen:dist, which keeps xen/xen there");
    }

}
