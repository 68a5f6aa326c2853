package io.github.dom0build.core.boottest;

import io.github.dom0build.core.userland.UserlandRequest;
import java.nio.file.Path;
import java.util.List;

/**
 * The boot test with systemd as dom0's init: the distribution userland under the bundle (a ready one
 * at {@code userland}, a directory or root file system tarball, or one made from {@code make}), the
 * units that cannot work under QEMU and may stay inactive, and the guest to create ({@code null}: none).
 */
public record SystemdBoot(Path userland, UserlandRequest make, List<String> expectInactive, GuestOptions guest) {
    public SystemdBoot {
        if ((userland == null) == (make == null)) {
            throw new IllegalArgumentException("a ready userland or a request to make one, not both");
        }
        expectInactive = List.copyOf(expectInactive);
    }
}
