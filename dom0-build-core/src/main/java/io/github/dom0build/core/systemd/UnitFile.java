package io.github.dom0build.core.systemd;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The parts of a unit file that enabling depends on: its [Install] section's targets and aliases, and
 * the program its service starts ({@code ExecStart=}'s first word without systemd's prefixes; null for
 * units that start none).
 */
public record UnitFile(String name, Path path, List<String> wantedBy, List<String> requiredBy, List<String> alsos,
        boolean hasInstallSection, String execStartProgram) {

    /** Unit directories searched in a root, most specific first, as systemd does. */
    public static final List<String> UNIT_DIRS = List.of("etc/systemd/system", "usr/local/lib/systemd/system",
            "usr/lib/systemd/system", "lib/systemd/system");

    public static java.util.Optional<UnitFile> find(Path root, String name) throws IOException {
        for (String dir : UNIT_DIRS) {
            // read as the target reads it: links in the root resolve inside it, never on this machine
            Path p = io.github.dom0build.core.guard.InsidePaths.resolve(root, dir + "/" + name, true);
            if (Files.isRegularFile(p)) {
                return java.util.Optional.of(parse(name, p));
            }
        }
        return java.util.Optional.empty();
    }

    static UnitFile parse(String name, Path path) throws IOException {
        List<String> wanted = new ArrayList<>();
        List<String> required = new ArrayList<>();
        List<String> also = new ArrayList<>();
        boolean install = false;
        String program = null;
        String section = "";
        for (String raw : Files.readAllLines(path, StandardCharsets.UTF_8)) {
            String line = raw.strip();
            if (line.startsWith("[") && line.endsWith("]")) {
                section = line;
                install |= section.equals("[Install]");
                continue;
            }
            if (line.startsWith("#") || !line.contains("=")) {
                continue;
            }
            String key = line.substring(0, line.indexOf('=')).strip();
            String value = line.substring(line.indexOf('=') + 1).strip();
            if (section.equals("[Service]") && key.equals("ExecStart") && !value.isEmpty()) {
                program = value.split("\\s+")[0].replaceFirst("^[-@:+!]+", "");
            }
            if (!section.equals("[Install]")) {
                continue;
            }
            // An empty value ("WantedBy=") names no unit; split would make it one called "".
            List<String> values = value.isEmpty() ? List.of() : List.of(value.split("\\s+"));
            switch (key) {
                case "WantedBy" -> wanted.addAll(values);
                case "RequiredBy" -> required.addAll(values);
                case "Also" -> also.addAll(values);
                default -> {
                }
            }
        }
        return new UnitFile(name, path, wanted, required, also, install && !(wanted.isEmpty() && required.isEmpty()
                && also.isEmpty()), program);
    }
}
