package io.github.dom0build.core.kconfig;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A {@code choice ... endchoice} block: at most one of its bool members is y, so asking for one member
 * fails when the .config (or a later request) picks another.
 */
public final class KconfigChoice {
    private final SourceLocation location;
    private String prompt = "";
    private boolean optional;
    private final List<String> members = new ArrayList<>();

    KconfigChoice(SourceLocation location) {
        this.location = location;
    }

    public SourceLocation location() {
        return location;
    }

    /** Its prompt, or "" when it has none. */
    public String prompt() {
        return prompt;
    }

    /** Whether the choice may have no member selected ({@code optional}). */
    public boolean isOptional() {
        return optional;
    }

    /** The member symbols, in file order. */
    public List<String> members() {
        return Collections.unmodifiableList(members);
    }

    /** "choice \"High Memory Support\"", or the location when it has no prompt. */
    public String describe() {
        return prompt.isEmpty() ? "choice at " + location : "choice \"" + prompt + "\"";
    }

    void prompt(String text) {
        prompt = text;
    }

    void markOptional() {
        optional = true;
    }

    void addMember(String name) {
        if (!members.contains(name)) {
            members.add(name);
        }
    }
}
