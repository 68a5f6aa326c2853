package io.github.dom0build.core.kconfig;

import io.github.dom0build.core.BuildException;
import io.github.dom0build.core.io.FileTrees;
import io.github.dom0build.core.io.Sha256;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A .config file: its assignments in file order plus the comments between them, so that writing it
 * back changes only what was changed. Immutable; {@link #with} returns a modified copy.
 *
 * <p>Names are accepted with or without the CONFIG_ prefix and returned without it. Values are kept as
 * written: {@code y}, {@code m}, {@code n} (for {@code # CONFIG_X is not set}), numbers, and strings
 * with their quotes.
 */
public final class KernelConfig {
    /** A line of the file: an assignment (name and value set) or anything else, kept verbatim. */
    private record Line(String name, String value, String verbatim) {
        String text() {
            return name == null ? verbatim : ConfigValues.line(name, value);
        }
    }

    private final List<Line> lines;
    private final Map<String, String> values; // effective values: the last assignment of each name wins

    private KernelConfig(List<Line> lines) {
        this.lines = List.copyOf(lines);
        Map<String, String> v = new LinkedHashMap<>();
        for (Line l : lines) {
            if (l.name() != null) {
                v.put(l.name(), l.value());
            }
        }
        this.values = Collections.unmodifiableMap(v);
    }

    public static KernelConfig empty() {
        return new KernelConfig(List.of());
    }

    public static KernelConfig read(Path file) throws IOException, BuildException {
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
        } catch (NoSuchFileException e) {
            throw new BuildException("The kernel configuration " + file + " does not exist.",
                    "Run a configuration target (defconfig, olddefconfig) first, or check the path.", e);
        }
    }

    /** Parses .config text; {@code source} names it in error messages. */
    public static KernelConfig parse(String text, String source) throws BuildException {
        List<Line> lines = new ArrayList<>();
        String[] physical = text.split("\r?\n", -1);
        int count = text.isEmpty() || text.endsWith("\n") ? physical.length - 1 : physical.length;
        for (int i = 0; i < count; i++) {
            String raw = physical[i];
            Optional<ConfigLine> parsed;
            try {
                parsed = ConfigLine.parse(raw);
            } catch (IllegalArgumentException e) {
                throw new BuildException("Line " + (i + 1) + " of " + source + " is not a kernel configuration line: `"
                        + raw.strip() + "` (" + e.getMessage() + ").",
                        "Repair or regenerate that file; kconfig writes only assignments and comments.");
            }
            lines.add(parsed.map(c -> new Line(c.name(), c.value(), null)).orElse(new Line(null, null, raw)));
        }
        return new KernelConfig(lines);
    }

    /** The value of {@code name}: {@code n} when it is missing or not set; strings keep their quotes. */
    public String value(String name) {
        return values.getOrDefault(ConfigValues.symbolName(name), "n");
    }

    /** The value as written, or empty when the file does not mention {@code name} at all. */
    public Optional<String> assignment(String name) {
        return Optional.ofNullable(values.get(ConfigValues.symbolName(name)));
    }

    /** The text of a string option, unquoted; empty when the option is missing or not a string. */
    public Optional<String> string(String name) {
        return assignment(name).filter(ConfigValues::isQuoted).map(ConfigValues::unquote);
    }

    /** Whether the file has a line for {@code name}, including {@code # CONFIG_X is not set}. */
    public boolean mentions(String name) {
        return values.containsKey(ConfigValues.symbolName(name));
    }

    /** Effective assignments in file order, names without the prefix; not-set options map to "n". */
    public Map<String, String> assignments() {
        return values;
    }

    /**
     * A copy with each of {@code newValues} assigned: an existing line is replaced where it stands (and
     * later duplicates of it dropped), a new one is appended, in the map's order.
     */
    public KernelConfig with(Map<String, String> newValues) {
        Map<String, String> pending = new LinkedHashMap<>();
        newValues.forEach((k, v) -> pending.put(ConfigValues.symbolName(k), v));
        Map<String, Boolean> written = new HashMap<>();
        List<Line> out = new ArrayList<>(lines.size() + pending.size());
        for (Line l : lines) {
            if (l.name() == null || !pending.containsKey(l.name())) {
                out.add(l);
            } else if (written.putIfAbsent(l.name(), true) == null) {
                out.add(new Line(l.name(), pending.get(l.name()), null));
            }
        }
        pending.forEach((name, value) -> {
            if (!written.containsKey(name)) {
                out.add(new Line(name, value, null));
            }
        });
        return new KernelConfig(out);
    }

    /**
     * SHA-256 over the sorted effective assignments. Comments, order and duplicates do not change it;
     * {@code # CONFIG_X is not set} does, because unlike a missing line it stops olddefconfig from
     * applying the default.
     */
    public String digest() {
        StringBuilder sb = new StringBuilder();
        new TreeMap<>(values).forEach((k, v) -> sb.append(k).append('=').append(v).append('\n'));
        return Sha256.of(sb.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** The file text: comments as read, assignments in kconfig's own format. */
    public String text() {
        StringBuilder sb = new StringBuilder();
        for (Line l : lines) {
            sb.append(l.text()).append('\n');
        }
        return sb.toString();
    }

    /** Writes the file atomically, so an interrupted build never leaves half a .config behind. */
    public void write(Path file) throws IOException {
        FileTrees.writeAtomically(file, text().getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "KernelConfig[" + values.size() + " options]";
    }
}
