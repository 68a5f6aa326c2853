package io.github.dom0build.core.bootloader;

import io.github.dom0build.core.BuildException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * What grub's 20_linux_xen will find in a /boot, checked before grub runs: dom0 kernels
 * ({@code vmlinuz-<release>} whose {@code config-<release>} has the exact line
 * {@code CONFIG_XEN_DOM0=y}, which is all 20_linux_xen looks at) and Xen hypervisor images.
 */
public record BootFiles(List<String> dom0Kernels, List<String> otherKernels, List<String> hypervisors,
        List<String> hypervisorLinks) {

    public static BootFiles scan(Path boot) throws BuildException {
        List<String> dom0 = new ArrayList<>();
        List<String> other = new ArrayList<>();
        List<String> xen = new ArrayList<>();
        List<String> xenLinks = new ArrayList<>();
        if (!Files.isDirectory(boot)) {
            throw new BuildException(boot + " does not exist: nothing is installed there.",
                    "run the install goals (kernel:install, xen:install) into this root first");
        }
        try (Stream<Path> s = Files.list(boot)) {
            for (Path p : s.sorted().toList()) {
                String name = p.getFileName().toString();
                if (name.startsWith("vmlinuz-") || name.startsWith("vmlinux-")) {
                    String release = name.substring("vmlinuz-".length());
                    Path config = boot.resolve("config-" + release);
                    boolean isDom0 = Files.isRegularFile(config)
                            && Files.readAllLines(config, StandardCharsets.UTF_8).contains("CONFIG_XEN_DOM0=y");
                    (isDom0 ? dom0 : other).add(release);
                } else if (name.startsWith("xen") && isHypervisor(name) && !Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    (Files.isSymbolicLink(p) ? xenLinks : xen).add(name);
                }
            }
        } catch (IOException e) {
            throw new BuildException("Cannot read " + boot + ": " + e.getMessage(), "check its permissions", e);
        }
        return new BootFiles(dom0, other, xen, xenLinks);
    }

    // As 20_linux_xen's file_is_not_xen_garbage: not xen-syms, not an XSM policy, not a .config.
    private static boolean isHypervisor(String name) {
        return !name.startsWith("xen-syms") && !name.startsWith("xenpolicy") && !name.endsWith(".config")
                && !name.endsWith(".old") && !name.endsWith(".bak") && !name.endsWith("~");
    }

    /**
     * Fails unless the kernels asked for (all vmlinuz in /boot when {@code releases} is empty: then at
     * least one) are dom0 kernels and there is a hypervisor.
     */
    public void require(List<String> releases, Path boot) throws BuildException {
        List<String> problems = new ArrayList<>();
        if (releases == null || releases.isEmpty()) {
            if (dom0Kernels.isEmpty()) {
                problems.add(otherKernels.isEmpty() ? "no kernel (vmlinuz-*) in " + boot
                        : "no kernel in " + boot + " has a config-<release> with CONFIG_XEN_DOM0=y (kernels: "
                                + String.join(", ", otherKernels) + ")");
            }
        } else {
            for (String r : releases) {
                if (!dom0Kernels.contains(r)) {
                    problems.add(otherKernels.contains(r)
                            ? "config-" + r + " is missing or lacks the line CONFIG_XEN_DOM0=y, so 20_linux_xen gives"
                                    + " vmlinuz-" + r + " no Xen entry"
                            : "there is no vmlinuz-" + r + " in " + boot);
                }
            }
        }
        if (hypervisors.isEmpty()) {
            problems.add("no Xen hypervisor image (xen-<version>.gz) in " + boot);
        }
        if (!problems.isEmpty()) {
            throw new BuildException("grub would not offer a Xen dom0 entry:\n    " + String.join("\n    ", problems),
                    "install a kernel configured with the xen-dom0 fragment (kernel:defconfig) and Xen (xen:install)"
                            + " into this root; the kernel's config-<release> must sit next to it in /boot");
        }
    }
}
