package io.github.dom0build.core.configure;

import java.util.List;

/**
 * How Xen's {@code ./configure} is run. {@code offline} adds the flags that keep the whole build off
 * the network (no stubdom, whose build clones mini-os and downloads newlib, lwip, grub and more; the
 * system's qemu and SeaBIOS instead of cloning and building them); {@code sysconfigLeafDir}
 * ({@code default} or {@code sysconfig}) decides where xencommons goes instead of leaving it to whether
 * the build host happens to have /etc/sysconfig.
 */
public record XenConfigureOptions(XenstoredChoice xenstored, boolean systemd, String prefix,
        String sysconfigLeafDir, boolean offline, boolean docs, String systemQemu, String systemSeabios,
        List<String> extraArguments) {

    public XenConfigureOptions {
        extraArguments = extraArguments == null ? List.of() : List.copyOf(extraArguments);
    }
}
