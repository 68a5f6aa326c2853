package io.github.dom0build.core.boottest;

import java.time.Duration;

/**
 * The PV guest dom0 creates in the systemd boot test: its memory, more words for its kernel command
 * line, and how long {@code xl create} may take before the guest counts as hung.
 */
public record GuestOptions(int memoryMiB, String kernelArguments, Duration timeout) {
    public static final String NAME = "dom0-build-guest";
}
