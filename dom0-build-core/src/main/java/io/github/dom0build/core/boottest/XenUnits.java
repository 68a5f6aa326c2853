package io.github.dom0build.core.boottest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The units a dom0 root brings, read from its files: those installed (Xen's, from {@code make dist})
 * and those enabled (the {@code .wants} and {@code .requires} links systemd-enable made). The bundle
 * root holds nothing else, so what is enabled there is exactly what the plugins enabled.
 */
record XenUnits(List<String> installed, List<String> enabled) {
    private static final List<String> UNIT_DIRS = List.of("etc/systemd/system", "usr/local/lib/systemd/system",
            "usr/lib/systemd/system", "lib/systemd/system");
    private static final String UNIT_NAME = "[A-Za-z0-9:_.@\\\\-]+\\.(service|socket|mount|target|timer|path)";

    /** In a whole machine's root: of the given units, those enabled there. */
    static XenUnits of(Path root, List<String> units) throws IOException {
        List<String> enabled = of(root).enabled().stream().filter(units::contains).toList();
        return new XenUnits(List.copyOf(new TreeSet<>(units)), enabled);
    }

    static XenUnits of(Path root) throws IOException {
        TreeSet<String> installed = new TreeSet<>();
        TreeSet<String> enabled = new TreeSet<>();
        for (String d : UNIT_DIRS) {
            Path dir = root.resolve(d);
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> s = Files.list(dir)) {
                for (Path p : s.sorted().toList()) {
                    String name = p.getFileName().toString();
                    if (Files.isRegularFile(p) && name.matches(UNIT_NAME)) {
                        installed.add(name);
                    } else if (Files.isDirectory(p) && (name.endsWith(".wants") || name.endsWith(".requires"))) {
                        try (Stream<Path> links = Files.list(p)) {
                            links.filter(Files::isSymbolicLink).map(l -> l.getFileName().toString())
                                    .filter(n -> n.matches(UNIT_NAME)).forEach(enabled::add);
                        }
                    }
                }
            }
        }
        installed.addAll(enabled);
        return new XenUnits(List.copyOf(installed), List.copyOf(enabled));
    }
}
