package io.github.dom0build.core.install;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dom0build.core.BuildException;
import io.github.dom0build.core.archive.TreeEntry;
import io.github.dom0build.core.bootloader.HypervisorLinks;
import io.github.dom0build.core.io.Sha256;
import io.github.dom0build.core.log.BuildLog;
import io.github.dom0build.core.testing.RecordingLog;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RootInstallerTest {
    @TempDir
    Path tmp;

    private final RecordingLog log = new RecordingLog();
    private Path stage;
    private TargetRoot root;

    /**
     * The stage: a kernel (replacing an older one), its unchanged config, the hypervisor and its link,
     * Xen's config directory and xl. The root: an earlier kernel, the same config, usr/sbin with an
     * unrelated program, and the state directory of an earlier install.
     */
    @BeforeEach
    void setUp() throws Exception {
        stage = tmp.resolve("stage");
        write(stage, "boot/vmlinuz-6.1.0", "kernel v2", false);
        write(stage, "boot/config-6.1.0", "CONFIG_XEN_DOM0=y\n", false);
        write(stage, "boot/xen-4.17.5.gz", "hypervisor", false);
        Files.createSymbolicLink(stage.resolve("boot/xen.gz"), Path.of("xen-4.17.5.gz"));
        write(stage, "etc/xen/xl.conf", "autoballoon=\"off\"\n", false);
        write(stage, "usr/sbin/xl", "#!/bin/sh\necho xl\n", true);

        Path r = tmp.resolve("root");
        write(r, "boot/vmlinuz-6.1.0", "kernel v1", false);
        write(r, "boot/config-6.1.0", "CONFIG_XEN_DOM0=y\n", false);
        write(r, "usr/sbin/other", "unrelated", true);
        Files.createDirectories(r.resolve("etc"));
        Files.createDirectories(r.resolve("var/lib/dom0-build"));
        root = TargetRoot.resolve(r, false, "install Xen", "xen.install.allowLive");
    }

    private static void write(Path base, String rel, String content, boolean exec) throws IOException {
        Path p = base.resolve(rel);
        Files.createDirectories(p.getParent());
        Files.writeString(p, content, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(exec ? "rwxr-xr-x" : "rw-r--r--"));
    }

    /** Every path under {@code dir} with what it is: a directory, a link and its target, or a file's digest and mode. */
    static Map<String, String> snapshot(Path dir) throws IOException {
        Map<String, String> out = new TreeMap<>();
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) {
                if (!d.equals(dir)) {
                    out.put(dir.relativize(d).toString(), "dir");
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) throws IOException {
                String v = attrs.isSymbolicLink() ? "link -> " + Files.readSymbolicLink(f)
                        : Sha256.of(f) + " " + PosixFilePermissions.toString(Files.getPosixFilePermissions(f));
                out.put(dir.relativize(f).toString(), v);
                return FileVisitResult.CONTINUE;
            }
        });
        return out;
    }

    private static Map<String, InstallPlan.Action> actions(InstallPlan plan) {
        return plan.changes().stream().collect(Collectors.toMap(c -> c.entry().path(), InstallPlan.Change::action,
                (a, b) -> a, TreeMap::new));
    }

    /** A log that also runs {@code hook} once, when the installer reports its plan (after planning, before copying). */
    private BuildLog hookAfterPlan(Consumer<String> hook) {
        return new BuildLog() {
            private boolean done;

            @Override
            public void debug(String m) {
                log.debug(m);
            }

            @Override
            public void info(String m) {
                log.info(m);
                if (!done && m.contains(" change(s) in ")) {
                    done = true;
                    hook.accept(m);
                }
            }

            @Override
            public void warn(String m) {
                log.warn(m);
            }

            @Override
            public void error(String m) {
                log.error(m);
            }
        };
    }

    @Test
    void thePlanSaysWhatIsCreatedReplacedAndAlreadyThere() throws Exception {
        InstallPlan plan = new RootInstaller(log).plan(stage, root);

        assertThat(actions(plan)).containsExactlyEntriesOf(new TreeMap<>(Map.of(
                "boot/vmlinuz-6.1.0", InstallPlan.Action.REPLACE,
                "boot/xen-4.17.5.gz", InstallPlan.Action.CREATE,
                "boot/xen.gz", InstallPlan.Action.CREATE,
                "etc/xen", InstallPlan.Action.CREATE_DIRECTORY,
                "etc/xen/xl.conf", InstallPlan.Action.CREATE,
                "usr/sbin/xl", InstallPlan.Action.CREATE)));
        // boot, boot/config-6.1.0, etc, usr, usr/sbin
        assertThat(plan.unchanged()).isEqualTo(5);
        assertThat(plan.isEmpty()).isFalse();
        assertThat(plan.changes()).extracting(c -> c.entry().path()).isSorted();
    }

    @Test
    void aChangedModeOrLinkTargetIsAReplacement() throws Exception {
        write(root.path(), "usr/sbin/xl", "#!/bin/sh\necho xl\n", false); // same bytes, not executable
        Files.createDirectories(root.resolve("boot"));
        Files.createSymbolicLink(root.resolve("boot/xen.gz"), Path.of("xen-4.16.gz"));
        write(root.path(), "etc/xen/xl.conf", "autoballoon=\"off\"\n", false);

        Map<String, InstallPlan.Action> actions = actions(new RootInstaller(log).plan(stage, root));
        assertThat(actions).containsEntry("usr/sbin/xl", InstallPlan.Action.REPLACE)
                .containsEntry("boot/xen.gz", InstallPlan.Action.REPLACE).doesNotContainKey("etc/xen/xl.conf")
                .doesNotContainKey("etc/xen");
    }

    @Test
    void aFileWhereTheStagePutsADirectoryIsRefusedBeforeAnythingChanges() throws Exception {
        write(root.path(), "etc/xen", "a file, not a directory", false);
        Map<String, String> before = snapshot(root.path());

        assertThatThrownBy(() -> new RootInstaller(log).install(stage, root, "xen", false))
                .isInstanceOfSatisfying(BuildException.class, e -> assertThat(e.problem())
                        .startsWith("Installing into staged root " + root.path() + " would clash with what is there:")
                        .contains(root.path().resolve("etc/xen") + " is a file, but the install puts a directory there")
                        .endsWith("Nothing was changed."));
        assertThat(snapshot(root.path())).isEqualTo(before);
    }

    @Test
    void aDirectoryWhereTheStagePutsAFileIsRefusedBeforeAnythingChanges() throws Exception {
        Files.delete(root.resolve("boot/vmlinuz-6.1.0"));
        Files.createDirectories(root.resolve("boot/vmlinuz-6.1.0/inside"));
        Map<String, String> before = snapshot(root.path());

        assertThatThrownBy(() -> new RootInstaller(log).install(stage, root, "xen", false))
                .isInstanceOf(BuildException.class)
                .hasMessageContaining(root.resolve("boot/vmlinuz-6.1.0") + " is a directory, but the install puts a file"
                        + " there")
                .hasMessageContaining("Nothing was changed.");
        assertThat(snapshot(root.path())).isEqualTo(before);
    }

    @Test
    void installPutsTheStageInPlaceAndAReinstallChangesNothing() throws Exception {
        RootInstaller installer = new RootInstaller(log);
        InstallPlan first = installer.install(stage, root, "xen", false);
        assertThat(first.changes()).hasSize(6);

        Map<String, String> installed = snapshot(root.path());
        Map<String, String> staged = snapshot(stage);
        staged.forEach((path, what) -> assertThat(installed).as(path).containsEntry(path, what));
        assertThat(installed).containsEntry("boot/xen.gz", "link -> xen-4.17.5.gz")
                .containsEntry("usr/sbin/other", Sha256.of("unrelated".getBytes(StandardCharsets.UTF_8)) + " rwxr-xr-x");
        assertThat(installed.get("usr/sbin/xl")).endsWith(" rwxr-xr-x");
        assertThat(installed.get("etc/xen/xl.conf")).endsWith(" rw-r--r--");
        // No temporaries, backups or journal are left.
        assertThat(installed.keySet()).noneMatch(p -> p.contains(".dom0-build-")).doesNotContain(
                "var/lib/dom0-build/xen.install-journal.json");
        assertThat(log.lines("INFO")).contains("  replace boot/vmlinuz-6.1.0", "  create boot/xen-4.17.5.gz",
                "  create directory etc/xen",
                "6 change(s) in staged root " + root.path() + ", 5 path(s) already up to date");

        InstallPlan second = installer.install(stage, root, "xen", false);
        assertThat(second.changes()).isEmpty();
        assertThat(second.unchanged()).isEqualTo(11);
        assertThat(snapshot(root.path())).isEqualTo(installed);
        assertThat(log.lines("INFO")).contains("0 change(s) in staged root " + root.path()
                + ", 11 path(s) already up to date");
    }

    @Test
    void theManifestListsTheInstalledFilesAndLinks() throws Exception {
        new RootInstaller(log).install(stage, root, "xen", false);
        String manifest = Files.readString(root.resolve("var/lib/dom0-build/xen.manifest"), StandardCharsets.UTF_8);
        assertThat(manifest).isEqualTo(
                Sha256.of("CONFIG_XEN_DOM0=y\n".getBytes(StandardCharsets.UTF_8)) + "  /boot/config-6.1.0\n"
                        + Sha256.of("kernel v2".getBytes(StandardCharsets.UTF_8)) + "  /boot/vmlinuz-6.1.0\n"
                        + Sha256.of("hypervisor".getBytes(StandardCharsets.UTF_8)) + "  /boot/xen-4.17.5.gz\n"
                        + "link -> xen-4.17.5.gz  /boot/xen.gz\n"
                        + Sha256.of("autoballoon=\"off\"\n".getBytes(StandardCharsets.UTF_8)) + "  /etc/xen/xl.conf\n"
                        + Sha256.of("#!/bin/sh\necho xl\n".getBytes(StandardCharsets.UTF_8)) + "  /usr/sbin/xl\n"
                        // created by this install, for uninstall to remove (boot, etc, usr/sbin and the records
                        // directory were there before)
                        + "dir  /etc/xen\n");
    }

    @Test
    void theIncludePredicateLeavesEntriesOut() throws Exception {
        RootInstaller installer = new RootInstaller(log);
        InstallPlan plan = installer.install(stage, root, "xen", false, e -> !HypervisorLinks.isUnversionedLink(e));

        assertThat(plan.changes()).extracting(c -> c.entry().path()).doesNotContain("boot/xen.gz")
                .contains("boot/xen-4.17.5.gz");
        assertThat(root.resolve("boot/xen.gz")).doesNotExist();
        assertThat(root.resolve("boot/xen-4.17.5.gz")).hasContent("hypervisor");
        assertThat(Files.readString(root.resolve("var/lib/dom0-build/xen.manifest"))).doesNotContain("xen.gz")
                .contains("/boot/xen-4.17.5.gz");
        assertThat(installer.plan(stage, root, e -> !HypervisorLinks.isUnversionedLink(e)).isEmpty()).isTrue();
        assertThat(actions(installer.plan(stage, root))).containsOnlyKeys("boot/xen.gz");
    }

    @Test
    void aDryRunOnlyLogs() throws Exception {
        Map<String, String> before = snapshot(root.path());
        InstallPlan plan = new RootInstaller(log).install(stage, root, "xen", true);

        assertThat(plan.changes()).hasSize(6);
        assertThat(snapshot(root.path())).isEqualTo(before);
        assertThat(log.lines("INFO")).contains("  would replace boot/vmlinuz-6.1.0", "  would create directory etc/xen",
                "Dry run: 6 change(s) would be made in staged root " + root.path() + ", 5 path(s) already up to date");
    }

    @Test
    void aDryRunDoesNotEvenCreateTheRoot() throws Exception {
        TargetRoot fresh = TargetRoot.resolve(tmp.resolve("fresh"), false, "install Xen", "xen.install.allowLive");
        InstallPlan plan = new RootInstaller(log).install(stage, fresh, "xen", true);
        assertThat(plan.changes()).hasSize(11);
        assertThat(fresh.path()).doesNotExist();

        new RootInstaller(log).install(stage, fresh, "xen", false);
        assertThat(Files.readString(fresh.resolve("usr/sbin/xl"))).isEqualTo("#!/bin/sh\necho xl\n");
    }

    @Test
    void aMissingStageIsReported() {
        assertThatThrownBy(() -> new RootInstaller(log).install(tmp.resolve("nothing"), root, "xen", false))
                .isInstanceOf(BuildException.class)
                .hasMessageContaining("Nothing to install: " + tmp.resolve("nothing") + " does not exist.");
    }

    @Test
    void aFailureWhileRenamingPutsEverythingBack() throws Exception {
        Map<String, String> before = snapshot(root.path());
        // After planning, something takes usr/sbin/xl's place: the last rename fails, after the kernel was
        // replaced, the hypervisor, its link and xl.conf created, and etc/xen made.
        BuildLog hooked = hookAfterPlan(m -> {
            try {
                Files.createDirectory(root.resolve("usr/sbin/xl"));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });

        assertThatThrownBy(() -> new RootInstaller(hooked).install(stage, root, "xen", false))
                .isInstanceOfSatisfying(BuildException.class, e -> assertThat(e.problem())
                        .startsWith("Installing into staged root " + root.path() + " failed: ")
                        .endsWith("Everything was put back as it was."));
        assertThat(snapshot(root.path())).isEqualTo(before);
        assertThat(log.lines("ERROR")).isEmpty();
    }

    @Test
    void aFailedFirstInstallLeavesNotEvenItsRecordsDirectory() throws Exception {
        Files.delete(root.resolve("var/lib/dom0-build"));
        Files.delete(root.resolve("var/lib"));
        Files.delete(root.resolve("var"));
        Map<String, String> before = snapshot(root.path());
        BuildLog hooked = hookAfterPlan(m -> {
            try {
                Files.createDirectory(root.resolve("usr/sbin/xl"));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });

        assertThatThrownBy(() -> new RootInstaller(hooked).install(stage, root, "xen", false))
                .isInstanceOf(BuildException.class);
        assertThat(root.resolve("var")).doesNotExist();
        assertThat(snapshot(root.path())).isEqualTo(before);
    }

    @Test
    void aStageFileThatCannotBeCopiedChangesNothing() throws Exception {
        Map<String, String> before = snapshot(root.path());
        BuildLog hooked = hookAfterPlan(m -> {
            try {
                Files.delete(stage.resolve("usr/sbin/xl"));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });

        assertThatThrownBy(() -> new RootInstaller(hooked).install(stage, root, "xen", false))
                .isInstanceOfSatisfying(BuildException.class, e -> assertThat(e.problem())
                        .startsWith("Installing into staged root " + root.path() + " failed while copying: ")
                        .contains("usr/sbin/xl").endsWith("Nothing was changed."));
        assertThat(snapshot(root.path())).isEqualTo(before);
    }

    /** What a run killed between its renames leaves: some files in place, the rest still temporaries. */
    private void leaveAnInterruptedInstall() throws IOException {
        Path boot = root.resolve("boot");
        // vmlinuz was replaced: the old one is the backup, the new one in place.
        Files.move(boot.resolve("vmlinuz-6.1.0"), boot.resolve("vmlinuz-6.1.0.dom0-build-old"));
        write(root.path(), "boot/vmlinuz-6.1.0", "kernel v2", false);
        // The hypervisor was created; its link is still a temporary.
        write(root.path(), "boot/xen-4.17.5.gz", "hypervisor", false);
        Files.createSymbolicLink(boot.resolve("xen.gz.dom0-build-new"), Path.of("xen-4.17.5.gz"));
        // etc/xen was created, xl.conf not yet renamed; usr/sbin/xl copied but not renamed.
        write(root.path(), "etc/xen/xl.conf.dom0-build-new", "autoballoon=\"off\"\n", false);
        write(root.path(), "usr/sbin/xl.dom0-build-new", "#!/bin/sh\necho xl\n", true);
        String journal = "{\"createdDirectories\":[\"" + root.resolve("etc/xen") + "\"],\"files\":["
                + item("boot/vmlinuz-6.1.0", true) + "," + item("boot/xen-4.17.5.gz", false) + ","
                + item("boot/xen.gz", false) + "," + item("etc/xen/xl.conf", false) + "," + item("usr/sbin/xl", false)
                + "]}";
        Files.writeString(root.resolve("var/lib/dom0-build/xen.install-journal.json"), journal);
    }

    private String item(String rel, boolean replaced) {
        Path t = root.path().resolve(rel);
        return "{\"target\":\"" + t + "\",\"temporary\":\"" + t + ".dom0-build-new\",\"backup\":"
                + (replaced ? "\"" + t + ".dom0-build-old\"" : "null") + "}";
    }

    @Test
    void recoverRollsBackWhatAKilledRunLeft() throws Exception {
        Map<String, String> before = snapshot(root.path());
        leaveAnInterruptedInstall();
        assertThat(snapshot(root.path())).isNotEqualTo(before);

        RootInstaller installer = new RootInstaller(log);
        assertThat(installer.recover(root, "xen")).isTrue();
        assertThat(snapshot(root.path())).isEqualTo(before);
        assertThat(log.lines("WARN")).containsExactly("An earlier install of xen into staged root " + root.path()
                + " was interrupted; rolling it back");
        assertThat(installer.recover(root, "xen")).as("nothing left to recover").isFalse();
        assertThat(installer.recover(root, "kernel")).as("another install's journal").isFalse();
    }

    @Test
    void theNextInstallRecoversFirstThenInstalls() throws Exception {
        leaveAnInterruptedInstall();
        InstallPlan plan = new RootInstaller(log).install(stage, root, "xen", false);

        assertThat(actions(plan)).containsEntry("boot/vmlinuz-6.1.0", InstallPlan.Action.REPLACE)
                .containsEntry("etc/xen", InstallPlan.Action.CREATE_DIRECTORY).hasSize(6);
        Map<String, String> installed = snapshot(root.path());
        snapshot(stage).forEach((path, what) -> assertThat(installed).as(path).containsEntry(path, what));
        assertThat(installed.keySet()).noneMatch(p -> p.contains(".dom0-build-") || p.endsWith("install-journal.json"));
        assertThat(log.lines("WARN")).hasSize(1);
    }

    @Test
    void aJournalOfAnotherMajorVersionIsRefusedAndNothingIsRolledBack() throws Exception {
        leaveAnInterruptedInstall();
        Path journal = root.resolve("var/lib/dom0-build/xen.install-journal.json");
        Files.writeString(journal, Files.readString(journal).replaceFirst("\\{", "{\"schemaVersion\": \"2.0\", "));
        Map<String, String> before = snapshot(root.path());

        assertThatThrownBy(() -> new RootInstaller(log).recover(root, "xen")).isInstanceOfSatisfying(
                BuildException.class, e -> {
                    assertThat(e.problem()).contains("install journal " + journal, "schemaVersion 2.0",
                            "reads schemaVersion 1.x");
                    assertThat(e.fix()).contains("use a version of the dom0-build plugins that reads schemaVersion"
                            + " 2.x");
                });
        assertThat(snapshot(root.path())).isEqualTo(before);
    }

    @Test
    void aDamagedJournalIsReportedNotIgnored() throws Exception {
        Files.writeString(root.resolve("var/lib/dom0-build/xen.install-journal.json"), "{\"files\": [");
        assertThatThrownBy(() -> new RootInstaller(log).install(stage, root, "xen", false))
                .isInstanceOf(BuildException.class).hasMessageContaining("Cannot roll back the interrupted install"
                        + " recorded in " + root.resolve("var/lib/dom0-build/xen.install-journal.json"));
    }

    @Test
    void commitRemovesTheJournalBeforeTheBackups() throws Exception {
        // A backup that cannot be removed (here a non-empty directory) must not leave the journal behind:
        // the next run would then roll back an install whose other backups are already gone.
        Path journalFile = InstallJournal.fileFor(root, "xen");
        InstallJournal journal = new InstallJournal(journalFile);
        Path stubborn = root.resolve("boot/config-6.1.0.dom0-build-old");
        Files.createDirectories(stubborn.resolve("inside"));
        Path plain = root.resolve("boot/vmlinuz-6.1.0.dom0-build-old");
        Files.writeString(plain, "kernel v1");
        journal.item(new InstallJournal.Item(root.resolve("boot/config-6.1.0"), root.resolve("boot/config-6.1.0.new"),
                stubborn));
        journal.item(new InstallJournal.Item(root.resolve("boot/vmlinuz-6.1.0"), root.resolve("boot/vmlinuz.new"),
                plain));
        journal.save();
        assertThat(journalFile).exists();

        List<Path> leftovers = journal.commit();
        assertThat(journalFile).doesNotExist();
        assertThat(plain).doesNotExist();
        assertThat(leftovers).containsExactly(stubborn);
        assertThat(new RootInstaller(log).recover(root, "xen")).isFalse();
    }

    @Test
    void theJournalRoundTripsThroughItsFile() throws Exception {
        Path file = InstallJournal.fileFor(root, "xen");
        assertThat(file).isEqualTo(root.resolve("var/lib/dom0-build/xen.install-journal.json"));
        InstallJournal j = new InstallJournal(file);
        j.createdDirectory(root.resolve("etc/xen"));
        j.item(new InstallJournal.Item(root.resolve("a"), root.resolve("a.new"), null));
        j.item(new InstallJournal.Item(root.resolve("b"), root.resolve("b.new"), root.resolve("b.old")));
        j.save();
        assertThat(file).content().startsWith("{\n  \"schemaVersion\": \"1.0\",\n").contains("\"backup\": null");
        assertThat(InstallJournal.load(file).items()).containsExactlyElementsOf(j.items());
    }

    @Test
    void installingEntriesThatAreAllUpToDateWritesNothing() throws Exception {
        RootInstaller installer = new RootInstaller(log);
        installer.install(stage, root, "xen", false);
        Path manifest = root.resolve("var/lib/dom0-build/xen.manifest");
        Files.writeString(manifest, "marker");
        installer.install(stage, root, "xen", false);
        assertThat(manifest).hasContent("marker");
    }

    @Test
    void theEntryKindsArriveAsScanned() throws Exception {
        InstallPlan plan = new RootInstaller(log).plan(stage, root);
        TreeEntry link = plan.changes().stream().map(InstallPlan.Change::entry).filter(e -> e.path().equals("boot/xen.gz"))
                .findFirst().orElseThrow();
        assertThat(link.kind()).isEqualTo(TreeEntry.Kind.SYMLINK);
        assertThat(link.linkTarget()).isEqualTo("xen-4.17.5.gz");
    }
}
