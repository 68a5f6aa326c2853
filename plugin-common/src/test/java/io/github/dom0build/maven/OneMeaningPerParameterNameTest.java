package io.github.dom0build.maven;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * A parameter name means one thing in a plugin: where several goals have it (the root every root goal
 * changes, the source tree of the source goals), they have the same type, property and default, so a
 * plugin-level {@code <configuration>} or one {@code -D} sets it for all of them alike. Two behaviours
 * under one name (make's {@code timeout} of 0 and boot-test's of 10 minutes were one) fail here.
 */
class OneMeaningPerParameterNameTest {
    @Test
    void everyParameterNameSharedByGoalsHasOneTypePropertyAndDefault() throws Exception {
        Map<String, List<PluginDescriptor.Parameter>> byName = PluginDescriptor.parameters().stream()
                .collect(Collectors.groupingBy(PluginDescriptor.Parameter::name, LinkedHashMap::new, Collectors.toList()));
        List<String> twoMeanings = new ArrayList<>();
        int shared = 0;
        for (var e : byName.entrySet()) {
            if (e.getValue().size() < 2) {
                continue;
            }
            shared++;
            var distinct = e.getValue().stream().map(p -> p.type() + " " + p.expression() + " default=" + p.defaultValue())
                    .distinct().toList();
            if (distinct.size() > 1) {
                twoMeanings.add(e.getKey() + ": " + e.getValue());
            }
        }
        assertThat(shared).as("parameter names shared by several goals (root, sourceDirectory, ...)").isPositive();
        assertThat(twoMeanings).as("parameter names with more than one meaning").isEmpty();
    }
}
