package io.github.dom0build.core.kconfig;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Kconfig's preprocessor, as far as it can run without a shell: {@code $(NAME)} from variables assigned
 * in Kconfig files ({@code :=}, {@code =}, {@code +=}) or from the caller's variables (SRCARCH,
 * srctree, ...). Functions such as {@code $(shell,...)} and {@code $(cc-option,...)} need the build
 * machine, so any text that uses them does not expand.
 */
final class MacroExpander {
    private static final int MAX_DEPTH = 32;

    /** A Kconfig-file variable: simple ones hold their expansion (empty if it failed), recursive ones raw text. */
    private record Variable(boolean recursive, String raw, Optional<String> value) {
    }

    private final Map<String, String> environment;
    private final Map<String, Variable> variables = new HashMap<>();

    MacroExpander(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    /** Records {@code name op value} where op is {@code :=}, {@code =} or {@code +=}. */
    void assign(String name, String op, String raw) {
        Variable old = variables.get(name);
        if (op.equals("+=") && old != null) {
            if (old.recursive()) {
                variables.put(name, new Variable(true, old.raw() + " " + raw, Optional.empty()));
            } else {
                Optional<String> more = expand(raw);
                Optional<String> v = old.value().isPresent() && more.isPresent()
                        ? Optional.of(old.value().get() + " " + more.get()) : Optional.empty();
                variables.put(name, new Variable(false, null, v));
            }
        } else if (op.equals(":=")) {
            variables.put(name, new Variable(false, null, expand(raw)));
        } else {
            variables.put(name, new Variable(true, raw, Optional.empty()));
        }
    }

    /**
     * Pre-4.18 Kconfig (and Xen before it adopted the preprocessor) wrote {@code source
     * "arch/$SRCARCH/Kconfig"}, expanding {@code $NAME} from the environment; so do we, for those trees.
     */
    String expandLegacyReferences(String text) {
        java.util.regex.Matcher m = LEGACY.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = environment.get(m.group(1));
            m.appendReplacement(out, java.util.regex.Matcher.quoteReplacement(value != null ? value : m.group()));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static final java.util.regex.Pattern LEGACY = java.util.regex.Pattern.compile("\\$([A-Za-z_][A-Za-z0-9_]*)");

    /** {@code text} with every macro expanded, or empty when one of them cannot be. */
    Optional<String> expand(String text) {
        return expand(text, 0);
    }

    private Optional<String> expand(String text, int depth) {
        if (depth > MAX_DEPTH || text.indexOf('$') < 0) {
            return depth > MAX_DEPTH ? Optional.empty() : Optional.of(text);
        }
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '$' && i + 1 < text.length() && text.charAt(i + 1) == '$') {
                out.append('$');
                i += 2;
            } else if (c == '$' && i + 1 < text.length() && text.charAt(i + 1) == '(') {
                int end = KconfigTokenizer.macroEnd(text, i);
                if (end > text.length() || text.charAt(end - 1) != ')') {
                    return Optional.empty(); // unbalanced
                }
                Optional<String> v = call(text.substring(i + 2, end - 1), depth);
                if (v.isEmpty()) {
                    return Optional.empty();
                }
                out.append(v.get());
                i = end;
            } else {
                out.append(c);
                i++;
            }
        }
        return Optional.of(out.toString());
    }

    // $(name) is a variable reference; $(name,args...) a function call, which only the build can run.
    private Optional<String> call(String inside, int depth) {
        List<String> parts = splitArguments(inside);
        if (parts.size() != 1) {
            return Optional.empty();
        }
        Optional<String> name = expand(parts.get(0), depth + 1);
        if (name.isEmpty()) {
            return Optional.empty();
        }
        Variable v = variables.get(name.get());
        if (v != null) {
            return v.recursive() ? expand(v.raw(), depth + 1) : v.value();
        }
        return Optional.ofNullable(environment.get(name.get()));
    }

    private static List<String> splitArguments(String s) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == ',' && depth == 0) {
                parts.add(s.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(s.substring(start));
        return parts;
    }
}
