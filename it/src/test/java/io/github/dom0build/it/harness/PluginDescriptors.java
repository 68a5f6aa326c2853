package io.github.dom0build.it.harness;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipFile;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/** What the built plugins declare, read from their jars in the ITs' local repository. */
public final class PluginDescriptors {
    private PluginDescriptors() {
    }

    /** The {@code META-INF/maven/plugin.xml} of {@code kernel} or {@code xen}. */
    public static Document descriptor(String plugin) throws Exception {
        return read(plugin, "META-INF/maven/plugin.xml");
    }

    /**
     * Per goal, its parameters and the expression each takes its value from ({@code ${kernel.options}}),
     * empty for a parameter without one.
     */
    public static Map<String, Map<String, String>> expressionsByGoal(String plugin) throws Exception {
        Map<String, Map<String, String>> goals = new LinkedHashMap<>();
        NodeList mojos = descriptor(plugin).getElementsByTagName("mojo");
        for (int i = 0; i < mojos.getLength(); i++) {
            Element mojo = (Element) mojos.item(i);
            Map<String, String> expressions = new LinkedHashMap<>();
            for (Element p : children(children(mojo, "parameters").get(0), "parameter")) {
                expressions.put(text(p, "name"), "");
            }
            for (Element configuration : children(mojo, "configuration")) {
                for (Element c : children(configuration, null)) {
                    expressions.put(c.getTagName(), c.getTextContent().strip());
                }
            }
            goals.put(text(mojo, "goal"), expressions);
        }
        return goals;
    }

    /** The goals of this plugin that the lifecycle of {@code packaging} (its components.xml) runs. */
    public static List<String> lifecycleGoals(String plugin, String packaging) throws Exception {
        List<String> goals = new ArrayList<>();
        for (Element component : children(read(plugin, "META-INF/plexus/components.xml").getDocumentElement(), null)) {
            for (Element c : children(component, "component")) {
                if (text(c, "role").endsWith("LifecycleMapping") && text(c, "role-hint").equals(packaging)) {
                    for (String mojo : c.getElementsByTagName("phases").item(0).getTextContent().split("[,\\s]+")) {
                        String prefix = "io.github.dom0build:" + plugin + "-maven-plugin:";
                        if (mojo.startsWith(prefix)) {
                            goals.add(mojo.substring(mojo.lastIndexOf(':') + 1));
                        }
                    }
                }
            }
        }
        return goals;
    }

    /** The text of the first {@code child} element under {@code e}, stripped; empty if there is none. */
    public static String text(Element e, String child) {
        NodeList n = e.getElementsByTagName(child);
        return n.getLength() == 0 ? "" : n.item(0).getTextContent().strip();
    }

    /** The child elements of {@code e}, all or those named {@code name}. */
    public static List<Element> children(Element e, String name) {
        List<Element> found = new ArrayList<>();
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element c && (name == null || c.getTagName().equals(name))) {
                found.add(c);
            }
        }
        return found;
    }

    private static Document read(String plugin, String entry) throws Exception {
        String v = ItProject.pluginVersion();
        Path jar = Path.of(System.getProperty("it.localRepo", "target/local-repo"))
                .resolve("io/github/dom0build/" + plugin + "-maven-plugin/" + v + "/" + plugin + "-maven-plugin-" + v
                        + ".jar");
        try (ZipFile z = new ZipFile(jar.toFile()); InputStream in = z.getInputStream(z.getEntry(entry))) {
            return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(in);
        }
    }
}
