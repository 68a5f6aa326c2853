package io.github.dom0build.core.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dom0build.core.BuildException;
import io.github.dom0build.core.boottest.BootTest;
import io.github.dom0build.core.boottest.BootTestRequest;
import io.github.dom0build.core.configure.XenstoredChoice;
import io.github.dom0build.core.dist.Dom0Bundle;
import io.github.dom0build.core.dist.KernelStager;
import io.github.dom0build.core.dist.XenStager;
import io.github.dom0build.core.fetch.DirectorySource;
import io.github.dom0build.core.fetch.FetchRequest;
import io.github.dom0build.core.fetch.SourceFetcher;
import io.github.dom0build.core.guard.DeletionRule;
import io.github.dom0build.core.kernel.KernelArch;
import io.github.dom0build.core.kernel.KernelTree;
import io.github.dom0build.core.make.CompilerLauncher;
import io.github.dom0build.core.make.LauncherWrappers;
import io.github.dom0build.core.make.MakeCommand;
import io.github.dom0build.core.process.ProcessRunner;
import io.github.dom0build.core.testing.RecordingLog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The one deletion rule, at every place a goal deletes or recreates a directory: assemble's bundleRoot,
 * the kernel's stage and Xen's DISTDIR (under the build directory, which {@code <build><directory>} may
 * move), the boot test's reportDirectory, the launcher wrappers, and fetch's sourceDirectory with force. A
 * directory of the user's outside the project's build directory, unmarked and not empty, is refused with
 * its path and parameter named, and every file in it is still there; under the build directory, or marked
 * by dom0-build, it is recreated.
 */
class DeletionRuleTest {
    @TempDir
    Path tmp;

    private final RecordingLog log = new RecordingLog();
    private Path target;
    private DeletionRule rule;
    private Path users;
    private Map<String, String> usersBefore;

    @BeforeEach
    void setUp() throws Exception {
        target = Files.createDirectories(tmp.resolve("project/target"));
        rule = new DeletionRule(target);
        users = tmp.resolve("srv/dom0");
        Trees.write(users.resolve("etc/hostname"), "the user's machine\n");
        Trees.write(users.resolve("home/notes.txt"), "years of notes\n");
        usersBefore = Trees.digest(users);
    }

    private void refusedAndKept(BuildException e, String parameter) throws Exception {
        assertThat(e.problem()).isEqualTo("Refusing to delete " + users + " (" + parameter + "): it is not under this"
                + " project's build directory (" + target.toRealPath() + ") and carries no .dom0-build-owned marker,"
                + " so dom0-build did not make it. Nothing was deleted.");
        assertThat(e.fix()).contains("point " + parameter + " at a directory under target/")
                .contains("empty it yourself first");
        assertThat(Trees.digest(users)).isEqualTo(usersBefore);
    }

    @Test
    void assembleRefusesToRecreateABundleRootItDidNotMake() throws Exception {
        BuildException e = org.junit.jupiter.api.Assertions.assertThrows(BuildException.class,
                () -> new Dom0Bundle(log).assemble(List.of(), users, rule));
        refusedAndKept(e, "bundleRoot");
    }

    @Test
    void assembleRecreatesARootUnderTheBuildDirectoryAndMarksOneItMadeOutside() throws Exception {
        Path inside = target.resolve("root");
        Trees.write(inside.resolve("old"), "from the last build\n");
        new Dom0Bundle(log).assemble(List.of(), inside, rule);
        assertThat(inside).isEmptyDirectory();

        Path outside = tmp.resolve("new-root");
        new Dom0Bundle(log).assemble(List.of(), outside, rule);
        assertThat(outside.resolve(DeletionRule.MARKER)).isRegularFile();
        Trees.write(outside.resolve("boot/vmlinuz-old"), "old\n");
        new Dom0Bundle(log).assemble(List.of(), outside, rule); // marked: dom0-build made it, so it may recreate it
        assertThat(outside.resolve("boot")).doesNotExist();
    }

    @Test
    void theKernelStageIsNotRecreatedOverTheUsersDirectory() throws Exception {
        Path build = Files.createDirectories(tmp.resolve("kbuild"));
        Trees.write(build.resolve("arch/x86/boot/bzImage"), "image\n");
        Trees.write(build.resolve("System.map"), "map\n");
        Trees.write(build.resolve(".config"), "CONFIG_XEN_DOM0=y\n");
        Trees.write(build.resolve("Makefile"), "kernelrelease:\n\t@echo 6.1.0-test\n");
        KernelTree tree = new KernelTree(build, build, KernelArch.of("x86_64"), null);
        BuildException e = org.junit.jupiter.api.Assertions.assertThrows(BuildException.class,
                () -> new KernelStager(new ProcessRunner(log), log, rule).stage(tree, users,
                        (targets, vars) -> MakeCommand.in(build).targets(targets)));
        refusedAndKept(e, "<build><directory>/kernel-stage");
    }

    @Test
    void xensDistDirectoryIsNotRecreatedOverTheUsersDirectory() throws Exception {
        Path source = tmp.resolve("xen");
        Trees.write(source.resolve("xen/Makefile"), "xenversion:\n\t@echo 4.17.5\n");
        Trees.write(source.resolve("Makefile"), "dist:\n\ttouch $(DISTDIR)/made\n");
        BuildException e = org.junit.jupiter.api.Assertions.assertThrows(BuildException.class,
                () -> new XenStager(new ProcessRunner(log), log, rule).stage(source, users, List.of("dist"),
                        (dir, targets, vars) -> MakeCommand.in(dir).targets(targets).variables(vars)));
        refusedAndKept(e, "<build><directory>/xen-dist");
    }

    @Test
    void theBootTestDoesNotRecreateAReportDirectoryItDidNotMake() throws Exception {
        Path root = tmp.resolve("root");
        Trees.write(root.resolve("boot/vmlinuz-6.1.0"), "kernel\n");
        Trees.write(root.resolve("usr/lib/xen/boot/xen-4.17.5.multiboot"), "xen\n");
        BootTestRequest request = new BootTestRequest(root, "6.1.0", XenstoredChoice.OXENSTORED, "qemu-system-x86_64",
                "2G", "512M", null, null, List.of(), Path.of("/bin/busybox"), Duration.ofMinutes(1), users,
                Instant.EPOCH);
        BuildException e = org.junit.jupiter.api.Assertions.assertThrows(BuildException.class,
                () -> new BootTest(new ProcessRunner(log), log, rule).run(request));
        refusedAndKept(e, "reportDirectory");
    }

    @Test
    void theLauncherWrappersNeverReplaceADirectoryOfTheUsers() throws Exception {
        BuildException e = org.junit.jupiter.api.Assertions.assertThrows(BuildException.class,
                () -> LauncherWrappers.install(CompilerLauncher.parse("/bin/echo"), users, List.of("sh"),
                        "/bin:/usr/bin", rule));
        refusedAndKept(e, "the launcher wrapper directory");
    }

    @Test
    void aForcedFetchReplacesNoUserDirectoryOutsideTheBuildDirectory() throws Exception {
        Path upstream = tmp.resolve("upstream");
        Trees.write(upstream.resolve("Makefile"), "all:\n");
        FetchRequest request = FetchRequest.builder(new DirectorySource(upstream, true), users).force(true)
                .deletionRule(rule).build();
        BuildException e = org.junit.jupiter.api.Assertions.assertThrows(BuildException.class,
                () -> new SourceFetcher(log).fetch(request));
        refusedAndKept(e, "sourceDirectory");
    }

    @Test
    void theRootTheHomeAndSystemDirectoriesAreNeverDeletedEvenMarkedOrEmpty() throws Exception {
        Path home = Path.of(System.getProperty("user.home"));
        assertThatThrownBy(() -> rule.check(Path.of("/"), "bundleRoot")).isInstanceOf(BuildException.class)
                .hasMessageContaining("Refusing to delete / (bundleRoot): it is the root directory. Nothing was deleted.");
        assertThatThrownBy(() -> rule.check(home, "bundleRoot")).isInstanceOf(BuildException.class)
                .hasMessageContaining("it is the user's home directory");
        assertThatThrownBy(() -> rule.check(Path.of("/etc"), "reportDirectory")).isInstanceOf(BuildException.class)
                .hasMessageContaining("it is the system directory /etc");
        assertThatThrownBy(() -> rule.check(tmp.resolve("project"), "sourceDirectory"))
                .isInstanceOf(BuildException.class).hasMessageContaining("it holds this project's build directory");
        // An empty directory of the user's may be taken over: nothing in it is lost.
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        rule.check(empty, "bundleRoot");
    }
}
