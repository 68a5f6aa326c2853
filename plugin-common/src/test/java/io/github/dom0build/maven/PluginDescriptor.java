package io.github.dom0build.maven;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/** The plugin descriptor Maven itself reads, made before the tests, as goals and their parameters. */
final class PluginDescriptor {
    /**
     * A parameter of a goal as Maven sees it: its type, and its {@code ${property}} and default, if any; and
     * the goal's class.
     */
    record Parameter(String goal, String name, String type, String expression, String defaultValue,
            String implementation) {
    }

    private PluginDescriptor() {
    }

    /** Every parameter a user can set, of every goal but help, in the descriptor's order. */
    static List<Parameter> parameters() throws Exception {
        Element plugin;
        try (InputStream in = PluginDescriptor.class.getClassLoader().getResourceAsStream("META-INF/maven/plugin.xml")) {
            if (in == null) {
                throw new AssertionError("no META-INF/maven/plugin.xml: the descriptor is made before the tests");
            }
            plugin = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(in).getDocumentElement();
        }
        List<Parameter> all = new ArrayList<>();
        NodeList mojos = plugin.getElementsByTagName("mojo");
        for (int i = 0; i < mojos.getLength(); i++) {
            Element mojo = (Element) mojos.item(i);
            String goal = text(mojo, "goal");
            String implementation = text(mojo, "implementation");
            if (goal.equals("help")) {
                continue;
            }
            Map<String, Element> configuration = new LinkedHashMap<>();
            NodeList c = mojo.getElementsByTagName("configuration");
            for (Node n = c.getLength() == 0 ? null : c.item(0).getFirstChild(); n != null; n = n.getNextSibling()) {
                if (n instanceof Element e) {
                    configuration.put(e.getTagName(), e);
                }
            }
            NodeList parameters = ((Element) mojo.getElementsByTagName("parameters").item(0))
                    .getElementsByTagName("parameter");
            for (int j = 0; j < parameters.getLength(); j++) {
                Element p = (Element) parameters.item(j);
                if (!"true".equals(text(p, "editable"))) {
                    continue; // read-only wiring such as ${project}
                }
                String name = text(p, "name");
                Element conf = configuration.get(name);
                String expression = conf == null || conf.getTextContent().isBlank() ? null : conf.getTextContent().strip();
                String def = conf == null || !conf.hasAttribute("default-value") ? null : conf.getAttribute("default-value");
                all.add(new Parameter(goal, name, text(p, "type"), expression, def, implementation));
            }
        }
        return all;
    }

    private static String text(Element parent, String tag) {
        return parent.getElementsByTagName(tag).item(0).getTextContent().strip();
    }
}
