package io.github.dom0build.core.boottest;

import io.github.dom0build.core.configure.XenstoredChoice;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What the boot test boots and how: the dom0 root (kernel, Xen's multiboot image and tools), the
 * xenstore daemon to start, QEMU's program and memory, extra command-line words for Xen and dom0, the
 * time limit, and where the console log and result go.
 */
public record BootTestRequest(Path root, String kernelRelease, XenstoredChoice xenstored, String qemu,
        String memory, String dom0Memory, String xenArguments, String kernelArguments, List<String> qemuArguments,
        Path busybox, Duration timeout, Path reportDirectory, Instant timestamp) {
}
