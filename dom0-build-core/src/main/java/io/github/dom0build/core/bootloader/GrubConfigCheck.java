package io.github.dom0build.core.bootloader;

import io.github.dom0build.core.BuildException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a generated grub configuration and finds the Xen entries: a {@code menuentry} that loads a
 * hypervisor with {@code multiboot}/{@code multiboot2} and a kernel with {@code module}/{@code module2}.
 */
public final class GrubConfigCheck {
    /** One Xen menu entry: its title, the hypervisor and the dom0 kernel it boots. */
    public record XenEntry(String title, String hypervisor, String kernel) {
    }

    private static final Pattern MENUENTRY = Pattern.compile("^\\s*menuentry\\s+'([^']*)'");
    private static final Pattern MULTIBOOT = Pattern.compile("^\\s*multiboot2?\\s+(\\S+)");
    private static final Pattern MODULE = Pattern.compile("^\\s*module2?\\s+(\\S+)");

    private GrubConfigCheck() {
    }

    public static List<XenEntry> xenEntries(String grubCfg) {
        List<XenEntry> entries = new ArrayList<>();
        String title = null;
        String hypervisor = null;
        for (String line : grubCfg.split("\n")) {
            Matcher m = MENUENTRY.matcher(line);
            if (m.find()) {
                title = m.group(1);
                hypervisor = null;
                continue;
            }
            m = MULTIBOOT.matcher(line);
            if (m.find() && title != null) {
                hypervisor = m.group(1);
                continue;
            }
            m = MODULE.matcher(line);
            if (m.find() && title != null && hypervisor != null && m.group(1).contains("vmlinu")) {
                entries.add(new XenEntry(title, hypervisor, m.group(1)));
                title = null;
                hypervisor = null;
            }
        }
        return entries;
    }

    /** Fails unless every release in {@code releases} has a Xen entry booting its vmlinuz. */
    public static List<XenEntry> require(String grubCfg, String where, List<String> releases) throws BuildException {
        List<XenEntry> entries = xenEntries(grubCfg);
        List<String> missing = new ArrayList<>();
        for (String r : releases) {
            if (entries.stream().noneMatch(e -> e.kernel().endsWith("/vmlinuz-" + r) || e.kernel().endsWith("/vmlinux-" + r))) {
                missing.add(r);
            }
        }
        if (entries.isEmpty() || !missing.isEmpty()) {
            throw new BuildException("The generated " + where + " has no Xen entry that boots "
                    + (missing.isEmpty() ? "a dom0 kernel" : "Linux " + String.join(", ", missing)) + " ("
                    + entries.size() + " Xen entries found).", "read " + where + " and grub's output above;"
                            + " 20_linux_xen needs /boot/xen-*.gz and the kernel's config-<release> with"
                            + " CONFIG_XEN_DOM0=y next to it");
        }
        return entries;
    }
}
