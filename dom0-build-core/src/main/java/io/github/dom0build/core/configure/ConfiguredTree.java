package io.github.dom0build.core.configure;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What Xen's configure actually recorded, read back from the files the build uses:
 * {@code config/Tools.mk}, {@code config/Paths.mk}, {@code config/Toplevel.mk} and the generated
 * {@code launch-xenstore}. Checking these, rather than trusting the arguments, catches a configure
 * that silently chose otherwise.
 */
public final class ConfiguredTree {
    private static final Pattern MK = Pattern.compile("^([A-Z0-9_]+)\\s*:?=\\s*(.*?)\\s*$");
    private static final Pattern XENSTORED = Pattern.compile("^XENSTORED=(\\S+)\\s*$");

    private final Map<String, String> variables;
    private final String xenstoredPath;

    private ConfiguredTree(Map<String, String> variables, String xenstoredPath) {
        this.variables = variables;
        this.xenstoredPath = xenstoredPath;
    }

    public static boolean isConfigured(Path tree) {
        return Files.isRegularFile(tree.resolve("config/Tools.mk"));
    }

    public static ConfiguredTree read(Path tree) throws IOException {
        Map<String, String> vars = new LinkedHashMap<>();
        for (String f : new String[] {"config/Toplevel.mk", "config/Paths.mk", "config/Tools.mk"}) {
            Path p = tree.resolve(f);
            if (Files.isRegularFile(p)) {
                for (String line : Files.readAllLines(p, StandardCharsets.UTF_8)) {
                    Matcher m = MK.matcher(line);
                    if (m.matches()) {
                        vars.put(m.group(1), m.group(2));
                    }
                }
            }
        }
        String xs = null;
        Path launch = tree.resolve("tools/hotplug/Linux/launch-xenstore");
        if (Files.isRegularFile(launch)) {
            for (String line : Files.readAllLines(launch, StandardCharsets.UTF_8)) {
                Matcher m = XENSTORED.matcher(line.strip());
                if (m.matches()) {
                    xs = m.group(1);
                    break;
                }
            }
        }
        return new ConfiguredTree(vars, xs);
    }

    public Optional<String> variable(String name) {
        return Optional.ofNullable(variables.get(name));
    }

    public boolean systemd() {
        return "y".equals(variables.get("CONFIG_SYSTEMD"));
    }

    public boolean ocamlTools() {
        return "y".equals(variables.get("OCAML_TOOLS"));
    }

    /** {@code default} or {@code sysconfig}: where xencommons is installed under /etc. */
    public Optional<String> configLeafDir() {
        return variable("CONFIG_LEAF_DIR");
    }

    public Optional<String> subsystems() {
        return variable("SUBSYSTEMS");
    }

    /** The daemon launch-xenstore starts, e.g. {@code /usr/sbin/oxenstored}. */
    public Optional<String> xenstoredPath() {
        return Optional.ofNullable(xenstoredPath);
    }
}
