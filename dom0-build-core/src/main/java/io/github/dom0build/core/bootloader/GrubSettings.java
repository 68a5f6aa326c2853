package io.github.dom0build.core.bootloader;

import io.github.dom0build.core.BuildException;
import io.github.dom0build.core.install.InstallJournal;
import io.github.dom0build.core.install.RootInstaller;
import io.github.dom0build.core.install.TargetRoot;
import io.github.dom0build.core.log.BuildLog;
import io.github.dom0build.core.process.Command;
import io.github.dom0build.core.process.ProcessRunner;
import io.github.dom0build.core.text.Printable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * grub's settings for the dom0: {@code xenDefault} (the Xen entry becomes grub's default, or is booted
 * once), {@code xenCommandLine} ({@code GRUB_CMDLINE_XEN_DEFAULT}) and {@code dom0CommandLine}
 * ({@code GRUB_CMDLINE_LINUX_XEN_REPLACE_DEFAULT}), written into grub's defaults file as data
 * ({@link GrubDefaultsWriter}) around grub's own generation of the configuration.
 *
 * <p>The command lines are set first and grub runs; the Xen entry for the dom0 kernel is found in what
 * it generated (its id is only known then); {@code yes} sets {@code GRUB_DEFAULT} to it and runs grub
 * again, {@code once} runs {@code grub-reboot} with it. Then the result is checked: the entry carries the
 * command lines, and the default (or grub's next entry) names it. The defaults file, grub.cfg and grubenv
 * are backed up and journaled (an {@link InstallJournal} named {@value #JOURNAL} in the root's
 * {@code var/lib/dom0-build}) before the first change: any failure after it, or a run killed half way and
 * found by the next one, puts them back as they were. What was changed stays recorded in the root for
 * {@link #restore}.
 */
public final class GrubSettings {
    /** The name of the journal in the root's {@code var/lib/dom0-build}. */
    public static final String JOURNAL = "grub-settings";
    static final String XEN_COMMAND_LINE = "GRUB_CMDLINE_XEN_DEFAULT";
    static final String DOM0_COMMAND_LINE = "GRUB_CMDLINE_LINUX_XEN_REPLACE_DEFAULT";
    static final String DEFAULT = "GRUB_DEFAULT";

    /**
     * What the user asked for; a null command line leaves the variable as it is.
     *
     * @param xenCommandLine Xen's options, {@code GRUB_CMDLINE_XEN_DEFAULT}
     * @param dom0CommandLine dom0's kernel options, {@code GRUB_CMDLINE_LINUX_XEN_REPLACE_DEFAULT}
     */
    public record Request(XenDefault xenDefault, String xenCommandLine, String dom0CommandLine) {
        public boolean changesNothing() {
            return xenDefault == XenDefault.NO && xenCommandLine == null && dom0CommandLine == null;
        }
    }

    /** One run of grub over the root, as {@link GrubUpdater} does it, with its check. */
    @FunctionalInterface
    public interface Generation {
        GrubUpdater.Result run() throws BuildException;
    }

    private final ProcessRunner runner;
    private final BuildLog log;

    public GrubSettings(ProcessRunner runner, BuildLog log) {
        this.runner = runner;
        this.log = log;
    }

    /**
     * Applies {@code request} around {@code generation} (see the class comment); with nothing requested,
     * only runs it, after rolling back what an earlier run killed half way left. {@code kernels} are the goal's: with {@code xenDefault}, the one release whose entry
     * becomes the default (empty: the one dom0 kernel in the root's /boot). A dry run checks what it can
     * and logs every change without making one; {@code generation} must then be a dry run as well.
     */
    public GrubUpdater.Result apply(TargetRoot root, GrubTarget target, Request request, List<String> kernels,
            Generation generation, boolean dryRun) throws BuildException {
        if (!dryRun) {
            new RootInstaller(log).recover(root, JOURNAL); // an earlier run killed half way: its files back first
        }
        if (request.changesNothing()) {
            return generation.run();
        }
        // Everything that can be refused is refused before the first change.
        List<CommandLine> commandLines = new ArrayList<>();
        if (request.xenCommandLine() != null) {
            commandLines.add(new CommandLine(XEN_COMMAND_LINE, request.xenCommandLine(), "xenCommandLine"));
        }
        if (request.dom0CommandLine() != null) {
            commandLines.add(new CommandLine(DOM0_COMMAND_LINE, request.dom0CommandLine(), "dom0CommandLine"));
        }
        if (request.xenDefault() == XenDefault.ONCE && target.grubReboot().isEmpty()) {
            throw new BuildException("xenDefault=once boots the Xen entry once through grub-reboot, but "
                    + target.noGrubReboot() + ". Nothing was changed.", "use xenDefault=yes on this root (or no)");
        }
        String release = request.xenDefault() == XenDefault.NO ? null : release(root, kernels);
        Path file = target.defaultsFile();
        boolean existed = Files.exists(file, LinkOption.NOFOLLOW_LINKS);
        String before = read(file);
        Map<String, GrubDefaultsWriter.Edit> edits = new LinkedHashMap<>();
        String content = before;
        for (CommandLine c : commandLines) {
            GrubDefaultsWriter.Edit edit = GrubDefaultsWriter.set(content, file, c.variable(), c.value(),
                    c.parameter());
            edits.put(c.variable(), edit);
            content = edit.content();
        }
        if (dryRun) {
            logPlan(target, request.xenDefault(), release, before, edits);
            return generation.run();
        }
        InstallJournal journal = begin(root, target, request.xenDefault() == XenDefault.ONCE);
        try {
            if (!content.equals(before)) {
                GrubDefaultsWriter.write(file, content);
                edits.forEach((name, edit) -> log.info("Set " + describe(edit) + " in " + file));
            }
            GrubUpdater.Result result = generation.run();
            String name = null;
            if (release != null) {
                GrubConfigCheck.XenEntry entry = GrubConfigCheck.entryFor(result.entries(), release);
                if (entry == null) {
                    throw new BuildException("The generated " + result.grubConfig() + " has no Xen entry for Linux "
                            + release + ".", "read grub's output above");
                }
                name = name(entry, target);
                if (request.xenDefault() == XenDefault.YES) {
                    GrubDefaultsWriter.Edit edit = GrubDefaultsWriter.set(content, file, DEFAULT, name,
                            "the Xen entry's name for " + DEFAULT);
                    GrubDefaultsWriter.write(file, edit.content());
                    edits.put(DEFAULT, edit);
                    log.info("Set " + describe(edit) + " in " + file + ": the Xen entry '" + entry.title()
                            + "' becomes grub's default");
                    result = generation.run();
                } else {
                    List<String> argv = new ArrayList<>(target.grubReboot());
                    argv.add(name);
                    log.info("Booting the Xen entry '" + entry.title() + "' once: " + String.join(" ", argv));
                    runner.run(Command.of(argv).logPrefix("[grub] ").build());
                }
            }
            new GrubSettingsCheck(log).check(root, target, request, kernels, release, name, result);
            if (!edits.isEmpty()) {
                record(root, target, existed, edits);
            }
            for (Path p : journal.commit()) {
                log.warn("grub's settings are in place, but the backup " + p + " could not be removed; delete it");
            }
            return result;
        } catch (BuildException | IOException | RuntimeException e) {
            throw rolledBack(journal, target, request.xenDefault(), e);
        }
    }

    /** One command line the user set: the variable, its value and the parameter it came from. */
    private record CommandLine(String variable, String value, String parameter) {
    }

    private void logPlan(GrubTarget target, XenDefault xenDefault, String release, String before,
            Map<String, GrubDefaultsWriter.Edit> edits) {
        Path file = target.defaultsFile();
        edits.values().forEach(e -> log.info("Dry run: would set " + describe(e) + " in " + file));
        if (xenDefault == XenDefault.YES) {
            log.info("Dry run: would run grub, set " + DEFAULT + " in " + file + " to the Xen entry for Linux "
                    + release + " in what it generates (now " + shown(GrubDefaultsWriter.value(before, DEFAULT))
                    + "), and run grub again");
        } else if (xenDefault == XenDefault.ONCE) {
            log.info("Dry run: would run grub, then " + String.join(" ", target.grubReboot())
                    + " <the Xen entry for Linux " + release + ">: booted once, then grub's default again");
        }
    }

    /** Puts grub's files back after {@code failure}, and says so in the error. */
    private BuildException rolledBack(InstallJournal journal, GrubTarget target, XenDefault xenDefault,
            Exception failure) {
        try {
            journal.rollBack();
        } catch (IOException r) {
            log.error("Could not put grub's files back: " + r + "; the journal " + JOURNAL
                    + ".install-journal.json in the root's var/lib/dom0-build lists them");
        }
        Path file = target.defaultsFile();
        String problem = failure instanceof BuildException b ? b.problem() : failure.toString();
        String fix = failure instanceof BuildException b ? b.fix() : "check that " + file + " and "
                + target.grubConfig() + " are writable";
        return new BuildException(problem + "\n  grub's settings were put back as they were: " + file + " and "
                + target.grubConfig() + (xenDefault == XenDefault.ONCE ? " and " + target.grubenv() : "")
                + " are unchanged.", fix, failure);
    }

    /**
     * Puts back what grub-update's settings changed in {@code root}'s grub defaults file, as recorded in
     * its {@code var/lib/dom0-build/grub-settings.json}: each variable dom0-build set gets its statement
     * from before (or its line is removed when there was none), and a file dom0-build created is removed
     * when nothing else is left in it. A variable changed since dom0-build set it is kept, with a warning.
     * Then the record is removed. An earlier grub-update killed half way is rolled back first. grub's
     * configuration is not regenerated here: run grub afterwards (the uninstall's hooks). Nothing
     * recorded: nothing to do. A dry run logs the same and changes nothing.
     *
     * @return one line per variable put back, for the log
     */
    public List<String> restore(TargetRoot root, boolean dryRun) throws BuildException {
        if (!dryRun) {
            new RootInstaller(log).recover(root, JOURNAL);
        }
        Path recordFile = GrubUpdater.inside(root, GrubSettingsRecord.PATH);
        if (!Files.isRegularFile(recordFile, LinkOption.NOFOLLOW_LINKS)) {
            return List.of();
        }
        List<String> restored = new ArrayList<>();
        Path file = null;
        try {
            GrubSettingsRecord record = GrubSettingsRecord.load(recordFile);
            file = GrubUpdater.inside(root, record.file());
            String content = read(file);
            List<Map.Entry<String, GrubSettingsRecord.Setting>> settings =
                    new ArrayList<>(record.settings().entrySet());
            Collections.reverse(settings);
            for (Map.Entry<String, GrubSettingsRecord.Setting> s : settings) {
                String name = s.getKey();
                String next = GrubDefaultsWriter.replace(content, name, s.getValue().written(),
                        s.getValue().previous());
                if (next != null) {
                    content = next;
                    restored.add(name + (s.getValue().previous() == null ? ": the line dom0-build added removed"
                            : ": back to " + Printable.escape(s.getValue().previous())));
                } else if (!isAlready(content, name, s.getValue().previous())) {
                    GrubDefaults.Statement now = GrubDefaultsWriter.last(content, name);
                    log.warn(file + ": " + name + " was changed since dom0-build set it (it reads "
                            + (now == null ? "nothing" : Printable.escape(now.stripped())) + "); kept as it is");
                }
            }
            boolean remove = record.created() && content.isBlank();
            for (String r : restored) {
                log.info((dryRun ? "Dry run: would restore " : "Restored ") + r + " in " + file);
            }
            if (dryRun) {
                if (remove) {
                    log.info("Dry run: would remove " + file + ", which dom0-build had created");
                }
                return restored;
            }
            if (remove) {
                Files.deleteIfExists(file);
                log.info("Removed " + file + ", which dom0-build had created");
            } else if (!restored.isEmpty()) {
                GrubDefaultsWriter.write(file, content);
            }
            Files.delete(recordFile);
            return restored;
        } catch (IOException e) {
            throw new BuildException("Cannot restore grub's settings from " + recordFile + (file == null ? "" : " into "
                    + file) + ": " + e.getMessage(), "check that both are readable and writable; the record lists"
                            + " each line as it was before dom0-build set it", e);
        }
    }

    private static boolean isAlready(String content, String name, String previous) {
        GrubDefaults.Statement now = GrubDefaultsWriter.last(content, name);
        return previous == null ? now == null
                : now != null && content.substring(now.start(), now.end()).equals(previous);
    }

    /** The one kernel release whose Xen entry becomes the default. */
    private static String release(TargetRoot root, List<String> kernels) throws BuildException {
        if (kernels.size() == 1) {
            return kernels.get(0);
        }
        if (kernels.size() > 1) {
            throw new BuildException("xenDefault makes one Xen entry grub's default, but kernels names "
                    + kernels.size() + ": " + String.join(", ", kernels) + ". Nothing was changed.",
                    "set kernels to the one release to boot");
        }
        Path boot = GrubUpdater.inside(root, "boot");
        BootFiles files = BootFiles.scan(boot);
        files.require(kernels, boot);
        if (files.dom0Kernels().size() > 1) {
            throw new BuildException("xenDefault makes one Xen entry grub's default, but " + boot + " has "
                    + files.dom0Kernels().size() + " dom0 kernels: " + String.join(", ", files.dom0Kernels())
                    + ". Nothing was changed.", "set kernels to the one release to boot (-Dxen.kernels="
                            + files.dom0Kernels().get(0) + ")");
        }
        return files.dom0Kernels().get(0);
    }

    /**
     * How GRUB_DEFAULT names the entry: by its ids (with the submenus') where grub-mkconfig made them; on
     * a staged root by its titles, since there the ids lack the boot device that the target's grub puts in.
     */
    private String name(GrubConfigCheck.XenEntry entry, GrubTarget target) {
        if (target.mkconfig() && entry.idPath() != null) {
            return entry.idPath();
        }
        log.info(target.mkconfig() ? "The Xen entry '" + entry.title() + "' has no id: grub's default names it by"
                + " its title" : "On a staged root the Xen entry's id lacks the boot device (" + entry.id() + "; the"
                        + " target's grub puts its disk's uuid there), so grub's default names the entry by its"
                        + " title, which the target's grub gives it as well");
        return entry.titlePath();
    }

    /** The journal, with a backup of each file that may change, saved before the first change. */
    private static InstallJournal begin(TargetRoot root, GrubTarget target, boolean once) throws BuildException {
        try {
            InstallJournal journal = new InstallJournal(InstallJournal.fileFor(root, JOURNAL));
            Path record = GrubUpdater.inside(root, GrubSettingsRecord.PATH);
            List<Path> files = new ArrayList<>(List.of(target.defaultsFile(), target.grubConfig(), record));
            if (once) {
                files.add(target.grubenv());
            }
            List<Path> missing = new ArrayList<>();
            for (Path f : files) {
                for (Path d = f.getParent(); d != null && d.startsWith(root.path()) && !d.equals(root.path())
                        && !Files.exists(d, LinkOption.NOFOLLOW_LINKS); d = d.getParent()) {
                    if (!missing.contains(d)) {
                        missing.add(d);
                    }
                }
            }
            missing.forEach(journal::createdDirectory);
            List<Path[]> backups = new ArrayList<>();
            for (Path f : files) {
                Path backup = Files.exists(f, LinkOption.NOFOLLOW_LINKS)
                        ? f.resolveSibling(f.getFileName() + ".dom0-build-old") : null;
                journal.item(new InstallJournal.Item(f, GrubDefaultsWriter.temporary(f), backup));
                if (backup != null) {
                    backups.add(new Path[] {f, backup});
                }
            }
            journal.save();
            for (Path[] b : backups) {
                Files.copy(b[0], b[1], StandardCopyOption.COPY_ATTRIBUTES, StandardCopyOption.REPLACE_EXISTING);
            }
            Files.createDirectories(target.defaultsFile().getParent());
            Files.createDirectories(record.getParent());
            return journal;
        } catch (IOException e) {
            throw new BuildException("Cannot back up grub's files before changing them: " + e.getMessage()
                    + ". Nothing was changed.", "check the free space and permissions of " + root.path(), e);
        }
    }

    /** What was changed, kept in the root for {@link #restore}: merged into an earlier record. */
    private static void record(TargetRoot root, GrubTarget target, boolean existed,
            Map<String, GrubDefaultsWriter.Edit> edits) throws BuildException, IOException {
        Path path = GrubUpdater.inside(root, GrubSettingsRecord.PATH);
        GrubSettingsRecord record = Files.isRegularFile(path) ? GrubSettingsRecord.load(path)
                : new GrubSettingsRecord(root.path().relativize(target.defaultsFile()).toString(), !existed, Map.of());
        for (Map.Entry<String, GrubDefaultsWriter.Edit> e : edits.entrySet()) {
            record = record.with(e.getKey(), e.getValue().previous(), e.getValue().written());
        }
        GrubDefaultsWriter.write(path, record.json());
    }

    static String read(Path file) throws BuildException {
        try {
            return GrubDefaultsWriter.read(file);
        } catch (IOException e) {
            throw new BuildException("Cannot read grub's defaults " + file + ": " + e.getMessage(),
                    "check that it is a readable file", e);
        }
    }

    private static String describe(GrubDefaultsWriter.Edit edit) {
        return Printable.escape(edit.written()) + (edit.previous() == null ? " (a new line)"
                : " (was " + Printable.escape(edit.previous()) + ")");
    }

    static String shown(String value) {
        return value == null ? "nothing" : "'" + Printable.escape(value) + "'";
    }
}
