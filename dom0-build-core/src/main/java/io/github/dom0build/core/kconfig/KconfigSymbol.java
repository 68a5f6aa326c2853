package io.github.dom0build.core.kconfig;

import java.util.List;
import java.util.Optional;

/** A Kconfig symbol and every place it is defined, in parse order. */
public record KconfigSymbol(String name, List<SymbolDefinition> definitions) {
    public KconfigSymbol {
        definitions = List.copyOf(definitions);
    }

    /** The first declared type; UNKNOWN when no definition declares one. */
    public SymbolType type() {
        return definitions.stream().map(SymbolDefinition::type).filter(t -> t != SymbolType.UNKNOWN).findFirst()
                .orElse(SymbolType.UNKNOWN);
    }

    /** Whether any definition has a prompt, i.e. whether a user can set it at all. */
    public boolean hasPrompt() {
        return definitions.stream().anyMatch(d -> d.prompt().isPresent());
    }

    public Optional<KconfigChoice> choice() {
        return definitions.stream().map(SymbolDefinition::choice).flatMap(Optional::stream).findFirst();
    }
}
