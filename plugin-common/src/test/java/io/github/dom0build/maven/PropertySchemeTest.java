package io.github.dom0build.maven;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every {@code -D} property of this plugin follows the one scheme the usage page documents, read from the
 * plugin descriptor Maven itself reads: {@code <prefix>.<parameter>}, or for what belongs to one goal
 * {@code <prefix>.<goalInCamelCase>.<parameter>}; {@code <prefix>.skip} skips them all (a goal's own
 * {@code <prefix>.<goalInCamelCase>.skip} is named at run time: {@link GoalSkip}).
 */
class PropertySchemeTest {
    private static final Pattern EXPRESSION = Pattern.compile("\\$\\{([^}]+)}");

    @Test
    void everyPropertyIsPrefixParameterOrPrefixGoalParameter() throws Exception {
        String prefix = GoalPrefix.NAME;
        List<String> off = new ArrayList<>();
        int checked = 0;
        for (PluginDescriptor.Parameter p : PluginDescriptor.parameters()) {
            Matcher m = p.expression() == null ? null : EXPRESSION.matcher(p.expression());
            if (m == null || !m.matches()) {
                continue; // a default value only
            }
            String property = m.group(1);
            String parameter = p.name();
            String goalCamel = GoalSkip.camel(p.goal());
            boolean ok = parameter.equals("skip") ? property.equals(prefix + "." + goalCamel + ".skip")
                    : parameter.equals("skipAll") ? property.equals(prefix + ".skip")
                    : property.equals(prefix + "." + parameter) || property.equals(prefix + "." + goalCamel + "."
                            + parameter);
            checked++;
            if (!ok) {
                off.add(p.goal() + ": " + parameter + " -> " + property);
            }
        }
        assertThat(checked).as("parameters with a property").isGreaterThan(20);
        assertThat(off).as("properties outside the scheme").isEmpty();
    }
}
