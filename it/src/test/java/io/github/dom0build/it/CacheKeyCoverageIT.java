package io.github.dom0build.it;

import static io.github.dom0build.it.harness.PluginDescriptors.children;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.dom0build.it.harness.ItProject;
import io.github.dom0build.it.harness.PluginDescriptors;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import javax.xml.parsers.DocumentBuilderFactory;
import org.apache.maven.model.Model;
import org.apache.maven.model.Plugin;
import org.apache.maven.model.PluginExecution;
import org.apache.maven.model.io.xpp3.MavenXpp3Reader;
import org.codehaus.plexus.util.xml.Xpp3Dom;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

/**
 * The build cache keys a module on its plugins' configuration as the POMs write it (after interpolation)
 * and on that of the modules it depends on; a {@code -D} value that no POM names is in no key, so a module
 * downstream of the one it changes would be restored with the old build. examples/dom0 therefore names
 * every parameter with a property that decides what a goal makes: the builds' in its parent's plugin
 * management, the bundle's in dom0/pom.xml. This test holds those lists against the goals each module runs
 * (and the fixture BuildCacheIT builds to the same rule): nothing left out, and no kernel or Xen module
 * naming a parameter its goals do not have (the pom modules depend on both anyway). It reads the POMs
 * without profiles. BuildCacheIT proves the effect.
 */
class CacheKeyCoverageIT {
    /** Parameters that decide no output, so the key leaves them out: why, by parameter name. */
    private static final Map<String, String> NOT_OUTPUTS = new HashMap<>();

    static {
        for (String p : List.of("sourceDirectory", "outputDirectory", "cacheDirectory", "bundleRoot",
                "reportDirectory", "userlandCacheDirectory")) {
            NOT_OUTPUTS.put(p, "where the build keeps its files on this machine");
        }
        for (String p : List.of("jobs", "compilerLauncher", "ccacheRemoteStorage", "distccHosts", "upToDateCheck",
                "timeout", "lockTimeout", "bootTimeout", "guestTimeout", "qemu", "mmdebstrap", "userlandMirror")) {
            NOT_OUTPUTS.put(p, "how the build runs and when it gives up, not what it makes");
        }
        // Unlike failOnConfigMismatch (false lets a kernel without what was asked for be built and cached):
        // missing build dependencies make the same build fail later, or it is the same build.
        NOT_OUTPUTS.put("failOnMissing", "whether deps fails or warns first; the build is the same or fails");
        for (String p : List.of("copy", "force", "shallow", "readTimeout", "maxDownloadSize", "maxExtractedEntries",
                "maxExtractedSize")) {
            NOT_OUTPUTS.put(p, "how the source is fetched, not which (url, commit, sha256 say that)");
        }
        for (String p : List.of("grubCommand", "grubConfig")) {
            NOT_OUTPUTS.put(p, "read on a live system or machine root only, never on the staged one");
        }
    }

    private static final Path EXAMPLE = Path.of(System.getProperty("it.examples", "../examples")).toAbsolutePath()
            .resolve("dom0");

    @Test
    void theExampleNamesEveryParameterThatDecidesAnOutput() throws Exception {
        assertThat(uncovered(EXAMPLE)).isEmpty();
    }

    @Test
    void theBuildCacheFixtureFollowsTheSameRule() throws Exception {
        assertThat(uncovered(ItProject.projectsDir().resolve("dom0-cache"))).isEmpty();
    }

    /**
     * The boot test decides whether a bundle is cached at all: its skip is in the key, or a skipped run's
     * bundle would be restored as one that booted.
     */
    @Test
    void theBootTestsSkipIsInTheKey() throws Exception {
        PluginExecution bootTest = plugin(read(EXAMPLE.resolve("dom0/pom.xml")), "xen-maven-plugin").getExecutions()
                .stream().filter(e -> e.getGoals().contains("boot-test")).findFirst().orElseThrow();
        Xpp3Dom skip = ((Xpp3Dom) bootTest.getConfiguration()).getChild("skip");
        assertThat(skip).as("the boot test execution names <skip>").isNotNull();
        assertThat(skip.getValue()).isEqualTo("${xen.bootTest.skip}");
    }

    /** What the parents' lists name is a parameter of that plugin, by the property the goals read it from. */
    @Test
    void everyNamedParameterIsOneOfThePluginsByItsOwnProperty() throws Exception {
        List<String> problems = new ArrayList<>();
        Map<String, Map<String, Set<String>>> byPlugin = Map.of("kernel", expressionsByName("kernel"), "xen",
                expressionsByName("xen"));
        for (Path project : List.of(EXAMPLE, ItProject.projectsDir().resolve("dom0-cache"))) {
            Model parent = read(project.resolve("pom.xml"));
            List<Plugin> plugins = new ArrayList<>(parent.getBuild().getPluginManagement().getPlugins());
            plugins.addAll(read(project.resolve("dom0/pom.xml")).getBuild().getPlugins());
            for (Plugin p : plugins) {
                if (!"io.github.dom0build".equals(p.getGroupId()) || p.getConfiguration() == null) {
                    continue;
                }
                Map<String, Set<String>> expressions = byPlugin.get(shortName(p));
                for (Xpp3Dom c : ((Xpp3Dom) p.getConfiguration()).getChildren()) {
                    Set<String> own = expressions.getOrDefault(c.getName(), Set.of());
                    if (!own.contains(c.getValue())) {
                        problems.add(project.getFileName() + " " + p.getArtifactId() + " <" + c.getName() + ">"
                                + c.getValue() + " is not the property of a parameter " + own);
                    }
                }
            }
        }
        for (String name : NOT_OUTPUTS.keySet()) {
            if (byPlugin.values().stream().noneMatch(expressions -> expressions.containsKey(name))) {
                problems.add(name + " is listed as no output, but no goal has it");
            }
        }
        assertThat(problems).isEmpty();
    }

    /** Per module and goal it runs (outside the runAlways ones), the output parameters its POMs do not name. */
    private static Set<String> uncovered(Path project) throws Exception {
        Set<String> problems = new TreeSet<>();
        Model parent = read(project.resolve("pom.xml"));
        RunAlways runAlways = RunAlways.of(EXAMPLE.resolve(".mvn/maven-build-cache-config.xml"));
        for (String module : parent.getModules()) {
            Model pom = read(project.resolve(module).resolve("pom.xml"));
            for (String plugin : List.of("kernel", "xen")) {
                String artifactId = plugin + "-maven-plugin";
                Plugin own = plugin(pom, artifactId);
                if (own == null) {
                    continue;
                }
                Set<String> managedNames = names(managed(parent, artifactId), false);
                Set<String> pluginLevel = new HashSet<>(managedNames);
                pluginLevel.addAll(names(own.getConfiguration(), false));
                // A list the module writes is no cover: a -D list replaces it at run time, and the key has the POM's.
                Set<String> named = new HashSet<>(managedNames);
                named.addAll(names(own.getConfiguration(), true));
                List<String> lifecycle = PluginDescriptors.lifecycleGoals(plugin, pom.getPackaging());
                Map<String, List<String>> goalsByExecution = new HashMap<>();
                goalsByExecution.put("default", lifecycle);
                Map<String, Set<String>> namedByExecution = new HashMap<>();
                for (PluginExecution e : own.getExecutions()) {
                    goalsByExecution.put(e.getId(), e.getGoals());
                    namedByExecution.put(e.getId(), names(e.getConfiguration(), false));
                }
                Map<String, Map<String, String>> goals = PluginDescriptors.expressionsByGoal(plugin);
                Set<String> parametersRun = new HashSet<>();
                goalsByExecution.forEach((execution, executionGoals) -> {
                    for (String goal : executionGoals) {
                        if (runAlways.covers(artifactId, goal, execution)) {
                            continue;
                        }
                        parametersRun.addAll(goals.get(goal).keySet());
                        goals.get(goal).forEach((parameter, expression) -> {
                            if (expression.startsWith("${" + plugin + ".") && !NOT_OUTPUTS.containsKey(parameter)
                                    && !named.contains(parameter)
                                    && !namedByExecution.getOrDefault(execution, Set.of()).contains(parameter)) {
                                problems.add(project.getFileName() + "/" + module + " " + plugin + ":" + goal + " ("
                                        + execution + ") does not name " + parameter + " (" + expression + ")");
                            }
                        });
                    }
                });
                // The other way round, for a module that builds: a name none of its goals has would put a
                // -D value into its key that changes nothing it makes (a bundle option rebuilding Xen).
                if (!lifecycle.isEmpty()) {
                    for (String name : pluginLevel) {
                        if (!parametersRun.contains(name)) {
                            problems.add(project.getFileName() + "/" + module + " names " + name + " for " + plugin
                                    + ", which none of the goals it runs has: a -D value of it would rebuild it");
                        }
                    }
                }
            }
        }
        return problems;
    }

    /** The goals and executions {@code .mvn/maven-build-cache-config.xml} runs whatever the cache holds. */
    private record RunAlways(Set<String> goals, Set<String> executions) {
        static RunAlways of(Path config) throws Exception {
            Element root = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(config.toFile())
                    .getDocumentElement();
            Element runAlways = (Element) root.getElementsByTagName("runAlways").item(0);
            Set<String> goals = new HashSet<>();
            Set<String> executions = new HashSet<>();
            for (Element list : children(children(runAlways, "goalsLists").get(0), "goalsList")) {
                for (Element goal : children(children(list, "goals").get(0), "goal")) {
                    goals.add(list.getAttribute("artifactId") + ":" + goal.getTextContent().strip());
                }
            }
            for (Element execution : children(children(runAlways, "executions").get(0), "execution")) {
                for (Element id : children(children(execution, "execIds").get(0), "execId")) {
                    executions.add(execution.getAttribute("artifactId") + ":" + id.getTextContent().strip());
                }
            }
            return new RunAlways(goals, executions);
        }

        boolean covers(String artifactId, String goal, String execution) {
            return goals.contains(artifactId + ":" + goal) || executions.contains(artifactId + ":" + execution);
        }
    }

    /** Per parameter name of the plugin's goals, the expressions they read it from. */
    private static Map<String, Set<String>> expressionsByName(String plugin) throws Exception {
        Map<String, Set<String>> out = new HashMap<>();
        for (Map<String, String> parameters : PluginDescriptors.expressionsByGoal(plugin).values()) {
            parameters.forEach((name, expression) -> out.computeIfAbsent(name, n -> new HashSet<>()).add(expression));
        }
        return out;
    }

    private static String shortName(Plugin plugin) {
        return plugin.getArtifactId().replace("-maven-plugin", "");
    }

    private static Object managed(Model parent, String artifactId) {
        return parent.getBuild().getPluginManagement().getPlugins().stream()
                .filter(p -> p.getArtifactId().equals(artifactId)).findFirst().map(Plugin::getConfiguration)
                .orElse(null);
    }

    private static Plugin plugin(Model pom, String artifactId) {
        return pom.getBuild() == null ? null
                : pom.getBuild().getPlugins().stream().filter(p -> p.getArtifactId().equals(artifactId)).findFirst()
                        .orElse(null);
    }

    /** The configuration's element names; with {@code valuesOnly}, of those without children (no list or map). */
    private static Set<String> names(Object configuration, boolean valuesOnly) {
        Set<String> names = new HashSet<>();
        if (configuration instanceof Xpp3Dom dom) {
            for (Xpp3Dom c : dom.getChildren()) {
                if (!valuesOnly || c.getChildCount() == 0) {
                    names.add(c.getName());
                }
            }
        }
        return names;
    }

    private static Model read(Path pom) throws Exception {
        try (Reader r = Files.newBufferedReader(pom)) {
            return new MavenXpp3Reader().read(r);
        }
    }
}
