package io.github.dom0build.core.bootloader;

import io.github.dom0build.core.BuildException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads a generated grub configuration and finds the Xen entries: a {@code menuentry} that loads a
 * hypervisor with {@code multiboot}/{@code multiboot2} and a kernel with {@code module}/{@code module2}.
 * Each comes with its title, its id ({@code $menuentry_id_option 'xen-gnulinux-simple-<uuid>'}), the
 * submenus it sits in and the arguments both loaders get.
 */
public final class GrubConfigCheck {
    /**
     * One Xen menu entry: its title and id, the submenus around it (outermost first), the hypervisor
     * and the dom0 kernel it boots with their arguments (as grub.cfg spells them).
     */
    public record XenEntry(String title, String id, List<Menu> submenus, String hypervisor, String hypervisorArguments,
            String kernel, String kernelArguments) {
        /** A submenu, or the entry itself: a title and an id (null when grub wrote none). */
        public record Menu(String title, String id) {
        }

        public XenEntry {
            submenus = List.copyOf(submenus);
        }

        /**
         * The entry as {@code GRUB_DEFAULT} names it by id: {@code submenu-id>entry-id} for an entry in a
         * submenu ({@code a>b>c} in two), the id alone at the top level; null when one of them has no id.
         */
        public String idPath() {
            List<String> ids = new ArrayList<>();
            submenus.forEach(m -> ids.add(m.id()));
            ids.add(id);
            return ids.contains(null) ? null : String.join(">", ids);
        }

        /** The same by titles, each {@code >} in a title doubled as grub expects. */
        public String titlePath() {
            List<String> titles = new ArrayList<>();
            submenus.forEach(m -> titles.add(m.title()));
            titles.add(title);
            return titles.stream().map(t -> t.replace(">", ">>")).collect(Collectors.joining(">"));
        }

        /** True when the entry boots {@code vmlinuz-<release>} (or {@code vmlinux-}). */
        public boolean boots(String release) {
            return kernel.endsWith("/vmlinuz-" + release) || kernel.endsWith("/vmlinux-" + release);
        }
    }

    private static final Pattern MULTIBOOT = Pattern.compile("^\\s*multiboot2?\\s+(\\S+)(.*)$");
    private static final Pattern MODULE = Pattern.compile("^\\s*module2?\\s+(\\S+)(.*)$");

    private GrubConfigCheck() {
    }

    /** One open block of the configuration: a submenu, a menu entry, or anything else in braces. */
    private static final class Block {
        final String kind;
        final XenEntry.Menu menu;
        String hypervisor;
        String hypervisorArguments;
        String kernel;
        String kernelArguments;

        Block(String kind, XenEntry.Menu menu) {
            this.kind = kind;
            this.menu = menu;
        }
    }

    public static List<XenEntry> xenEntries(String grubCfg) {
        List<XenEntry> entries = new ArrayList<>();
        Deque<Block> open = new ArrayDeque<>();
        for (String line : grubCfg.split("\n")) {
            String stripped = line.strip();
            List<String> words = stripped.startsWith("menuentry") || stripped.startsWith("submenu")
                    ? GrubWords.split(stripped) : List.of();
            if (!words.isEmpty() && (words.get(0).equals("menuentry") || words.get(0).equals("submenu"))
                    && words.size() > 1) {
                int option = Math.max(words.indexOf("$menuentry_id_option"), words.indexOf("--id"));
                String id = option > 0 && option + 1 < words.size() ? words.get(option + 1) : null;
                open.push(new Block(words.get(0), new XenEntry.Menu(words.get(1), id)));
                continue;
            }
            if (stripped.equals("}")) {
                if (!open.isEmpty()) {
                    add(open.pop(), open, entries);
                }
                continue;
            }
            if (stripped.endsWith("{")) {
                open.push(new Block("other", null));
                continue;
            }
            Block entry = open.peek();
            if (entry == null || !entry.kind.equals("menuentry")) {
                continue;
            }
            Matcher m = MULTIBOOT.matcher(line);
            if (m.find() && entry.hypervisor == null) {
                entry.hypervisor = m.group(1);
                entry.hypervisorArguments = m.group(2).strip();
                continue;
            }
            m = MODULE.matcher(line);
            if (m.find() && entry.hypervisor != null && entry.kernel == null && m.group(1).contains("vmlinu")) {
                entry.kernel = m.group(1);
                entry.kernelArguments = m.group(2).strip();
            }
        }
        while (!open.isEmpty()) { // a configuration cut short: what it has so far
            add(open.pop(), open, entries);
        }
        return entries;
    }

    private static void add(Block b, Deque<Block> outer, List<XenEntry> entries) {
        if (!b.kind.equals("menuentry") || b.kernel == null) {
            return;
        }
        List<XenEntry.Menu> submenus = new ArrayList<>();
        outer.descendingIterator().forEachRemaining(o -> {
            if (o.kind.equals("submenu")) {
                submenus.add(o.menu);
            }
        });
        entries.add(new XenEntry(b.menu.title(), b.menu.id(), submenus, b.hypervisor, b.hypervisorArguments, b.kernel,
                b.kernelArguments));
    }

    /**
     * The entry grub offers for {@code release}: the top-level one when it boots that kernel (20_linux_xen's
     * "with Xen hypervisor" entry boots the newest kernel with the newest Xen), else the first one in the
     * submenus (the plain entry, listed before the init-* and recovery variants); null when there is none.
     */
    public static XenEntry entryFor(List<XenEntry> entries, String release) {
        XenEntry first = null;
        for (XenEntry e : entries) {
            if (e.boots(release)) {
                if (e.submenus().isEmpty()) {
                    return e;
                }
                if (first == null) {
                    first = e;
                }
            }
        }
        return first;
    }

    /** Fails unless every release in {@code releases} has a Xen entry booting its vmlinuz. */
    public static List<XenEntry> require(String grubCfg, String where, List<String> releases) throws BuildException {
        List<XenEntry> entries = xenEntries(grubCfg);
        List<String> missing = new ArrayList<>();
        for (String r : releases) {
            if (entries.stream().noneMatch(e -> e.boots(r))) {
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
