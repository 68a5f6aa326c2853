package io.github.dom0build.maven;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Each parameter is declared once, in the class that owns it: goals that share one inherit it (the root
 * from the root goals' base, sourceDirectory from the source goals'), and a location two goals must agree
 * on (the kernel's stage, Xen's DISTDIR) is no parameter at all but one place under the build directory.
 * A second declaration of a name, however equal today, is two settings that can drift apart.
 */
class OneDeclarationPerParameterTest {
    /**
     * The one name declared twice, and why: the download cache is read by fetch (every goal of the source
     * tree's base would otherwise carry it) and by defconfig for a configFile URL, and the two goals share no
     * base class but the one of all goals. OneMeaningPerParameterNameTest holds them equal.
     */
    private static final Set<String> DECLARED_BY_TWO = Set.of("cacheDirectory");

    @Test
    void everyParameterIsDeclaredByOneClass() throws Exception {
        Map<String, Set<String>> declaredBy = new TreeMap<>();
        for (PluginDescriptor.Parameter p : PluginDescriptor.parameters()) {
            declaredBy.computeIfAbsent(p.name(), n -> new TreeSet<>()).add(declaringClass(p).getSimpleName());
        }
        Map<String, Set<String>> twice = new TreeMap<>(declaredBy);
        twice.values().removeIf(classes -> classes.size() < 2);
        assertThat(twice.keySet()).as("parameters declared by more than one class: %s", twice)
                .isEqualTo(declaredBy.keySet().stream().filter(DECLARED_BY_TWO::contains)
                        .collect(java.util.stream.Collectors.toCollection(TreeSet::new)));
    }

    private static Class<?> declaringClass(PluginDescriptor.Parameter p) throws Exception {
        for (Class<?> c = Class.forName(p.implementation()); c != null; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (f.getName().equals(p.name())) {
                    return c;
                }
            }
        }
        throw new AssertionError(p.goal() + "'s " + p.name() + " is no field of " + p.implementation());
    }
}
