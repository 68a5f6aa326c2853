package io.github.dom0build.core.deps;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The running distribution, from os-release: its ID and ID_LIKE decide the package family (and so
 * the install command and package names) and, for the bootloader, which grub command applies.
 */
public record Distribution(String id, List<String> idLike, String prettyName) {
    /** Package families with their install commands, as the reference recipe lists them. */
    public enum Family {
        DEBIAN("apt-get install -y"),
        FEDORA("dnf install -y"),
        SUSE("zypper install -y"),
        UNKNOWN(null);

        private final String installCommand;

        Family(String installCommand) {
            this.installCommand = installCommand;
        }

        public String installCommand() {
            return installCommand;
        }
    }

    public static Distribution detect() {
        for (String p : new String[] {"/etc/os-release", "/usr/lib/os-release"}) {
            try {
                Path path = Path.of(p);
                if (Files.isRegularFile(path)) {
                    return parse(Files.readString(path, StandardCharsets.UTF_8));
                }
            } catch (IOException e) {
                // try the next location
            }
        }
        return new Distribution("unknown", List.of(), "unknown distribution");
    }

    public static Distribution parse(String osRelease) {
        Map<String, String> kv = new LinkedHashMap<>();
        for (String line : osRelease.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0 && !line.startsWith("#")) {
                String v = line.substring(eq + 1).strip();
                if (v.length() >= 2 && (v.startsWith("\"") && v.endsWith("\"") || v.startsWith("'") && v.endsWith("'"))) {
                    v = v.substring(1, v.length() - 1);
                }
                kv.put(line.substring(0, eq).strip(), v);
            }
        }
        String id = kv.getOrDefault("ID", "unknown").toLowerCase(Locale.ROOT);
        List<String> like = Arrays.stream(kv.getOrDefault("ID_LIKE", "").toLowerCase(Locale.ROOT).split("\\s+"))
                .filter(s -> !s.isEmpty()).toList();
        return new Distribution(id, like, kv.getOrDefault("PRETTY_NAME", id));
    }

    public Family family() {
        if (is("debian") || is("ubuntu")) {
            return Family.DEBIAN;
        }
        if (is("opensuse") || is("suse") || is("sles") || id.startsWith("opensuse")) {
            return Family.SUSE;
        }
        if (is("fedora") || is("rhel") || is("centos") || is("rocky") || is("almalinux")) {
            return Family.FEDORA;
        }
        return Family.UNKNOWN;
    }

    /** True when this is {@code name} or derives from it. */
    public boolean is(String name) {
        return id.equals(name) || idLike.contains(name);
    }
}
