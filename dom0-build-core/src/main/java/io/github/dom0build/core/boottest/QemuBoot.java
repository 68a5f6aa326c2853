package io.github.dom0build.core.boottest;

import io.github.dom0build.core.BuildException;
import io.github.dom0build.core.arch.Architecture;
import io.github.dom0build.core.deps.Distribution;
import io.github.dom0build.core.log.BuildLog;
import io.github.dom0build.core.metadata.JsonDocuments;
import io.github.dom0build.core.process.Command;
import io.github.dom0build.core.process.CommandFailedException;
import io.github.dom0build.core.process.ProcessRunner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One QEMU run of a boot test, whatever it boots (Xen and a kernel handed over directly, or a disk
 * through its firmware and grub): QEMU with the console in {@code console.log}, stopped early when the
 * console shows the machine will never power off, then the console read into {@code result.json}, and
 * the goal failed with the reasons and the console's last lines, or the result logged.
 */
final class QemuBoot {
    private final ProcessRunner runner;
    private final BuildLog log;

    QemuBoot(ProcessRunner runner, BuildLog log) {
        this.runner = runner;
        this.log = log;
    }

    /** {@code argv} must write the console to {@code report/console.log}. */
    BootTestResult run(List<String> argv, Duration timeout, Path report, ConsoleReport.Expected expected)
            throws BuildException, IOException {
        Path console = report.resolve("console.log");
        long start = System.nanoTime();
        String failure = null;
        try (ConsoleWatch watch = ConsoleWatch.start(console, Thread.currentThread())) {
            try {
                runner.run(Command.of(argv).timeout(timeout).logPrefix("[qemu] ").build());
            } catch (CommandFailedException e) {
                if (e.exitCode() == -1 && e.getCause() instanceof IOException) {
                    throw missingQemu(argv.get(0), e);
                }
                failure = e.problem();
                if (watch.reason() != null) {
                    failure = "QEMU was stopped early: the console says \"" + watch.reason() + "\", after which"
                            + " the machine never powers off";
                }
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        String text = Files.isRegularFile(console) ? Files.readString(console, StandardCharsets.ISO_8859_1) : "";
        BootTestResult result = ConsoleReport.read(text, expected, seconds);
        JsonDocuments.write(report.resolve("result.json"), result.document());
        if (failure != null || !result.passed()) {
            List<String> why = new ArrayList<>(result.problems());
            if (failure != null) {
                why.add(0, failure.lines().findFirst().orElse(failure));
            }
            throw new BuildException("The dom0 boot test failed:\n    " + String.join("\n    ", why)
                    + "\n  Last lines of " + console + ":\n" + tail(text, 40),
                    "read " + console + " from the top; result.json has what dom0 reported");
        }
        log.info("Boot test passed in " + String.format("%.1f", seconds) + " s: hypervisor " + result.hypervisorType()
                + " " + result.xenVersion() + ", dom0 Linux " + result.kernelRelease() + " (" + result.machine() + "), " + result.xenstored()
                + " answered (domid " + result.domid() + ")");
        if (result.systemd() != null) {
            logSystemd(result.systemd());
        }
        return result;
    }

    private void logSystemd(SystemdReport s) {
        String enabled = s.units().entrySet().stream().filter(e -> e.getValue().enabled())
                .map(e -> e.getKey() + " " + e.getValue().activeState() + "/" + e.getValue().subState())
                .reduce((a, b) -> a + ", " + b).orElse("none");
        long others = s.units().values().stream().filter(u -> !u.enabled()).count();
        log.info("systemd: " + (s.systemdSeconds() == null ? "startup time unknown" : String.format(
                "startup finished in %.1f s", s.systemdSeconds())) + "; system " + s.systemState() + "; enabled: "
                + enabled + "; " + others + " more Xen units installed, not enabled");
        if (s.guest() != null) {
            log.info("Guest " + GuestOptions.NAME + ": Linux " + s.guest().kernelRelease() + " printed its nonce and"
                    + " powered off cleanly in " + s.guest().seconds() + " s");
        }
    }

    private static BuildException missingQemu(String qemu, CommandFailedException e) {
        boolean arm64 = qemu.endsWith(Architecture.ARM64.qemuSystem());
        String pkg = switch (Distribution.detect().family()) {
            case FEDORA -> "dnf install " + (arm64 ? "qemu-system-aarch64" : "qemu-system-x86");
            case SUSE -> "zypper install " + (arm64 ? "qemu-arm" : "qemu-x86");
            default -> "apt-get install " + (arm64 ? Architecture.ARM64 : Architecture.X86_64).qemuPackage();
        };
        return new BuildException(qemu + " is not installed: the boot test needs it.", "run: sudo " + pkg
                + ", or skip the boot test with -Dxen.bootTest.skip", e);
    }

    private static String tail(String text, int n) {
        String[] lines = text.split("\n");
        StringBuilder sb = new StringBuilder();
        for (int i = Math.max(0, lines.length - n); i < lines.length; i++) {
            sb.append("    ").append(lines[i].replace("\r", "")).append('\n');
        }
        return sb.toString();
    }
}
