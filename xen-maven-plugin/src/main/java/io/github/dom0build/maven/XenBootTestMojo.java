package io.github.dom0build.maven;

import io.github.dom0build.core.BuildException;
import io.github.dom0build.core.boottest.BootTest;
import io.github.dom0build.core.boottest.BootTestRequest;
import io.github.dom0build.core.configure.XenstoredChoice;
import io.github.dom0build.core.process.ProcessRunner;
import io.github.dom0build.core.repro.BuildTimestamp;
import java.io.File;
import java.time.Instant;
import java.util.List;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Boots the built dom0 under QEMU and checks it works: the recipe's "reboot and test" without a reboot.
 * Xen's 32-bit multiboot image and the dom0 kernel come from the dom0 root (the one assemble made), and
 * the initramfs is generated: busybox-static from this machine plus the root's xenstored, xenstore-read
 * and -write, xen-init-dom0 and xl with the libraries they need. Inside, /init mounts proc, sys and
 * xenfs, reports /sys/hypervisor/type, starts the chosen xenstored, writes and reads a key, and powers
 * off. Passes only when dom0 reports {@code xen} and the xenstore round trip works; otherwise fails
 * with the console's last lines. Writes {@code console.log} and {@code result.json} to
 * {@code reportDirectory}. Software emulation: no KVM needed.
 */
@Mojo(name = "boot-test", defaultPhase = LifecyclePhase.INTEGRATION_TEST, threadSafe = true)
public class XenBootTestMojo extends AbstractDom0Mojo {
    /** The dom0 root to boot: its /boot kernel, Xen's multiboot image and the Xen tools. */
    @Parameter(property = "xen.root", defaultValue = "${project.build.directory}/root", required = true)
    private File root;

    /** The kernel release to boot; empty means the only dom0 kernel in the root's /boot. */
    @Parameter(property = "xen.bootTest.kernelRelease")
    private String kernelRelease;

    /** The xenstore daemon to start in dom0: oxenstored or cxenstored (as for configure). */
    @Parameter(property = "xen.xenstored", defaultValue = "oxenstored")
    private String xenstored;

    /** The QEMU to run. */
    @Parameter(property = "xen.bootTest.qemu", defaultValue = "qemu-system-x86_64")
    private String qemu;

    /** The guest's memory ({@code -m}). */
    @Parameter(property = "xen.bootTest.memory", defaultValue = "2G")
    private String memory;

    /** dom0's memory ({@code dom0_mem=X,max:X} on Xen's command line). */
    @Parameter(property = "xen.bootTest.dom0Memory", defaultValue = "512M")
    private String dom0Memory;

    /** More words for Xen's command line. */
    @Parameter(property = "xen.bootTest.xenArguments")
    private String xenArguments;

    /** More words for dom0's kernel command line. */
    @Parameter(property = "xen.bootTest.kernelArguments")
    private String kernelArguments;

    /** More QEMU arguments, one per item (e.g. {@code -accel}, {@code kvm} where KVM is available). */
    @Parameter(property = "xen.bootTest.qemuArguments")
    private List<String> qemuArguments;

    /** The static busybox the initramfs is built from. */
    @Parameter(property = "xen.bootTest.busybox", defaultValue = "/bin/busybox")
    private File busybox;

    /** Longest the boot may take before QEMU is killed, as {@code 10m} or seconds. */
    @Parameter(property = "xen.bootTest.timeout", defaultValue = "10m")
    private String timeout;

    /** Where console.log, result.json and the boot files go. */
    @Parameter(property = "xen.bootTest.reportDirectory", defaultValue = "${project.build.directory}/boot-test",
            required = true)
    private File reportDirectory;

    /** The time the initramfs entries get. */
    @Parameter(defaultValue = "${project.build.outputTimestamp}")
    private String outputTimestamp;

    /** Skips the boot test. */
    @Parameter(property = "xen.bootTest.skip", defaultValue = "false")
    private boolean skip;

    @Override
    protected List<File> changedDirectories() {
        return List.of(reportDirectory);
    }

    @Override
    protected boolean skipGoal() {
        return skip;
    }

    @Override
    protected void run() throws BuildException {
        BootTestRequest request = new BootTestRequest(root.toPath(), blankToNull(kernelRelease),
                XenstoredChoice.parse(xenstored), qemu, memory, dom0Memory, xenArguments, kernelArguments,
                qemuArguments == null ? List.of() : qemuArguments, busybox.toPath(),
                Durations.parse("timeout", timeout), reportDirectory.toPath(),
                BuildTimestamp.parse(outputTimestamp).orElse(Instant.EPOCH));
        new BootTest(new ProcessRunner(buildLog()), buildLog(), deletionRule()).run(request);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
