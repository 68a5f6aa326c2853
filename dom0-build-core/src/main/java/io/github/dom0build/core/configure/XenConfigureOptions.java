package io.github.dom0build.core.configure;

import io.github.dom0build.core.arch.CrossBuild;
import java.util.List;

/**
 * How Xen's {@code ./configure} is run. {@code offline} adds the flags that keep the whole build off
 * the network (no stubdom, whose build clones mini-os and downloads newlib, lwip, grub and more; the
 * system's qemu and SeaBIOS instead of cloning and building them); {@code sysconfigLeafDir}
 * ({@code default} or {@code sysconfig}) decides where xencommons goes instead of leaving it to whether
 * the build host happens to have /etc/sysconfig. {@code cross} is the architecture built for and on.
 */
public record XenConfigureOptions(XenstoredChoice xenstored, boolean systemd, String prefix,
        String sysconfigLeafDir, boolean offline, boolean docs, String systemQemu, String systemSeabios,
        List<String> extraArguments, CrossBuild cross) {

    public XenConfigureOptions {
        extraArguments = extraArguments == null ? List.of() : List.copyOf(extraArguments);
    }

    /** A native build. */
    public XenConfigureOptions(XenstoredChoice xenstored, boolean systemd, String prefix, String sysconfigLeafDir,
            boolean offline, boolean docs, String systemQemu, String systemSeabios, List<String> extraArguments) {
        this(xenstored, systemd, prefix, sysconfigLeafDir, offline, docs, systemQemu, systemSeabios, extraArguments,
                null);
    }
}
