package io.github.dom0build.core.kconfig;

import java.util.List;

/**
 * One option the user asked for: its name (without CONFIG_), the value that counts and the source it
 * came from ({@code where} adds the line number for fragment files), plus the earlier requests it
 * overrode, oldest first.
 */
public record RequestedOption(String name, String value, String source, String where, List<Setting> overridden) {
    /** A value requested by one source; {@code where} adds the line number for fragment files. */
    public record Setting(String value, String source, String where) {
    }

    public RequestedOption {
        overridden = List.copyOf(overridden);
    }

    /** Every source that asked for this option, the one that counts last. */
    public List<String> sources() {
        List<String> all = new java.util.ArrayList<>();
        overridden.forEach(s -> all.add(s.source()));
        all.add(source);
        return List.copyOf(all);
    }

    /** "arch/x86/configs/xen.config:3" or "inline, overriding m from built-in xen-dom0 fragment". */
    public String origin() {
        StringBuilder sb = new StringBuilder(where);
        for (int i = overridden.size() - 1; i >= 0; i--) {
            Setting s = overridden.get(i);
            sb.append(i == overridden.size() - 1 ? ", overriding " : ", which overrode ")
                    .append(s.value()).append(" from ").append(s.where());
        }
        return sb.toString();
    }
}
