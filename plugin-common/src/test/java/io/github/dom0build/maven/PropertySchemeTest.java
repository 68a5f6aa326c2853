package io.github.dom0build.maven;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

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
        Element plugin;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("META-INF/maven/plugin.xml")) {
            assertThat(in).as("the plugin descriptor, made before the tests").isNotNull();
            plugin = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(in).getDocumentElement();
        }
        String prefix = GoalPrefix.NAME;
        List<String> off = new ArrayList<>();
        int checked = 0;
        NodeList mojos = plugin.getElementsByTagName("mojo");
        for (int i = 0; i < mojos.getLength(); i++) {
            Element mojo = (Element) mojos.item(i);
            String goal = text(mojo, "goal");
            NodeList configuration = mojo.getElementsByTagName("configuration");
            if (goal.equals("help") || configuration.getLength() == 0) {
                continue;
            }
            String goalCamel = GoalSkip.camel(goal);
            for (Node n = configuration.item(0).getFirstChild(); n != null; n = n.getNextSibling()) {
                if (!(n instanceof Element e)) {
                    continue;
                }
                Matcher m = EXPRESSION.matcher(e.getTextContent().strip());
                if (!m.matches()) {
                    continue; // read-only wiring such as ${project}, or a default value only
                }
                String property = m.group(1);
                String parameter = e.getTagName();
                boolean ok = parameter.equals("skip") ? property.equals(prefix + "." + goalCamel + ".skip")
                        : parameter.equals("skipAll") ? property.equals(prefix + ".skip")
                        : property.equals(prefix + "." + parameter) || property.equals(prefix + "." + goalCamel + "."
                                + parameter);
                checked++;
                if (!ok) {
                    off.add(goal + ": " + parameter + " -> " + property);
                }
            }
        }
        assertThat(checked).as("parameters with a property").isGreaterThan(20);
        assertThat(off).as("properties outside the scheme").isEmpty();
    }

    private static String text(Element parent, String tag) {
        return parent.getElementsByTagName(tag).item(0).getTextContent().strip();
    }
}
