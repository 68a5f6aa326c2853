package io.github.dom0build.core.kconfig;

import io.github.dom0build.core.BuildException;
import io.github.dom0build.core.process.Metacharacters;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The options the user asked for, from config fragments and inline settings, in the order given. A
 * later request for the same option overrides an earlier one; both are remembered for the audit.
 */
public final class ConfigRequest {
    /** The source name of the fragment dom0-build ships. */
    public static final String BUILT_IN_XEN_DOM0 = "built-in xen-dom0 fragment";
    /** The source name of options given one by one in the build configuration. */
    public static final String INLINE = "inline";

    private final Map<String, RequestedOption> options;

    private ConfigRequest(Map<String, RequestedOption> options) {
        this.options = Collections.unmodifiableMap(new LinkedHashMap<>(options));
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The requested options in the order they were first asked for. */
    public List<RequestedOption> options() {
        return List.copyOf(options.values());
    }

    /** The request for {@code name} (with or without CONFIG_). */
    public Optional<RequestedOption> option(String name) {
        return Optional.ofNullable(options.get(ConfigValues.symbolName(name)));
    }

    /** Name to value, in request order: what the merger writes. */
    public Map<String, String> values() {
        Map<String, String> v = new LinkedHashMap<>();
        options.forEach((k, o) -> v.put(k, o.value()));
        return v;
    }

    public int size() {
        return options.size();
    }

    public boolean isEmpty() {
        return options.isEmpty();
    }

    /**
     * Checks a base config file the way fragments are checked: every line a config line, and no string
     * the kernel's scripts would execute. Nothing is requested from it; olddefconfig reads it as it is.
     */
    public static void requireSafeBase(Path file) throws BuildException {
        new Builder().parseFragment(ConfigText.read(file, "configFile"), file.toString(), true);
    }

    /** Collects requests; every method checks its input and names the offending line. */
    public static final class Builder {
        private final Map<String, RequestedOption> options = new LinkedHashMap<>();

        private Builder() {
        }

        /** Adds every option of a fragment given as text; {@code source} names it in reports. */
        public Builder fragment(String text, String source) throws BuildException {
            return parseFragment(text, source, false);
        }

        /** Adds every option of a fragment file; reports name the file and line. */
        public Builder fragmentFile(Path file) throws IOException, BuildException {
            return parseFragment(ConfigText.read(file, "config fragment"), file.toString(), true);
        }

        private Builder parseFragment(String text, String source, boolean withLines) throws BuildException {
            String[] lines = text.split("\r?\n", -1);
            for (int i = 0; i < lines.length; i++) {
                Optional<ConfigLine> line;
                try {
                    line = ConfigLine.parse(lines[i]);
                    if (line.isPresent()) {
                        checkValue(line.get().value());
                    }
                } catch (IllegalArgumentException e) {
                    throw malformed("Line " + (i + 1) + " of " + source, lines[i], e);
                }
                if (line.isPresent()) {
                    String where = withLines ? source + ":" + (i + 1) : source;
                    add(line.get().name(), line.get().value(), source, where);
                }
            }
            return this;
        }

        /**
         * Adds one inline option: {@code CONFIG_FOO=y}, {@code FOO=m}, {@code FOO=n},
         * {@code FOO="text"}, {@code FOO=0x1000} or {@code # CONFIG_FOO is not set}.
         */
        public Builder inline(String assignment) throws BuildException {
            String t = assignment == null ? "" : assignment.strip();
            try {
                if (t.startsWith("#")) {
                    ConfigLine line = ConfigLine.parse(t).orElseThrow(
                            () -> new IllegalArgumentException("a comment requests nothing"));
                    return add(line.name(), line.value(), INLINE, INLINE);
                }
                int eq = t.indexOf('=');
                if (eq < 0) {
                    throw new IllegalArgumentException("expected NAME=value");
                }
                String name = ConfigValues.symbolName(t.substring(0, eq));
                if (!ConfigValues.isValidName(name)) {
                    throw new IllegalArgumentException("`" + name + "` is not an option name");
                }
                String value = t.substring(eq + 1).strip();
                checkValue(value);
                return add(name, value, INLINE, INLINE);
            } catch (IllegalArgumentException e) {
                throw malformed("The inline option", assignment, e);
            }
        }

        public Builder inline(Iterable<String> assignments) throws BuildException {
            for (String a : assignments) {
                inline(a);
            }
            return this;
        }

        /** Adds one option programmatically; the value must be y, m, n, a number or a quoted string. */
        public Builder set(String name, String value, String source) throws BuildException {
            String n = ConfigValues.symbolName(name);
            try {
                if (!ConfigValues.isValidName(n)) {
                    throw new IllegalArgumentException("`" + name + "` is not an option name");
                }
                checkValue(value);
            } catch (IllegalArgumentException e) {
                throw malformed("The option from " + source, name + "=" + value, e);
            }
            return add(n, value, source, source);
        }

        private Builder add(String name, String value, String source, String where) {
            RequestedOption earlier = options.get(name);
            List<RequestedOption.Setting> history = new ArrayList<>();
            if (earlier != null) {
                history.addAll(earlier.overridden());
                history.add(new RequestedOption.Setting(earlier.value(), earlier.source(), earlier.where()));
            }
            options.put(name, new RequestedOption(name, value, source, where, history));
            return this;
        }

        public ConfigRequest build() {
            return new ConfigRequest(options);
        }

        private static void checkValue(String value) {
            if (value.isEmpty()) {
                throw new IllegalArgumentException("the value is empty; write n to switch the option off or \"\" "
                        + "for an empty string");
            }
            if (!ConfigValues.isValidRequestValue(value)) {
                throw new IllegalArgumentException("`" + value + "` is not a value: use y, m, n, a number "
                        + "(decimal or 0x hex) or a \"quoted string\"");
            }
            Optional<String> unsafe = Metacharacters.substitutionIn(value);
            if (unsafe.isPresent()) {
                throw new UnsafeValue("the string contains " + Metacharacters.describe(unsafe.get()) + ", and the"
                        + " kernel's build evaluates option strings with the shell (scripts/setlocalversion, the"
                        + " recipes that quote CONFIG_ values), where that would run a command");
            }
        }

        /** A value kconfig would take, but the kernel's build would execute part of. */
        private static final class UnsafeValue extends IllegalArgumentException {
            private static final long serialVersionUID = 1L;

            UnsafeValue(String message) {
                super(message);
            }
        }

        private static BuildException malformed(String what, String line, IllegalArgumentException reason) {
            if (reason instanceof UnsafeValue) {
                return new BuildException(what + " is refused: `" + (line == null ? "" : line.strip()) + "`: "
                        + reason.getMessage() + ". Nothing was run.", "remove those characters from the string");
            }
            return new BuildException(what + " is malformed: `" + (line == null ? "" : line.strip()) + "`: "
                    + reason.getMessage() + ".", "Correct the line; kconfig would ignore it and the option would"
                    + " silently not be set.");
        }
    }
}
