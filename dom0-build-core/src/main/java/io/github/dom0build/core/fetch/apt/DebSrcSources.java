package io.github.dom0build.core.fetch.apt;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * deb-src entries derived from the system's deb entries (one-line .list files and deb822 .sources
 * files), for a private apt configuration: the machine's own apt setup is read, never changed. The
 * same entries as deb serve a private binary package index (a boot test's userland).
 */
public final class DebSrcSources {
    private DebSrcSources() {
    }

    /** A deb822 document with one deb-src stanza per deb stanza or line found under {@code etcApt}. */
    public static String derive(Path etcApt) throws IOException {
        return derive(etcApt, "deb-src");
    }

    /** The system's deb entries as one deb822 document, for apt's binary package index. */
    public static String deriveBinary(Path etcApt) throws IOException {
        return derive(etcApt, "deb");
    }

    private static String derive(Path etcApt, String type) throws IOException {
        List<String> stanzas = new ArrayList<>();
        Path list = etcApt.resolve("sources.list");
        if (Files.isRegularFile(list)) {
            stanzas.addAll(fromOneLine(Files.readString(list, StandardCharsets.UTF_8), type));
        }
        Path parts = etcApt.resolve("sources.list.d");
        if (Files.isDirectory(parts)) {
            try (Stream<Path> s = Files.list(parts)) {
                for (Path p : s.sorted().toList()) {
                    String name = p.getFileName().toString();
                    if (name.endsWith(".list")) {
                        stanzas.addAll(fromOneLine(Files.readString(p, StandardCharsets.UTF_8), type));
                    } else if (name.endsWith(".sources")) {
                        stanzas.addAll(fromDeb822(Files.readString(p, StandardCharsets.UTF_8), type));
                    }
                }
            }
        }
        return String.join("\n", stanzas);
    }

    static List<String> fromOneLine(String text) {
        return fromOneLine(text, "deb-src");
    }

    static List<String> fromOneLine(String text, String type) {
        List<String> out = new ArrayList<>();
        for (String raw : text.split("\n")) {
            String line = raw.strip();
            if (!line.matches("deb\\s.*")) {
                continue;
            }
            String rest = line.substring(4).strip();
            String options = "";
            if (rest.startsWith("[")) {
                int end = rest.indexOf(']');
                if (end < 0) {
                    continue; // malformed: apt itself would reject it
                }
                options = rest.substring(1, end).strip();
                rest = rest.substring(end + 1).strip();
            }
            String[] f = rest.split("\\s+");
            if (f.length < 2) {
                continue;
            }
            StringBuilder sb = new StringBuilder("Types: " + type + "\nURIs: ").append(f[0]).append("\nSuites: ").append(f[1]);
            if (f.length > 2) {
                sb.append("\nComponents: ").append(String.join(" ", java.util.Arrays.copyOfRange(f, 2, f.length)));
            }
            for (String opt : options.split("\\s+")) {
                if (opt.startsWith("signed-by=")) {
                    sb.append("\nSigned-By: ").append(opt.substring("signed-by=".length()));
                }
            }
            out.add(sb.append("\n").toString());
        }
        return out;
    }

    static List<String> fromDeb822(String text) {
        return fromDeb822(text, "deb-src");
    }

    static List<String> fromDeb822(String text, String type) {
        List<String> out = new ArrayList<>();
        for (String stanza : text.split("\n\\s*\n")) {
            List<String> lines = new ArrayList<>();
            boolean deb = false;
            boolean enabled = true;
            for (String line : stanza.split("\n")) {
                if (line.startsWith("#")) {
                    continue;
                }
                if (line.startsWith("Types:")) {
                    deb = List.of(line.substring(6).strip().split("\\s+")).contains("deb");
                    lines.add("Types: " + type);
                } else {
                    if (line.strip().equalsIgnoreCase("Enabled: no")) {
                        enabled = false;
                    }
                    lines.add(line);
                }
            }
            if (deb && enabled) {
                out.add(String.join("\n", lines).strip() + "\n");
            }
        }
        return out;
    }
}
