package io.github.dom0build.maven;

import io.github.dom0build.core.BuildException;
import io.github.dom0build.core.boottest.BootInit;
import io.github.dom0build.core.boottest.BootTest;
import io.github.dom0build.core.boottest.BootTestRequest;
import io.github.dom0build.core.boottest.GuestOptions;
import io.github.dom0build.core.boottest.SystemdBoot;
import io.github.dom0build.core.process.ProcessRunner;
import io.github.dom0build.core.userland.UserlandDefaults;
import io.github.dom0build.core.userland.UserlandRequest;
import java.io.File;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.resolution.ArtifactRequest;
import org.eclipse.aether.resolution.ArtifactResolutionException;

/**
 * Boots the built dom0 under QEMU and checks it works: the recipe's "reboot and test" without a reboot.
 * Xen's 32-bit multiboot image and the dom0 kernel come from the dom0 root, {@code bundleRoot} (the one
 * assemble made; any root with a dom0 kernel and Xen in it).
 *
 * <p>With {@code init=systemd} (the default) dom0 boots the way a machine does: a minimal distribution
 * userland (made once with mmdebstrap from the machine's package registry and cached, or given ready)
 * with exactly the dom0 root on top, systemd as PID 1 starting the units systemd-enable enabled, and a
 * check service ordered after them that reports every Xen unit's state, the failed units with their
 * journals, systemd's startup time, xenstored, a xenstore round trip, {@code xl list} and
 * {@code xl info}, then creates a small PV guest with {@code xl create} and watches it print a nonce and
 * shut down. The goal fails when an enabled unit is not active, any unit failed, or the guest did not
 * run, naming the unit and quoting its journal.
 *
 * <p>With {@code init=busybox} a generated busybox /init starts the xenstore daemon by hand (the one the root
 * names, as launch-xenstore reads it: XENSTORED in xencommons, else configure's default): quick, and
 * it needs no package registry. Either way the goal writes {@code console.log} and {@code result.json}
 * to {@code reportDirectory}. Software emulation: no KVM needed.
 */
@Mojo(name = "boot-test", defaultPhase = LifecyclePhase.INTEGRATION_TEST, threadSafe = true)
public class XenBootTestMojo extends AbstractBundleRootMojo {
    /** The kernel release to boot; empty means the only dom0 kernel in the root's /boot. */
    @Parameter(property = "xen.bootTest.kernelRelease")
    private String kernelRelease;

    /**
     * dom0's init: {@code systemd} (a distribution userland with the root on top; the units start as on a
     * machine, and a guest is created) or {@code busybox} (a busybox script starts the xenstore daemon by
     * hand; no userland needed).
     */
    @Parameter(property = "xen.bootTest.init", defaultValue = "systemd")
    private String init;

    /**
     * A ready userland for {@code init=systemd} instead of one made with mmdebstrap: a directory, a root
     * file system tarball (tar, tar.gz, tar.xz), or a Maven artifact as
     * {@code groupId:artifactId:extension[:classifier]:version}. Empty: made from the package registry.
     */
    @Parameter(property = "xen.bootTest.userland")
    private String userland;

    /** The distribution release the userland is made from; empty means this machine's own (e.g. bookworm). */
    @Parameter(property = "xen.bootTest.userlandSuite")
    private String userlandSuite;

    /**
     * The packages on top of mmdebstrap's minbase variant. Empty means systemd, systemd-sysv and udev
     * (without udev no device unit appears, and the console's getty waits 90 s for dev-hvc0.device), and
     * the shared libraries Xen's tools load: libyajl2, libpixman-1-0, libaio1, libglib2.0-0, libzstd1,
     * liblzma5, libncursesw6, libuuid1, zlib1g. A list given here replaces that one.
     */
    @Parameter(property = "xen.bootTest.userlandPackages")
    private List<String> userlandPackages;

    /**
     * Where the userland's packages come from: empty means this machine's own apt sources; otherwise a
     * mirror URL or a file of apt sources (one-line or deb822).
     */
    @Parameter(property = "xen.bootTest.userlandMirror")
    private String userlandMirror;

    /** Where made userlands are kept between builds, keyed by their request and resolved package versions. */
    @Parameter(property = "xen.bootTest.userlandCacheDirectory",
            defaultValue = "${user.home}/.cache/dom0-build/userland")
    private File userlandCacheDirectory;

    /** The mmdebstrap to run. */
    @Parameter(property = "xen.bootTest.mmdebstrap", defaultValue = "mmdebstrap")
    private String mmdebstrap;

    /**
     * Units that cannot work under QEMU and may stay inactive or fail without failing the goal; they are
     * reported as such in result.json.
     */
    @Parameter(property = "xen.bootTest.expectInactive")
    private List<String> expectInactive;

    /** With {@code init=systemd}: create a PV guest (the dom0 kernel with a tiny initramfs) with xl. */
    @Parameter(property = "xen.bootTest.guest", defaultValue = "true")
    private boolean guest;

    /** The guest's memory in MiB. */
    @Parameter(property = "xen.bootTest.guestMemory", defaultValue = "128")
    private int guestMemory;

    /** More words for the guest's kernel command line. */
    @Parameter(property = "xen.bootTest.guestKernelArguments")
    private String guestKernelArguments;

    /** Longest {@code xl create} of the guest may take, as {@code 2m} or seconds. */
    @Parameter(property = "xen.bootTest.guestTimeout", defaultValue = "2m")
    private String guestTimeout;

    /** The QEMU to run. */
    @Parameter(property = "xen.bootTest.qemu")
    private String qemu;

    /** The machine's memory ({@code -m}); empty means 2G. */
    @Parameter(property = "xen.bootTest.memory")
    private String memory;

    /**
     * dom0's memory ({@code dom0_mem=X,max:X} on Xen's command line); empty means 1024M with systemd (the
     * userland lives in RAM), 512M with busybox.
     */
    @Parameter(property = "xen.bootTest.dom0Memory")
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

    /** The static busybox the busybox init and the guest's initramfs are built from. */
    @Parameter(property = "xen.bootTest.busybox", defaultValue = "/bin/busybox")
    private File busybox;

    /** Longest the boot may take before QEMU is killed, as {@code 10m} or seconds. */
    @Parameter(property = "xen.bootTest.bootTimeout", defaultValue = "10m")
    private String bootTimeout;

    /** Where console.log, result.json and the boot files go. */
    @Parameter(property = "xen.bootTest.reportDirectory", defaultValue = "${project.build.directory}/boot-test",
            required = true)
    private File reportDirectory;

    @Component
    private RepositorySystem repositorySystem;

    @Override
    protected List<File> changedDirectories() {
        return List.of(reportDirectory);
    }

    @Override
    protected void run() throws BuildException {
        if (session != null) {
            refuseRootGoalsProperty(session.getUserProperties(), bundleRoot, project.getBasedir().toPath());
        }
        Instant timestamp = timestamp();
        ProcessRunner runner = runner();
        SystemdBoot systemd = null;
        if (BootInit.parse(init) == BootInit.SYSTEMD) {
            Path ready = readyUserland();
            List<String> packages = userlandPackages == null || userlandPackages.isEmpty() ? UserlandDefaults.PACKAGES
                    : userlandPackages;
            UserlandRequest make = ready != null ? null : new UserlandDefaults(runner).request(userlandSuite,
                    packages, userlandMirror, mmdebstrap, timestamp, userlandCacheDirectory.toPath(), mavenOffline());
            GuestOptions g = guest ? new GuestOptions(guestMemory, guestKernelArguments,
                    Durations.parse("guestTimeout", guestTimeout)) : null;
            systemd = new SystemdBoot(ready, make, expectInactive == null ? List.of() : expectInactive, g);
        }
        BootTestRequest request = new BootTestRequest(bundleRoot.toPath(), blankToNull(kernelRelease),
                null /* the root's own */, qemu, memory, dom0Memory, xenArguments, kernelArguments,
                qemuArguments == null ? List.of() : qemuArguments, busybox.toPath(),
                Durations.parse("bootTimeout", bootTimeout), reportDirectory.toPath(), timestamp, systemd);
        new BootTest(runner, buildLog(), deletionRule(), proxies()).run(request);
    }

    /**
     * {@code -Dxen.root} is the root goals' property: given without {@code -Dxen.bundleRoot} for another root,
     * it would be ignored here and the boot test would boot a root nobody asked for. A relative path is the
     * module's, as Maven resolves both parameters.
     */
    static void refuseRootGoalsProperty(Properties user, File bundleRoot, Path basedir) throws BuildException {
        String root = user.getProperty("xen.root");
        if (root != null && !user.containsKey("xen.bundleRoot")
                && !basedir.resolve(root).normalize().equals(bundleRoot.toPath().toAbsolutePath().normalize())) {
            throw new BuildException("-Dxen.root=" + root + " is the root of install, systemd-enable and grub-update;"
                    + " boot-test boots bundleRoot (" + bundleRoot + ").",
                    "to boot " + root + ", give -Dxen.bundleRoot=" + root);
        }
    }

    /** The userland parameter as a path: a file or directory, or a Maven artifact resolved to its file. */
    private Path readyUserland() throws BuildException {
        String u = blankToNull(userland);
        if (u == null) {
            return null;
        }
        if (u.startsWith("/") || u.startsWith(".") || !u.contains(":")) {
            Path p = Path.of(u);
            return p.isAbsolute() ? p : project.getBasedir().toPath().resolve(p);
        }
        DefaultArtifact artifact;
        try {
            artifact = new DefaultArtifact(u);
        } catch (IllegalArgumentException e) {
            throw new BuildException("userland '" + u + "' is neither a path nor Maven coordinates.",
                    "write groupId:artifactId:extension[:classifier]:version, e.g."
                            + " org.example:rootfs:tar.gz:bookworm:1.0", e);
        }
        try {
            return repositorySystem.resolveArtifact(session.getRepositorySession(),
                    new ArtifactRequest(artifact, project.getRemoteProjectRepositories(), null)).getArtifact().getFile()
                    .toPath();
        } catch (ArtifactResolutionException e) {
            throw new BuildException("The userland artifact " + u + " cannot be resolved: " + e.getMessage(),
                    "check the coordinates (groupId:artifactId:extension[:classifier]:version) and the repositories",
                    e);
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
