package io.github.dom0build.maven;

import io.github.dom0build.core.BuildException;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import org.apache.maven.model.Plugin;
import org.apache.maven.model.PluginExecution;
import org.apache.maven.project.MavenProject;
import org.codehaus.plexus.util.xml.Xpp3Dom;

/**
 * Parameters a goal no longer has, still set for it in the POM: Maven 3.8 drops a {@code <configuration>}
 * element no parameter takes without a word, so the goal would do what the element asked to avoid. It
 * fails instead, saying what replaced it. A name other goals of the plugin still have (systemd-enable's
 * old {@code xenstored} is configure's) is only refused in an execution of the goal that none of those
 * goals share: a plugin-level element, or one in an execution that also runs such a goal, is meant for
 * that goal. Maven copies the plugin-level configuration into every execution, so an element equal to the
 * plugin-level one is that copy (and one an execution sets to the same value cannot be told from it).
 */
final class DroppedParameters {
    /**
     * @param goal {@code prefix:goal}
     * @param heldBy the goals of the plugin that still have the name (none: it is refused at either level)
     * @param property also refused as {@code -D}: no other check of the goal catches it
     * @param fix what to do instead
     */
    record Dropped(String goal, String name, Set<String> heldBy, boolean property, String fix) {
    }

    /** Where the kernel's stage is now, for this refusal and RenamedProperties' of the old -D. */
    static final String KERNEL_STAGE_PLACE = "dist stages into ${project.build.directory}/kernel-stage and install"
            + " reads it there (the POM's <build><directory> moves both)";
    /** Where Xen's DISTDIR is now, likewise. */
    static final String XEN_DIST_PLACE = "dist runs make dist with DISTDIR=${project.build.directory}/xen-dist and"
            + " install reads its install/ there (the POM's <build><directory> moves both)";
    private static final String KERNEL_STAGE = "drop it: " + KERNEL_STAGE_PLACE;
    private static final String XEN_DIST = "drop it: " + XEN_DIST_PLACE;
    private static final String PATH_PROGRAM = "drop it: the goals run the program on the PATH (else /usr/sbin,"
            + " /sbin); put another first on the PATH to use it";
    private static final Set<String> ROOT_GOALS = Set.of("install", "uninstall", "systemd-enable", "grub-update");
    private static final Set<String> MAKE_GOALS = Set.of("make", "configure", "defconfig", "dist");

    static final List<Dropped> ALL = List.of(
            new Dropped("kernel:dist", "stageDirectory", Set.of(), false, KERNEL_STAGE),
            new Dropped("kernel:install", "stageDirectory", Set.of(), false, KERNEL_STAGE),
            new Dropped("xen:dist", "distDirectory", Set.of(), false, XEN_DIST),
            new Dropped("xen:install", "distDirectory", Set.of(), false, XEN_DIST),
            new Dropped("xen:systemd-enable", "setXenstored", Set.of(), false,
                    "drop it, and set <xencommonsXenstored>unchanged</xencommonsXenstored> where it was false"),
            new Dropped("xen:systemd-enable", "xenstored", Set.of("configure"), false,
                    "use <xencommonsXenstored> (configured, oxenstored, cxenstored or unchanged) in this execution"
                            + " instead; xenstored is configure's, the daemon Xen is built with"),
            new Dropped("kernel:uninstall", "initramfs", Set.of("install"), true,
                    "drop it: uninstall removes the initramfs with the tool install recorded in"
                            + " /var/lib/dom0-build/<installation>.initramfs (for an install made before that record,"
                            + " write the tool's name there)"),
            new Dropped("xen:boot-test", "root", ROOT_GOALS, false,
                    "use <bundleRoot> (-Dxen.bundleRoot) instead: the dom0 root assemble makes and boot-test boots"),
            new Dropped("xen:boot-test", "timeout", MAKE_GOALS, false,
                    "use <bootTimeout> (-Dxen.bootTest.bootTimeout) instead; timeout is make's"),
            new Dropped("xen:bundle", "sbom", Set.of("dist"), false,
                    "use <bundleSbom> (-Dxen.bundleSbom) instead; sbom is dist's"),
            new Dropped("xen:configure", "offline", Set.of(), false,
                    "use <allowDownloads> instead, inverted (true where offline was false)"),
            new Dropped("xen:install", "ldconfig", Set.of(), false, PATH_PROGRAM),
            new Dropped("xen:uninstall", "ldconfig", Set.of(), false, PATH_PROGRAM),
            new Dropped("xen:install", "systemctl", Set.of(), false, PATH_PROGRAM),
            new Dropped("xen:uninstall", "systemctl", Set.of(), false, PATH_PROGRAM),
            new Dropped("xen:systemd-enable", "systemctl", Set.of(), false, PATH_PROGRAM));

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
        check(goal, pluginLevel, execution == null ? null : (Xpp3Dom) execution.getConfiguration(),
                execution == null ? List.of() : execution.getGoals(), user);
    }

    /** @param executionGoals the goals the execution runs, without prefix */
    static void check(String goal, Xpp3Dom pluginLevel, Xpp3Dom executionLevel, List<String> executionGoals,
            Properties user) throws BuildException {
        for (Dropped d : ALL) {
            if (!d.goal().equals(goal)) {
                continue;
            }
            boolean copied = has(pluginLevel, d.name()) && has(executionLevel, d.name())
                    && pluginLevel.getChild(d.name()).equals(executionLevel.getChild(d.name()));
            boolean own = has(executionLevel, d.name()) && !copied
                    && executionGoals.stream().noneMatch(d.heldBy()::contains);
            String where = own ? "this execution's <configuration>"
                    : d.heldBy().isEmpty() && has(pluginLevel, d.name()) ? "the plugin's <configuration>"
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
