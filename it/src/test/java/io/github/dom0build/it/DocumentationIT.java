package io.github.dom0build.it;

import static io.github.dom0build.it.harness.PluginDescriptors.children;
import static io.github.dom0build.it.harness.PluginDescriptors.descriptor;
import static io.github.dom0build.it.harness.PluginDescriptors.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.dom0build.it.harness.ItProject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.apache.maven.model.io.xpp3.MavenXpp3Reader;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/**
 * Docs are part of a goal: every goal of the built plugins (as their plugin.xml declares it) has a
 * site page under src/site/markdown/goals that names each of its user-settable parameters, shows an
 * example, and is linked from the site menu; and every parameter has a description for the help goal.
 * Every XML example of the site and the README is checked against the built plugins too.
 */
class DocumentationIT {
    private static final Path SITE = Path.of(System.getProperty("it.siteDir", "../src/site")).toAbsolutePath();
    private static final Path README = SITE.getParent().getParent().resolve("README.md");
    private static final Pattern XML_BLOCK = Pattern.compile("(?ms)^```xml\\n(.*?)^```");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}|\\$\\{[\\w.-]+}");

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

    /**
     * Every ```xml block is well-formed XML; a whole {@code <project>} is a POM Maven reads strictly;
     * in every configuration of {@code kernel-maven-plugin} or {@code xen-maven-plugin} (and in a bare
     * {@code <configuration>} on a goal's page) each element is a parameter of that plugin's goals, and
     * each {@code <goal>} one of its goals, and its version is the one built; a {@code <sha256>} is complete (64 hex digits) or a property.
     */
    @Test
    void everyXmlExampleIsWellFormedAndNamesRealGoalsAndParameters() throws Exception {
        Map<String, Map<String, Set<String>>> plugins = new HashMap<>();
        for (String plugin : List.of("kernel", "xen")) {
            plugins.put(plugin + "-maven-plugin", parametersByGoal(descriptor(plugin)));
        }
        List<Path> docs = new ArrayList<>(List.of(README));
        try (Stream<Path> s = Files.walk(SITE.resolve("markdown"))) {
            s.filter(f -> f.toString().endsWith(".md")).sorted().forEach(docs::add);
        }
        List<String> problems = new ArrayList<>();
        int examples = 0;
        for (Path doc : docs) {
            String md = Files.readString(doc, StandardCharsets.UTF_8);
            String pageGoal = doc.getParent().getFileName().toString().equals("goals")
                    ? doc.getFileName().toString().replace(".md", "") : null;
            Matcher m = XML_BLOCK.matcher(md);
            while (m.find()) {
                examples++;
                String where = SITE.getParent().getParent().relativize(doc) + ":"
                        + (md.substring(0, m.start()).split("\n", -1).length + 1);
                String xml = m.group(1);
                Element root;
                try {
                    root = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                            .parse(new InputSource(new StringReader("<example>" + xml + "</example>")))
                            .getDocumentElement();
                } catch (Exception e) {
                    problems.add(where + ": not well-formed XML: " + e.getMessage());
                    continue;
                }
                for (Element top : children(root, null)) {
                    if (top.getTagName().equals("project")) {
                        try {
                            new MavenXpp3Reader().read(new StringReader(xml), true);
                        } catch (Exception e) {
                            problems.add(where + ": not a POM Maven reads: " + e.getMessage());
                        }
                    }
                    if (top.getTagName().equals("configuration")) {
                        // on a goal's page that goal's parameters; elsewhere any goal's
                        Set<String> known = new HashSet<>();
                        plugins.values().forEach(goals -> goals.forEach((goal, parameters) -> {
                            if (pageGoal == null || pageGoal.equals(goal)) {
                                known.addAll(parameters);
                            }
                        }));
                        checkParameters(top, known, where + (pageGoal == null ? "" : " (" + pageGoal + ")"), problems);
                    }
                }
                NodeList pluginElements = root.getElementsByTagName("plugin");
                for (int i = 0; i < pluginElements.getLength(); i++) {
                    Element plugin = (Element) pluginElements.item(i);
                    Map<String, Set<String>> goals = plugins.get(text(plugin, "artifactId"));
                    if (goals != null) {
                        checkPlugin(plugin, goals, where + " (" + text(plugin, "artifactId") + ")", problems);
                    }
                }
                NodeList sha = root.getElementsByTagName("sha256");
                for (int i = 0; i < sha.getLength(); i++) {
                    if (!SHA256.matcher(sha.item(i).getTextContent().strip()).matches()) {
                        problems.add(where + ": <sha256> " + sha.item(i).getTextContent().strip()
                                + " is neither a whole sha256 nor a property");
                    }
                }
            }
        }
        System.out.printf("DocumentationIT: %d XML examples in %d documents%n", examples, docs.size());
        assertThat(examples).isGreaterThan(30);
        assertThat(problems).isEmpty();
    }

    private static void checkPlugin(Element plugin, Map<String, Set<String>> goals, String where, List<String> problems) {
        List<Element> version = children(plugin, "version");
        if (!version.isEmpty() && !version.get(0).getTextContent().strip().equals(ItProject.pluginVersion())
                && !version.get(0).getTextContent().strip().startsWith("${")) {
            problems.add(where + ": version " + version.get(0).getTextContent().strip() + ", not the built "
                    + ItProject.pluginVersion());
        }
        Set<String> all = new HashSet<>();
        goals.values().forEach(all::addAll);
        for (Element configuration : children(plugin, "configuration")) {
            checkParameters(configuration, all, where, problems);
        }
        for (Element executions : children(plugin, "executions")) {
            for (Element execution : children(executions, "execution")) {
                Set<String> known = new HashSet<>();
                for (Element goalList : children(execution, "goals")) {
                    for (Element goal : children(goalList, "goal")) {
                        String name = goal.getTextContent().strip();
                        if (!goals.containsKey(name)) {
                            problems.add(where + ": no goal " + name);
                        } else {
                            known.addAll(goals.get(name));
                        }
                    }
                }
                for (Element configuration : children(execution, "configuration")) {
                    checkParameters(configuration, known.isEmpty() ? all : known, where, problems);
                }
            }
        }
    }

    private static void checkParameters(Element configuration, Set<String> known, String where, List<String> problems) {
        for (Element parameter : children(configuration, null)) {
            if (!known.contains(parameter.getTagName())) {
                problems.add(where + ": <" + parameter.getTagName() + "> is no parameter of these goals");
            }
        }
    }

    private static Map<String, Set<String>> parametersByGoal(Document descriptor) {
        Map<String, Set<String>> goals = new HashMap<>();
        NodeList mojos = descriptor.getElementsByTagName("mojo");
        for (int i = 0; i < mojos.getLength(); i++) {
            Element mojo = (Element) mojos.item(i);
            Set<String> names = new HashSet<>();
            NodeList params = mojo.getElementsByTagName("parameter");
            for (int j = 0; j < params.getLength(); j++) {
                Element p = (Element) params.item(j);
                if (p.getParentNode().getNodeName().equals("parameters")) {
                    names.add(text(p, "name"));
                    if (!text(p, "alias").isEmpty()) {
                        names.add(text(p, "alias"));
                    }
                }
            }
            goals.put(text(mojo, "goal"), names);
        }
        return goals;
    }

    /**
     * The packagings page shows the POMs of examples/dom0, which PackagingIT and RealDom0IT build, in
     * short: every value it shows must be the example's, at the same place (it may leave elements out,
     * never change one), so the page cannot drift from what is tested.
     */
    @Test
    void theExamplesPomsOnThePackagingsPageArePartsOfTheTestedExample() throws Exception {
        Path example = SITE.getParent().getParent().resolve("examples/dom0");
        Map<String, Path> poms = Map.of("dom0-parent", example.resolve("pom.xml"), "dom0-kernel",
                example.resolve("kernel/pom.xml"), "dom0-xen", example.resolve("xen/pom.xml"), "dom0",
                example.resolve("dom0/pom.xml"));
        Matcher m = XML_BLOCK.matcher(Files.readString(SITE.resolve("markdown/packagings.md"), StandardCharsets.UTF_8));
        List<String> problems = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        while (m.find()) {
            Element shown = parse(m.group(1));
            String artifactId = children(shown, "artifactId").isEmpty() ? ""
                    : children(shown, "artifactId").get(0).getTextContent().strip();
            if (!shown.getTagName().equals("project") || !poms.containsKey(artifactId)) {
                continue;
            }
            seen.add(artifactId);
            Set<String> real = leaves(parse(Files.readString(poms.get(artifactId), StandardCharsets.UTF_8)));
            for (String leaf : leaves(shown)) {
                if (!real.contains(leaf)) {
                    problems.add("packagings.md, " + artifactId + ": " + leaf + " is not in " + example.getParent()
                            .getParent().relativize(poms.get(artifactId)));
                }
            }
        }
        assertThat(seen).as("the example's POMs the page shows").containsExactlyInAnyOrderElementsOf(poms.keySet());
        assertThat(problems).isEmpty();
    }

    private static Element parse(String xml) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setIgnoringComments(true);
        return f.newDocumentBuilder().parse(new InputSource(new StringReader(xml))).getDocumentElement();
    }

    /** Every element without child elements as {@code path/to/element=text}. */
    private static Set<String> leaves(Element root) {
        Set<String> out = new HashSet<>();
        collectLeaves(root, root.getTagName(), out);
        return out;
    }

    private static void collectLeaves(Element e, String path, Set<String> out) {
        List<Element> kids = children(e, null);
        if (kids.isEmpty()) {
            out.add(path + "=" + e.getTextContent().strip());
        }
        for (Element k : kids) {
            collectLeaves(k, path + "/" + k.getTagName(), out);
        }
    }
}
