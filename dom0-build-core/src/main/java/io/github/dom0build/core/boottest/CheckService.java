package io.github.dom0build.core.boottest;

import io.github.dom0build.core.BuildException;
import io.github.dom0build.core.bootroot.MemoryRootSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The boot test's own files in a dom0 root: {@code dom0-build-check.service}, ordered after every Xen
 * unit and wanted by multi-user.target, its script and settings, a fixed machine id (systemd's
 * first-boot units stay quiet, the image reproducible), and the guest's xl configuration and initramfs.
 */
final class CheckService {
    static final String UNIT = "dom0-build-check.service";
    static final String SCRIPT = "usr/libexec/dom0-build/boot-check";
    static final String SETTINGS = "etc/dom0-build/boot-test.conf";

    private CheckService() {
    }

    static MemoryRootSource files(XenUnits units, GuestOptions guest, String release, String nonce,
            Path guestInitramfs) throws BuildException, IOException {
        MemoryRootSource own = new MemoryRootSource("the boot test's files");
        own.file("etc/systemd/system/" + UNIT, 0644, unit(units));
        own.symlink("etc/systemd/system/multi-user.target.wants/" + UNIT, "/etc/systemd/system/" + UNIT);
        own.file(SCRIPT, 0755, BootResources.read("systemd-check.sh"));
        own.file(SETTINGS, 0644, settings(units, guest, nonce));
        own.file("etc/machine-id", 0444, nonce + nonce + "\n");
        if (guest != null) {
            own.file(GuestImage.CONFIG, 0644, GuestImage.config(release, guest));
            own.file(GuestImage.INITRAMFS, 0644, Files.readAllBytes(guestInitramfs));
        }
        return own;
    }

    /** Ordered after every Xen unit; Type=simple so the boot can finish while it waits for that. */
    private static String unit(XenUnits units) {
        return "# dom0-build boot test: reports the Xen units and a guest on the console, then powers off.\n"
                + "[Unit]\n"
                + "Description=dom0-build boot test report\n"
                + "After=" + String.join(" ", units.installed()) + "\n"
                + "\n"
                + "[Service]\n"
                + "Type=simple\n"
                + "ExecStart=/" + SCRIPT + "\n"
                + "StandardOutput=journal\n"
                + "StandardError=journal\n"
                + "\n"
                + "[Install]\n"
                + "WantedBy=multi-user.target\n";
    }

    private static String settings(XenUnits units, GuestOptions guest, String nonce) {
        List<String> lines = new ArrayList<>();
        lines.add("NONCE=" + nonce);
        lines.add("UNITS=\"" + String.join(" ", units.installed()) + "\"");
        lines.add("ENABLED=\"" + String.join(" ", units.enabled()) + "\"");
        if (guest != null) {
            lines.add("GUEST_NAME=" + GuestOptions.NAME);
            lines.add("GUEST_CONFIG=/" + GuestImage.CONFIG);
            lines.add("GUEST_TIMEOUT=" + guest.timeout().toSeconds());
        } else {
            lines.add("GUEST_CONFIG=");
        }
        return String.join("\n", lines) + "\n";
    }
}
