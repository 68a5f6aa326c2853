package io.github.dom0build.core.boottest;

import io.github.dom0build.core.BuildException;
import io.github.dom0build.core.bootroot.ComposedRoot;
import io.github.dom0build.core.bootroot.CpioImage;
import io.github.dom0build.core.bootroot.DirectoryRootSource;
import io.github.dom0build.core.bootroot.MemoryRootSource;
import io.github.dom0build.core.bootroot.RootSource;
import io.github.dom0build.core.bootroot.TarRootSource;
import io.github.dom0build.core.log.BuildLog;
import io.github.dom0build.core.userland.Userland;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * The initramfs that boots dom0 the way a machine does: the distribution userland, on top of it
 * exactly the dom0 bundle's root (its lib/ and var/run/ land where the userland's links send them,
 * as on a merged-/usr system), and the boot test's own files: the check service ordered after the
 * Xen units, its script and settings, a fixed machine id (so systemd's first-boot units stay quiet
 * and the image is reproducible), and the guest's initramfs and xl configuration. Uncompressed: the
 * kernel unpacks it far faster than it can gunzip under software emulation.
 */
final class SystemdBootImage {
    /** What went into the image. */
    record Built(XenUnits units, int entries, long bytes, List<String> moved) {
    }

    private final BuildLog log;

    SystemdBootImage(BuildLog log) {
        this.log = log;
    }

    Built build(Path bundleRoot, Userland userland, String release, SystemdBoot boot, String nonce,
            Path guestInitramfs, Instant mtime, Path out) throws BuildException {
        try {
            XenUnits units = XenUnits.of(bundleRoot);
            if (units.enabled().isEmpty()) {
                throw new BuildException("No unit is enabled in " + bundleRoot + ", so systemd would start no Xen"
                        + " service.", "bind systemd-enable on this root before the boot test (as examples/dom0"
                                + " does), or boot with init=busybox");
            }
            MemoryRootSource own = CheckService.files(units, boot.guest(), release, nonce, guestInitramfs);
            RootSource base = userland.directory() ? new DirectoryRootSource(userland.location(), true)
                    : new TarRootSource(userland.location());
            ComposedRoot root = ComposedRoot.compose(base,
                    List.of(new DirectoryRootSource(bundleRoot, false), own));
            CpioImage.Written w = CpioImage.write(root, out, mtime, CpioImage.Compression.NONE);
            log.info("Boot root: " + userland.description() + " + the dom0 bundle + the check service: " + w.entries()
                    + " entries, " + (w.bytes() >> 20) + " MiB");
            if (!root.moved().isEmpty()) {
                log.info("The userland's links moved " + root.moved().size() + " bundle paths, e.g. "
                        + String.join(", ", root.moved().subList(0, Math.min(3, root.moved().size()))));
            }
            if (!root.replaced().isEmpty()) {
                log.info("The bundle replaced " + root.replaced().size() + " of the userland's files: "
                        + String.join(", ", new java.util.TreeSet<>(root.replaced())));
            }
            return new Built(units, w.entries(), w.bytes(), root.moved());
        } catch (IOException e) {
            throw new BuildException("Cannot put the boot root together: " + e.getMessage(),
                    "check the userland (" + userland.description() + ") and the dom0 root " + bundleRoot, e);
        }
    }
}
