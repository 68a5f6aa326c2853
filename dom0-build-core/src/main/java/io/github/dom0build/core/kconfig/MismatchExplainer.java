package io.github.dom0build.core.kconfig;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Turns a mismatch into lines an engineer can act on: which condition of which definition is off, and
 * the values of the symbols in it; or that the symbol has no prompt, sits in a choice, is forced by a
 * select, is of another type, or does not exist.
 */
final class MismatchExplainer {
    private static final int MAX_SELECTORS = 8;
    private static final String NESTED = "    ";

    private final KconfigIndex index; // null: only what the .config itself tells
    private final KernelConfig config;
    private final ConfigRequest request;

    MismatchExplainer(KconfigIndex index, KernelConfig config, ConfigRequest request) {
        this.index = index;
        this.config = config;
        this.request = request;
    }

    List<String> explain(RequestedOption option, String actual) {
        String want = option.value();
        Optional<String> modules = modulesOff(want);
        if (index == null) {
            return modules.map(List::of).orElse(List.of());
        }
        Optional<KconfigSymbol> found = index.symbol(option.name());
        if (found.isEmpty()) {
            return List.of(unknown(option.name()));
        }
        KconfigSymbol symbol = found.get();
        List<String> out = new ArrayList<>(headers(symbol.definitions()));
        Optional<String> typeProblem = typeProblem(symbol, want);
        if (typeProblem.isPresent()) {
            out.add(typeProblem.get());
            return out;
        }
        if (modules.isPresent()) {
            out.add(modules.get());
            if ("y".equals(actual)) {
                return out; // exactly what kconfig does to m without modules; nothing else to find
            }
        }
        if (Tristate.isTristate(want) && Tristate.isTristate(actual)) {
            Tristate w = Tristate.of(want);
            Tristate a = Tristate.of(actual);
            if (w.compareTo(a) > 0) {
                tooLow(symbol, w, out);
            } else {
                tooHigh(symbol, w, a, out);
            }
        } else if ("n".equals(actual)) {
            tooLow(symbol, Tristate.Y, out); // a number or string that is absent: its dependencies are off
        } else {
            otherValue(symbol, want, actual, out);
        }
        return out;
    }

    // Without CONFIG_MODULES=y kconfig treats tristates as bools: a requested m becomes y, or n.
    private Optional<String> modulesOff(String want) {
        boolean modulesExist = index == null ? config.mentions("MODULES") : index.defines("MODULES");
        if (!"m".equals(want) || !modulesExist || Tristate.of(config.value("MODULES")) == Tristate.Y) {
            return Optional.empty();
        }
        return Optional.of("CONFIG_MODULES is " + config.value("MODULES") + ", so nothing can be m: kconfig makes "
                + "a requested m y (or n when its dependencies are off); enable MODULES or request y");
    }

    private String unknown(String name) {
        String arch = index.variables().containsKey("SRCARCH") ? " (SRCARCH=" + index.variables().get("SRCARCH") + ")"
                : "";
        List<String> similar = SymbolSuggestions.similar(name, index.symbolNames(), 3);
        if (similar.isEmpty()) {
            return "not a Kconfig symbol in this tree" + arch + ", and no similar name is; it may be misspelt, "
                    + "renamed or removed in this version";
        }
        String names = similar.size() == 1 ? similar.get(0)
                : String.join(", ", similar.subList(0, similar.size() - 1)) + " or " + similar.get(similar.size() - 1);
        return "not a Kconfig symbol in this tree" + arch + "; did you mean " + names + "?";
    }

    private Optional<String> typeProblem(KconfigSymbol symbol, String want) {
        SymbolType type = symbol.type();
        String a = type == SymbolType.INT ? "an int" : "a " + type.keyword();
        if (type == SymbolType.UNKNOWN) {
            return Optional.empty();
        }
        if (type.isTristateLike() && !Tristate.isTristate(want)) {
            return Optional.of("is " + a + " option: request " + (type == SymbolType.BOOL ? "y or n" : "y, m or n"));
        }
        if ("m".equals(want) && type == SymbolType.BOOL) {
            return Optional.of("is a bool: it can be y or n, never m");
        }
        if (!type.isTristateLike() && ("y".equals(want) || "m".equals(want))) {
            return Optional.of("is " + a + " option, not a bool or tristate: request "
                    + (type == SymbolType.STRING ? "a \"quoted string\"" : "a number"));
        }
        if (!type.isTristateLike() && "n".equals(want)) {
            return Optional.of("is " + a + " option: n does not switch it off; it disappears from the .config only "
                    + "when its dependencies are off");
        }
        if (type == SymbolType.INT && want.toLowerCase(Locale.ROOT).startsWith("0x")) {
            return Optional.of("is an int option: kconfig wants a decimal number, not " + want);
        }
        if (type == SymbolType.HEX && !want.toLowerCase(Locale.ROOT).startsWith("0x") && !ConfigValues.isQuoted(want)) {
            return Optional.of("is a hex option: kconfig reads " + want + " as 0x" + want + "; write the 0x prefix");
        }
        return Optional.empty();
    }

    /** The symbol is lower than requested: dependencies, choice, prompt or missing selects. */
    private void tooLow(KconfigSymbol symbol, Tristate want, List<String> out) {
        Map<SymbolDefinition, List<Condition>> unmet = new LinkedHashMap<>();
        for (SymbolDefinition d : symbol.definitions()) {
            unmet.put(d, d.valueConditions().stream().filter(c -> c.expression().evaluate(config).compareTo(want) < 0)
                    .toList());
        }
        List<SymbolDefinition> holding = unmet.entrySet().stream().filter(e -> e.getValue().isEmpty())
                .map(Map.Entry::getKey).toList();
        if (holding.isEmpty()) {
            if (unmet.size() == 1) {
                unmet.values().iterator().next().forEach(c -> out.add(condition(c)));
            } else {
                out.add("none of its definitions has its conditions met:");
                unmet.forEach((d, conditions) -> {
                    out.add(NESTED + "at " + d.location() + ":");
                    conditions.forEach(c -> out.add(NESTED + NESTED + condition(c)));
                });
            }
            if (!symbol.hasPrompt()) {
                out.addAll(selectedBy(symbol, want));
            }
            return;
        }
        Optional<KconfigChoice> choice = holding.get(0).choice();
        if (choice.isPresent() && want == Tristate.Y) {
            List<String> chosen = choice.get().members().stream()
                    .filter(m -> !m.equals(symbol.name()) && Tristate.of(config.value(m)) == Tristate.Y).toList();
            if (!chosen.isEmpty()) {
                out.add("only one member of " + choice.get().describe() + " can be y, and " + chosen.stream()
                        .map(m -> m + "=y" + alsoRequested(m)).collect(Collectors.joining(", ")) + " took the place");
                return;
            }
        }
        List<SymbolDefinition> prompted = holding.stream().filter(d -> d.prompt().isPresent()).toList();
        if (prompted.isEmpty()) {
            out.addAll(selectedBy(symbol, want));
            return;
        }
        List<String> hidden = new ArrayList<>();
        for (SymbolDefinition d : prompted) {
            List<String> reasons = hiddenBecause(d, want);
            if (reasons.isEmpty()) {
                out.add("its dependencies hold and its prompt is visible in the final .config, so kconfig should "
                        + "have kept the request; something changed the .config after the merge");
                return;
            }
            hidden.addAll(reasons);
        }
        out.add("its prompt is hidden, so the user value is ignored and only its default or a select can set it:");
        hidden.forEach(h -> out.add(NESTED + h));
        out.addAll(selectedBy(symbol, want));
    }

    /** The symbol is higher than requested: forced by a select, or not switchable by the user. */
    private void tooHigh(KconfigSymbol symbol, Tristate want, Tristate actual, List<String> out) {
        List<Selection> forcing = index.selectorsOf(symbol.name()).stream()
                .filter(s -> s.kind() == Selection.Kind.SELECT && s.strength(config).compareTo(want) > 0).toList();
        if (!forcing.isEmpty()) {
            out.add("select forces it to at least " + forcing.stream().map(s -> s.strength(config))
                    .max(Enum::compareTo).orElseThrow() + " (a select overrides the user's choice):");
            forcing.stream().limit(MAX_SELECTORS).forEach(s -> out.add(NESTED + selection(s) + "   at " + s.location()));
            if (forcing.size() > MAX_SELECTORS) {
                out.add(NESTED + "... and " + (forcing.size() - MAX_SELECTORS) + " more");
            }
            return;
        }
        Optional<KconfigChoice> choice = symbol.choice();
        if (want == Tristate.N && actual == Tristate.Y && choice.isPresent() && !choice.get().isOptional()) {
            out.add("it is the member kconfig picked for " + choice.get().describe() + ", which must have one "
                    + "member set; request another member =y instead (" + String.join(", ", choice.get().members())
                    + ")");
            return;
        }
        if (!symbol.hasPrompt()) {
            out.add("has no prompt, so it cannot be switched by request; its default sets it to " + actual);
            return;
        }
        Optional<List<String>> hidden = allPromptsHidden(symbol);
        if (hidden.isPresent()) {
            out.add("its prompt is hidden, so its default applies:");
            hidden.get().forEach(h -> out.add(NESTED + h));
            return;
        }
        out.add("no select forces it to " + actual + " and its prompt is visible, so kconfig should have kept the "
                + "request; something changed the .config after the merge");
    }

    /** A string or number that kconfig kept or replaced: range, prompt visibility, defaults. */
    private void otherValue(KconfigSymbol symbol, String want, String actual, List<String> out) {
        for (SymbolDefinition d : symbol.definitions()) {
            for (Range r : d.ranges()) {
                if (r.excludes(want, config)) {
                    out.add(want + " is outside its " + r.describe(config) + " (" + r.location() + "), so kconfig "
                            + "used the default instead");
                    return;
                }
            }
        }
        if (!symbol.hasPrompt()) {
            out.add("has no prompt, so its default decides the value, not the request");
            return;
        }
        Optional<List<String>> hidden = allPromptsHidden(symbol);
        if (hidden.isPresent()) {
            out.add("its prompt is hidden, so its default applies:");
            hidden.get().forEach(h -> out.add(NESTED + h));
            return;
        }
        out.add("its dependencies hold and its prompt is visible, so kconfig should have kept the request; "
                + "something changed the .config after the merge");
    }

    // The reasons when no prompt of the symbol is shown at all, so the user's value cannot count.
    private Optional<List<String>> allPromptsHidden(KconfigSymbol symbol) {
        List<String> reasons = new ArrayList<>();
        for (SymbolDefinition d : symbol.definitions()) {
            if (d.prompt().isPresent()) {
                List<String> r = hiddenBecause(d, Tristate.M);
                if (r.isEmpty()) {
                    return Optional.empty();
                }
                reasons.addAll(r);
            }
        }
        return reasons.isEmpty() ? Optional.empty() : Optional.of(reasons);
    }

    // Why a definition's prompt does not offer `want`: its own "if" and the menus' "visible if" (M: hidden).
    private List<String> hiddenBecause(SymbolDefinition d, Tristate want) {
        List<String> reasons = new ArrayList<>();
        Prompt p = d.prompt().orElseThrow();
        p.condition().filter(c -> c.evaluate(config).compareTo(want) < 0).ifPresent(c -> reasons.add(
                "prompt \"" + p.text() + "\" if " + c.text() + " = " + c.evaluate(config) + details(c) + "   at "
                        + d.location()));
        d.inherited().stream().filter(c -> !c.limitsValue())
                .filter(c -> c.expression().evaluate(config).compareTo(want) < 0)
                .forEach(c -> reasons.add(condition(c)));
        return reasons;
    }

    private List<String> selectedBy(KconfigSymbol symbol, Tristate want) {
        List<Selection> selects = index.selectorsOf(symbol.name()).stream()
                .filter(s -> s.kind() == Selection.Kind.SELECT).toList();
        String lead = symbol.hasPrompt() ? "only its default or a `select` can set it then"
                : "has no prompt, so only its default or a `select` can set it";
        if (selects.isEmpty()) {
            return List.of(lead + ", and nothing selects it");
        }
        if (selects.size() == 1) {
            return List.of(lead + "; selected by: " + selection(selects.get(0)));
        }
        List<String> out = new ArrayList<>();
        out.add(lead + "; selected by:");
        selects.stream().limit(MAX_SELECTORS).forEach(s -> out.add(NESTED + selection(s)));
        if (selects.size() > MAX_SELECTORS) {
            long more = selects.size() - MAX_SELECTORS;
            boolean allLow = selects.stream().skip(MAX_SELECTORS).allMatch(s -> s.strength(config).compareTo(want) < 0);
            out.add(NESTED + "... and " + more + " more" + (allLow ? ", all below " + want : ""));
        }
        return out;
    }

    private String selection(Selection s) {
        String detail = s.condition().map(c -> {
            StringBuilder sb = new StringBuilder("   [").append(s.selector()).append('=').append(config.value(s.selector()));
            c.symbols().forEach(x -> sb.append(' ').append(x).append('=').append(config.value(x)));
            return sb.append(']').toString();
        }).orElse("");
        return s.describe() + " = " + s.strength(config) + detail;
    }

    private String condition(Condition c) {
        String line = c.statement() + " = " + c.expression().evaluate(config) + details(c.expression());
        if (c.expression().hasMacros()) {
            line += "   (its $(...) test runs only in the real build; counted as n here)";
        }
        return c.isInherited() ? line + "   (inherited from " + c.provenance() + ")" : line;
    }

    private String details(KconfigExpr e) {
        if (e.isSymbol() || e.symbols().isEmpty()) {
            return "";
        }
        return e.symbols().stream().map(s -> s + "=" + config.value(s)).collect(Collectors.joining(" ", "   [", "]"));
    }

    private List<String> headers(List<SymbolDefinition> defs) {
        return defs.stream().map(this::header).distinct().toList();
    }

    private String header(SymbolDefinition d) {
        return "defined at " + d.location() + (d.menuPath().isEmpty() ? "" : ", in " + String.join(" > ", d.menuPath()));
    }

    private String alsoRequested(String name) {
        return request.option(name).map(o -> " (requested by " + o.origin() + ")").orElse("");
    }
}
