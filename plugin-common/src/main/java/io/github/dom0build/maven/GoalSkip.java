package io.github.dom0build.maven;

import java.util.Properties;

/**
 * Whether one goal is skipped: its {@code skip} parameter, or its property
 * {@code <prefix>.<goalInCamelCase>.skip} ({@code xen.bootTest.skip}, {@code kernel.make.skip}) given with
 * {@code -D} or in the POM's properties. The property is named from the goal at run time, so that every
 * goal's switch is one declaration in the base class instead of a field and an override in each goal.
 */
final class GoalSkip {
    private GoalSkip() {
    }

    /** {@code boot-test} -> {@code xen.bootTest.skip}. */
    static String property(String prefix, String goal) {
        return prefix + "." + camel(goal) + ".skip";
    }

    /** A goal's name as a property part: {@code grub-update} -> {@code grubUpdate}. */
    static String camel(String goal) {
        StringBuilder b = new StringBuilder();
        boolean up = false;
        for (char c : goal.toCharArray()) {
            if (c == '-') {
                up = true;
            } else {
                b.append(up ? Character.toUpperCase(c) : c);
                up = false;
            }
        }
        return b.toString();
    }

    /**
     * {@code configured}, else the property from the first of {@code sources} (the {@code -D} ones, the
     * system's, the POM's: Maven's own order) that has it; {@code -Dx.skip} alone means true, as in Maven.
     */
    static boolean isSkipped(boolean configured, String property, Properties... sources) {
        if (configured) {
            return true;
        }
        for (Properties p : sources) {
            if (p != null && p.containsKey(property)) {
                String v = p.getProperty(property, "").strip();
                return v.isEmpty() || Boolean.parseBoolean(v);
            }
        }
        return false;
    }
}
