package io.github.dom0build.maven;

import io.github.dom0build.core.BuildException;
import java.util.List;
import java.util.Properties;
import org.apache.maven.model.Plugin;
import org.apache.maven.model.PluginExecution;
import org.apache.maven.project.MavenProject;
import org.codehaus.plexus.util.xml.Xpp3Dom;

/**
 * Parameters a goal no longer has, still set for it in the POM: Maven 3.8 drops a {@code <configuration>}
 * element no parameter takes without a word, so the goal would do what the element asked to avoid. It
 * fails instead, saying what replaced it. A name another goal of the plugin still has (systemd-enable's
 * old {@code xenstored} is configure's) is only refused in the goal's own execution, since a plugin-level
 * one is meant for that other goal: Maven copies the plugin-level configuration into every execution, so
 * an element equal to the plugin-level one is that copy. A name no goal has any more is refused at either
 * level.
 */
final class DroppedParameters {
    /**
     * @param goal {@code prefix:goal}
     * @param elsewhere another goal of the plugin still has the name
     * @param property also refused as {@code -D}: no other check of the goal catches it
     * @param fix what to do instead
     */
    record Dropped(String goal, String name, boolean elsewhere, boolean property, String fix) {
    }

    private static final String KERNEL_STAGE = "drop it: dist stages into ${project.build.directory}/kernel-stage"
            + " and install reads it there (<build><directory> moves both)";
    private static final String XEN_DIST = "drop it: dist runs make dist with"
            + " DISTDIR=${project.build.directory}/xen-dist and install reads its install/ there (<build><directory>"
            + " moves both)";

    static final List<Dropped> ALL = List.of(
            new Dropped("kernel:dist", "stageDirectory", false, false, KERNEL_STAGE),
            new Dropped("kernel:install", "stageDirectory", false, false, KERNEL_STAGE),
            new Dropped("xen:dist", "distDirectory", false, false, XEN_DIST),
            new Dropped("xen:install", "distDirectory", false, false, XEN_DIST),
            new Dropped("xen:systemd-enable", "setXenstored", false, false,
                    "drop it, and set <xencommonsXenstored>unchanged</xencommonsXenstored> where it was false"),
            new Dropped("xen:systemd-enable", "xenstored", true, false,
                    "use <xencommonsXenstored> (configured, oxenstored, cxenstored or unchanged) in this execution"
                            + " instead; xenstored is configure's, the daemon Xen is built with"),
            new Dropped("kernel:uninstall", "initramfs", true, true,
                    "drop it: uninstall removes the initramfs with the tool install recorded in"
                            + " /var/lib/dom0-build/<installation>.initramfs (for an install made before that record,"
                            + " write the tool's name there)"),
            new Dropped("xen:boot-test", "root", true, false,
                    "use <bundleRoot> (-Dxen.bundleRoot) instead: the dom0 root assemble makes and boot-test boots"));

    private DroppedParameters() {
    }

    /** Fails when this execution's POM configuration (or {@code -D}, where said) sets a dropped parameter. */
    static void check(String goal, MavenProject project, String pluginKey, String executionId, Properties user)
            throws BuildException {
        Plugin plugin = project == null || pluginKey == null ? null : project.getPlugin(pluginKey);
        if (plugin == null && project != null && project.getPluginManagement() != null) {
            plugin = project.getPluginManagement().getPluginsAsMap().get(pluginKey); // a goal run by name
        }
        Xpp3Dom pluginLevel = plugin == null ? null : (Xpp3Dom) plugin.getConfiguration();
        PluginExecution execution = plugin == null || executionId == null ? null
                : plugin.getExecutionsAsMap().get(executionId);
        check(goal, pluginLevel, execution == null ? null : (Xpp3Dom) execution.getConfiguration(), user);
    }

    static void check(String goal, Xpp3Dom pluginLevel, Xpp3Dom executionLevel, Properties user)
            throws BuildException {
        for (Dropped d : ALL) {
            if (!d.goal().equals(goal)) {
                continue;
            }
            boolean ownExecution = has(executionLevel, d.name()) && !(d.elsewhere()
                    && has(pluginLevel, d.name()) && pluginLevel.getChild(d.name()).equals(executionLevel.getChild(d.name())));
            String where = ownExecution ? "this execution's <configuration>"
                    : !d.elsewhere() && has(pluginLevel, d.name()) ? "the plugin's <configuration>"
                    : d.property() && user != null && user.containsKey(prefix(goal) + "." + d.name())
                            ? "-D" + prefix(goal) + "." + d.name() : null;
            if (where != null) {
                throw new BuildException(goal + " has no parameter " + d.name() + " any more, but " + where
                        + " sets it; ignoring it would do what it asked to avoid.", d.fix());
            }
        }
    }

    private static boolean has(Xpp3Dom configuration, String name) {
        return configuration != null && configuration.getChild(name) != null;
    }

    private static String prefix(String goal) {
        return goal.substring(0, goal.indexOf(':'));
    }
}
