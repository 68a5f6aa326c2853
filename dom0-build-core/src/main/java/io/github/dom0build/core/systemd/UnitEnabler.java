package io.github.dom0build.core.systemd;

import io.github.dom0build.core.BuildException;
import io.github.dom0build.core.install.TargetRoot;
import io.github.dom0build.core.log.BuildLog;
import io.github.dom0build.core.machine.HostPrograms;
import io.github.dom0build.core.process.Command;
import io.github.dom0build.core.process.ProcessRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Enables the Xen units the build installed, the recipe's {@code systemctl enable} step: with
 * {@code systemctl --root=ROOT} on a staged root (offline, no running systemd needed), or on the live
 * system after a {@code daemon-reload}. {@code SYSTEMCTL_SKIP_SYSV=1} keeps systemctl from running the
 * SysV scripts' {@code update-rc.d} inside the root (xendomains and xen-watchdog ship both). Units
 * without an [Install] section (proc-xen.mount, which xenstored.service pulls in) have nothing to
 * enable and are reported as such; of the default units, one whose program is not in the root (the
 * dom0 disk backend runs the distribution's QEMU) is not enabled, and the log says why. Afterwards each
 * enabled unit's {@code .wants}/{@code .requires} link is checked.
 */
public final class UnitEnabler {
    /** The Xen units to enable when the user names none: those of them this Xen installed. */
    public static final List<String> DEFAULT_UNITS = List.of("xenstored.socket", "xenstored.service",
            "xenconsoled.service", "xen-init-dom0.service", "xen-qemu-dom0-disk-backend.service", "proc-xen.mount");

    /** What was enabled and what was skipped, with the reason. */
    public record Result(List<String> enabled, List<String> skipped) {
    }

    private final ProcessRunner runner;
    private final BuildLog log;

    public UnitEnabler(ProcessRunner runner, BuildLog log) {
        this.runner = runner;
        this.log = log;
    }

    /** The units {@link #plan} found and will enable, and those it skips (no [Install] section). */
    public record Plan(List<String> enable, List<String> skipped, List<UnitFile> found) {
    }

    /**
     * @param units the units to enable; {@code null} means {@link #DEFAULT_UNITS}, of which the missing
     *        ones are skipped (older and newer Xen differ). Named units must all exist.
     */
    public Result enable(TargetRoot root, List<String> units, boolean dryRun)
            throws BuildException {
        return enable(root, plan(root, units), dryRun);
    }

    /**
     * Checks the unit names and finds the unit files, changing nothing: callers that change the root
     * around the enabling (xencommons) do this first, so that a bad name changes nothing at all.
     */
    public Plan plan(TargetRoot root, List<String> units) throws BuildException {
        boolean explicit = units != null && !units.isEmpty();
        List<String> enable = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        List<UnitFile> found = new ArrayList<>();
        try {
            for (String u : explicit ? units : DEFAULT_UNITS) {
                if (!u.matches("[A-Za-z0-9:_.@\\\\-]+\\.(service|socket|mount|target|timer|path)")) {
                    throw new BuildException("'" + u + "' is not a systemd unit name.",
                            "name units like xenstored.service or proc-xen.mount");
                }
                var unit = UnitFile.find(root.path(), u);
                if (unit.isEmpty()) {
                    if (explicit) {
                        throw new BuildException(u + " is not installed in " + root.describe() + " (looked in "
                                + String.join(", ", UnitFile.UNIT_DIRS) + ").",
                                "check the name, and that Xen was configured with systemd=true and installed there");
                    }
                    log.debug(u + " is not installed by this Xen; skipped");
                    continue;
                }
                if (!unit.get().hasInstallSection()) {
                    skipped.add(u);
                    log.info(u + " has no [Install] section, so there is nothing to enable (a unit that needs it"
                            + " pulls it in)");
                    continue;
                }
                String program = unit.get().execStartProgram();
                if (!explicit && program != null && program.startsWith("/") && !Files.exists(root.path().resolve(
                        program.substring(1)), LinkOption.NOFOLLOW_LINKS)) {
                    // Enabling it would only add a unit that fails at every boot (the disk backend's QEMU is the
                    // distribution's, given to configure as systemQemu, and not part of any Xen build).
                    skipped.add(u);
                    log.info(u + " is not enabled: it runs " + program + ", which " + root.describe() + " does not"
                            + " have. Install that program there and name the unit in units to enable it.");
                    continue;
                }
                enable.add(u);
                found.add(unit.get());
            }
        } catch (IOException e) {
            throw new BuildException("Cannot read the unit files in " + root.describe() + ": " + e.getMessage(),
                    "check its permissions", e);
        }
        if (enable.isEmpty()) {
            throw new BuildException("No Xen unit to enable in " + root.describe() + ".",
                    "install Xen built with systemd=true into this root first (xen:install)");
        }
        return new Plan(enable, skipped, found);
    }

    /** Enables what {@link #plan} found. */
    public Result enable(TargetRoot root, Plan plan, boolean dryRun) throws BuildException {
        String systemctl = HostPrograms.find(HostPrograms.SYSTEMCTL);
        List<String> enable = plan.enable();
        List<String> skipped = plan.skipped();
        List<UnitFile> found = plan.found();
        List<String> argv = new ArrayList<>(List.of(systemctl));
        if (!root.live()) {
            argv.add("--root=" + root.path());
        }
        argv.add("enable");
        argv.addAll(enable);
        if (dryRun) {
            log.info("Dry run: would run " + String.join(" ", argv));
            return new Result(enable, skipped);
        }
        if (root.live() && Files.isDirectory(Path.of("/run/systemd/system"))) {
            runner.run(Command.of(systemctl, "daemon-reload").logPrefix("[systemctl] ").build());
        }
        runner.run(Command.of(argv).env("SYSTEMCTL_SKIP_SYSV", "1").logPrefix("[systemctl] ").build());
        if (!root.live()) {
            verifyLinks(root, found);
        }
        return new Result(enable, skipped);
    }

    /**
     * Disables those of {@code unitFiles} (paths as on the machine, such as
     * {@code /usr/lib/systemd/system/xenstored.service}) that are enabled, before an uninstall removes
     * them: no {@code .wants} link is left pointing at a unit that is gone. Returns the units disabled.
     */
    public List<String> disableEnabled(TargetRoot root, List<String> unitFiles, boolean dryRun)
            throws BuildException {
        String systemctl = HostPrograms.find(HostPrograms.SYSTEMCTL);
        List<String> enabled = new ArrayList<>();
        for (String f : unitFiles) {
            String name = f.substring(f.lastIndexOf('/') + 1);
            boolean inUnitDir = UnitFile.UNIT_DIRS.stream().anyMatch(d -> f.equals("/" + d + "/" + name));
            if (inUnitDir && name.matches("[A-Za-z0-9:_.@\\\\-]+\\.(service|socket|mount|target|timer|path)")
                    && isEnabled(root, name)) {
                enabled.add(name);
            }
        }
        if (enabled.isEmpty()) {
            return enabled;
        }
        List<String> argv = new ArrayList<>(List.of(systemctl));
        if (!root.live()) {
            argv.add("--root=" + root.path());
        }
        argv.add("disable");
        argv.addAll(enabled);
        if (dryRun) {
            log.info("Dry run: would run " + String.join(" ", argv));
            return enabled;
        }
        runner.run(Command.of(argv).env("SYSTEMCTL_SKIP_SYSV", "1").logPrefix("[systemctl] ").build());
        return enabled;
    }

    /** Whether a {@code .wants} or {@code .requires} link in the root's etc/systemd/system names the unit. */
    private static boolean isEnabled(TargetRoot root, String unit) throws BuildException {
        try {
            Path dir = root.resolveFollowing("etc/systemd/system");
            if (!Files.isDirectory(dir)) {
                return false;
            }
            try (java.util.stream.Stream<Path> s = Files.list(dir)) {
                for (Path d : s.toList()) {
                    String n = d.getFileName().toString();
                    if ((n.endsWith(".wants") || n.endsWith(".requires"))
                            && Files.isSymbolicLink(d.resolve(unit))) {
                        return true;
                    }
                }
            }
            return false;
        } catch (IOException e) {
            throw new BuildException("Cannot read etc/systemd/system in " + root.describe() + ": " + e.getMessage(),
                    "check the root", e);
        }
    }

    private static void verifyLinks(TargetRoot root, List<UnitFile> units) throws BuildException {
        List<String> missing = new ArrayList<>();
        for (UnitFile u : units) {
            for (String target : u.wantedBy()) {
                check(root, target + ".wants", u.name(), missing);
            }
            for (String target : u.requiredBy()) {
                check(root, target + ".requires", u.name(), missing);
            }
        }
        if (!missing.isEmpty()) {
            throw new BuildException("systemctl reported success but these links are missing:\n    "
                    + String.join("\n    ", missing), "run systemctl --root=" + root.path() + " enable by hand to see why");
        }
    }

    private static void check(TargetRoot root, String dir, String unit, List<String> missing) {
        try {
            Path link = root.resolve("etc/systemd/system/" + dir + "/" + unit);
            if (!Files.isSymbolicLink(link)) {
                missing.add(link.toString());
            }
        } catch (IOException e) {
            missing.add(root.path().resolve("etc/systemd/system/" + dir + "/" + unit) + " (" + e.getMessage() + ")");
        }
    }
}
