package io.github.dom0build.core.dist;

import io.github.dom0build.core.BuildException;
import io.github.dom0build.core.arch.Architecture;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The one architecture of a bundle's parts, from each part's metadata ({@code arch}): an arm64 kernel
 * next to an x86 hypervisor would assemble into a root that boots nowhere, so it fails before anything is
 * unpacked. Parts made before the field existed (no {@code arch}) are not counted.
 */
final class PartArchitectures {
    private PartArchitectures() {
    }

    static Optional<Architecture> requireOne(Iterable<Dom0Bundle.Part> parts) throws BuildException {
        Map<String, Architecture> byPart = new LinkedHashMap<>();
        for (Dom0Bundle.Part p : parts) {
            if (p.metadata() == null || p.metadata().arch() == null) {
                continue;
            }
            String value = p.metadata().arch();
            Architecture a = Architecture.ofKernelArch(value);
            if (a == null) {
                throw new BuildException("The " + p.label() + " part is for architecture '" + value + "', which"
                        + " dom0-build cannot bundle.", "build every part for x86_64 or arm64");
            }
            byPart.put(p.label(), a);
        }
        if (byPart.values().stream().distinct().count() > 1) {
            StringBuilder each = new StringBuilder();
            byPart.forEach((label, a) -> each.append("\n    ").append(label).append(": ").append(a));
            throw new BuildException("The parts of this bundle are built for different architectures:" + each
                    + "\n  Nothing was assembled.", "build every part with the same arch (e.g. <arch>arm64</arch> in"
                            + " both plugins' configuration, or -Dkernel.arch=arm64 -Dxen.arch=arm64)");
        }
        return byPart.values().stream().findFirst();
    }
}
