package io.github.dom0build.core.kconfig;

import io.github.dom0build.core.BuildException;
import io.github.dom0build.core.log.BuildLog;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a Kconfig tree says about its symbols: where each is defined, its type and prompt, the
 * conditions it depends on (its own and those of enclosing if/menu/choice blocks), and which symbols
 * select or imply it. Built to explain a .config, not to produce one: defaults are not evaluated.
 */
public final class KconfigIndex {
    private final Map<String, KconfigSymbol> symbols;
    private final Map<String, List<Selection>> selectors;
    private final Map<String, String> variables;
    private final int fileCount;
    private final Duration loadTime;

    private KconfigIndex(Map<String, KconfigSymbol> symbols, Map<String, List<Selection>> selectors,
            Map<String, String> variables, int fileCount, Duration loadTime) {
        this.symbols = symbols;
        this.selectors = selectors;
        this.variables = variables;
        this.fileCount = fileCount;
        this.loadTime = loadTime;
    }

    /**
     * Reads {@code kconfigRoot} (linux/Kconfig, xen/Kconfig) and every file it sources. Paths in
     * {@code source} statements are relative to {@code variables.get("srctree")}, or to the root's
     * directory when that is not given; {@code $(NAME)} in them comes from {@code variables} (SRCARCH,
     * ARCH, ...) or from variables the Kconfig files assign. A source that cannot be expanded is skipped
     * with a debug message; one that names a missing file with a warning.
     */
    public static KconfigIndex load(Path kconfigRoot, Map<String, String> variables, BuildLog log)
            throws IOException, BuildException {
        if (!Files.isRegularFile(kconfigRoot)) {
            throw new BuildException("The Kconfig file " + kconfigRoot + " does not exist.",
                    "Point the build at the source tree's top-level Kconfig (Kconfig for Linux, xen/Kconfig for Xen).");
        }
        Path root = kconfigRoot.toAbsolutePath().normalize();
        Path srctree = variables.containsKey("srctree") ? Path.of(variables.get("srctree")) : root.getParent();
        Map<String, String> vars = new HashMap<>(variables);
        vars.putIfAbsent("srctree", srctree.toString());
        long start = System.nanoTime();
        KconfigParser.Result r = new KconfigParser(srctree, vars, log).parse(root);
        Map<String, KconfigSymbol> symbols = new LinkedHashMap<>();
        r.definitions().forEach((name, defs) -> symbols.put(name, new KconfigSymbol(name, defs)));
        Map<String, List<Selection>> selectors = new HashMap<>();
        r.selectors().forEach((target, list) -> selectors.put(target, List.copyOf(list)));
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        log.debug("Kconfig: read " + r.files() + " files, " + symbols.size() + " symbols from " + root + " in "
                + took.toMillis() + " ms");
        return new KconfigIndex(Collections.unmodifiableMap(symbols), selectors, Map.copyOf(vars), r.files(), took);
    }

    /** The symbol {@code name} (with or without CONFIG_), if this tree defines it. */
    public Optional<KconfigSymbol> symbol(String name) {
        return Optional.ofNullable(symbols.get(ConfigValues.symbolName(name)));
    }

    public boolean defines(String name) {
        return symbols.containsKey(ConfigValues.symbolName(name));
    }

    /** Every defined symbol name, in the order the tree defines them. */
    public Set<String> symbolNames() {
        return symbols.keySet();
    }

    /** The {@code select} and {@code imply} statements that name {@code target}, in parse order. */
    public List<Selection> selectorsOf(String target) {
        return selectors.getOrDefault(ConfigValues.symbolName(target), List.of());
    }

    /** The variables the tree was read with, srctree included. */
    public Map<String, String> variables() {
        return variables;
    }

    public int fileCount() {
        return fileCount;
    }

    public int symbolCount() {
        return symbols.size();
    }

    /** How long reading the tree took. */
    public Duration loadTime() {
        return loadTime;
    }
}
