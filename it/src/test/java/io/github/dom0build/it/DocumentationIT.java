package io.github.dom0build.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dom0build.it.harness.ItProject;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipFile;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Docs are part of a goal: every goal of the built plugins (as their plugin.xml declares it) has a
 * site page under src/site/markdown/goals that names each of its user-settable parameters, shows an
 * example, and is linked from the site menu; and every parameter has a description for the help goal.
 */
class DocumentationIT {
    private static final Path SITE = Path.of(System.getProperty("it.siteDir", "../src/site")).toAbsolutePath();

    @Test
    void everyGoalHasASitePageNamingEveryParameterWithAnExample() throws Exception {
        List<String> problems = new ArrayList<>();
        String siteXml = Files.readString(SITE.resolve("site.xml"), StandardCharsets.UTF_8);
        for (String plugin : List.of("kernel", "xen")) {
            Document d = descriptor(plugin);
            NodeList mojos = d.getElementsByTagName("mojo");
            for (int i = 0; i < mojos.getLength(); i++) {
                Element mojo = (Element) mojos.item(i);
                String goal = text(mojo, "goal");
                if (goal.equals("help")) {
                    continue;
                }
                Path page = SITE.resolve("markdown/goals/" + goal + ".md");
                if (!Files.isRegularFile(page)) {
                    problems.add(plugin + ":" + goal + " has no page " + page);
                    continue;
                }
                String md = Files.readString(page, StandardCharsets.UTF_8);
                if (!md.contains("```")) {
                    problems.add(page.getFileName() + " has no example");
                }
                if (!siteXml.contains("goals/" + goal + ".html")) {
                    problems.add("site.xml does not link goals/" + goal + ".html");
                }
                NodeList params = ((Element) mojo.getElementsByTagName("parameters").item(0))
                        .getElementsByTagName("parameter");
                for (int j = 0; j < params.getLength(); j++) {
                    Element p = (Element) params.item(j);
                    if (!"true".equals(text(p, "editable"))) {
                        continue;
                    }
                    String name = text(p, "name");
                    if (!md.contains("`" + name + "`")) {
                        problems.add(page.getFileName() + " does not describe " + plugin + ":" + goal + " parameter `"
                                + name + "`");
                    }
                    if (text(p, "description").isBlank()) {
                        problems.add(plugin + ":" + goal + " parameter " + name + " has no description for help");
                    }
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    private static Document descriptor(String plugin) throws Exception {
        String v = ItProject.pluginVersion();
        Path jar = Path.of(System.getProperty("it.localRepo", "target/local-repo"))
                .resolve("io/github/dom0build/" + plugin + "-maven-plugin/" + v + "/" + plugin + "-maven-plugin-" + v
                        + ".jar");
        try (ZipFile z = new ZipFile(jar.toFile());
                InputStream in = z.getInputStream(z.getEntry("META-INF/maven/plugin.xml"))) {
            return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(in);
        }
    }

    private static String text(Element e, String child) {
        NodeList n = e.getElementsByTagName(child);
        return n.getLength() == 0 ? "" : n.item(0).getTextContent().strip();
    }
}
