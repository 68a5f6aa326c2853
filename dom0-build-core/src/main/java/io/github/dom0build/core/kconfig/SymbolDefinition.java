package io.github.dom0build.core.kconfig;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * One {@code config} or {@code menuconfig} entry. A symbol may be defined in several places; kconfig
 * lets it be set when the conditions of any one definition hold.
 */
public final class SymbolDefinition {
    private final String name;
    private final SourceLocation location;
    private final boolean menuconfig;
    private final List<Condition> inherited;
    private final List<String> menuPath;
    private final KconfigChoice choice;
    private SymbolType type = SymbolType.UNKNOWN;
    private Prompt prompt;
    private final List<Condition> dependsOn = new ArrayList<>();
    private final List<Selection> selects = new ArrayList<>();
    private final List<Range> ranges = new ArrayList<>();

    SymbolDefinition(String name, SourceLocation location, boolean menuconfig, List<Condition> inherited,
            List<String> menuPath, KconfigChoice choice) {
        this.name = name;
        this.location = location;
        this.menuconfig = menuconfig;
        this.inherited = List.copyOf(inherited);
        this.menuPath = List.copyOf(menuPath);
        this.choice = choice;
    }

    public String name() {
        return name;
    }

    public SourceLocation location() {
        return location;
    }

    public boolean isMenuconfig() {
        return menuconfig;
    }

    /** The declared type, UNKNOWN when this definition only adds dependencies or selects. */
    public SymbolType type() {
        return type;
    }

    public Optional<Prompt> prompt() {
        return Optional.ofNullable(prompt);
    }

    /** Its own {@code depends on} lines. */
    public List<Condition> dependsOn() {
        return Collections.unmodifiableList(dependsOn);
    }

    /** Conditions from the enclosing if blocks, menus and choice, outermost first. */
    public List<Condition> inherited() {
        return inherited;
    }

    /** Everything that limits its value: inherited conditions first, then its own {@code depends on}. */
    public List<Condition> valueConditions() {
        List<Condition> all = new ArrayList<>();
        inherited.stream().filter(Condition::limitsValue).forEach(all::add);
        all.addAll(dependsOn);
        return all;
    }

    /** The enclosing menus and choice, outermost first: {@code menu "Device Drivers"}, ... */
    public List<String> menuPath() {
        return menuPath;
    }

    public Optional<KconfigChoice> choice() {
        return Optional.ofNullable(choice);
    }

    /** The {@code select} and {@code imply} statements of this definition. */
    public List<Selection> selects() {
        return Collections.unmodifiableList(selects);
    }

    public List<Range> ranges() {
        return Collections.unmodifiableList(ranges);
    }

    void type(SymbolType t) {
        type = t;
    }

    void prompt(Prompt p) {
        prompt = p;
    }

    void addDependsOn(Condition c) {
        dependsOn.add(c);
    }

    void addSelect(Selection s) {
        selects.add(s);
    }

    void addRange(Range r) {
        ranges.add(r);
    }

    @Override
    public String toString() {
        return name + " at " + location;
    }
}
