package io.github.dom0build.core.make;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dom0build.core.BuildException;
import io.github.dom0build.core.process.Command;
import io.github.dom0build.core.process.ProcessRunner;
import io.github.dom0build.core.testing.RecordingLog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MakeCommandTest {
    @TempDir
    Path tmp;

    @Test
    void argvIsMakeDirectoryJobsVariablesThenTargets() throws Exception {
        Map<String, String> vars = new LinkedHashMap<>();
        vars.put("XEN_TARGET_ARCH", "x86_64");
        vars.put("EXTRA_CFLAGS", "-O2 -g");
        vars.put("SKIPPED", null);
        Command c = MakeCommand.in(Path.of("/src/xen")).jobs(4).variables(vars).variable("GIT", "false")
                .targets(List.of("dist-xen", "dist-tools")).target("install").env(Map.of("SOURCE_DATE_EPOCH", "1717200000"))
                .timeout(Duration.ofMinutes(30)).toCommand();
        assertThat(c.argv()).containsExactly("make", "-C", "/src/xen", "-j4", "XEN_TARGET_ARCH=x86_64",
                "EXTRA_CFLAGS=-O2 -g", "GIT=false", "dist-xen", "dist-tools", "install");
        assertThat(c.environment()).containsExactly(Map.entry("SOURCE_DATE_EPOCH", "1717200000"));
        assertThat(c.timeout()).isEqualTo(Duration.ofMinutes(30));
        assertThat(c.logPrefix()).isEqualTo("[make] ");
        assertThat(c.quiet()).isFalse();
    }

    @Test
    void silentAddsDashSAfterTheJobsAndKeepsTheOutputQuiet() throws Exception {
        Command c = MakeCommand.in(Path.of("/src/linux")).program("gmake").jobs(1).silent()
                .variable("O", "/build/linux").target("kernelrelease").logPrefix("[probe] ").toCommand();
        assertThat(c.argv()).containsExactly("gmake", "-C", "/src/linux", "-j1", "-s", "O=/build/linux", "kernelrelease");
        assertThat(c.quiet()).isTrue();
        assertThat(c.logPrefix()).isEqualTo("[probe] ");
    }

    @Test
    void zeroOrNegativeJobsMeanOnePerProcessor() {
        int cpus = Runtime.getRuntime().availableProcessors();
        assertThat(MakeCommand.in(tmp).jobs()).isEqualTo(cpus);
        assertThat(MakeCommand.in(tmp).jobs(0).jobs()).isEqualTo(cpus);
        assertThat(MakeCommand.in(tmp).jobs(-3).jobs()).isEqualTo(cpus);
        assertThat(MakeCommand.in(tmp).jobs(7).jobs()).isEqualTo(7);
    }

    @Test
    void targetsThatMakeWouldReadAsOptionsOrAssignmentsAreRefused() {
        for (String t : List.of("--eval=$(shell touch /tmp/x)", "-n", "CC=clang", "")) {
            assertThatThrownBy(() -> MakeCommand.in(tmp).target("all").target(t).toCommand()).as(t)
                    .isInstanceOfSatisfying(BuildException.class, e -> {
                        assertThat(e.problem()).startsWith("make target '" + t + "' is not a target name (it is empty,"
                                + " starts with '-', contains '=', white space");
                        assertThat(e.fix()).contains("makeVariables");
                    });
        }
    }

    @Test
    void badVariableNamesAreRefused() {
        for (String name : List.of("1ABC", "CC FLAGS", "A-B", "X=Y", "--eval", "")) {
            assertThatThrownBy(() -> MakeCommand.in(tmp).variable(name, "v").toCommand()).as(name)
                    .isInstanceOf(BuildException.class)
                    .hasMessageContaining("make variable name '" + name + "' is not a valid name.");
        }
    }

    @Test
    void valuesReachMakeLiterallyWithoutAShell() throws Exception {
        Files.writeString(tmp.resolve("Makefile"), "show:\n\t@printf '%s\\n' '$(V)'\n");
        RecordingLog log = new RecordingLog();
        List<String> lines = new java.util.ArrayList<>();
        // One argv element, handed to make as it is: no shell splits the spaces or expands $$HOME.
        Command c = MakeCommand.in(tmp).jobs(1).silent().variable("V", "a  b \"c\" $$HOME").target("show")
                .onLine(lines::add).toCommand();
        assertThat(c.argv()).contains("V=a  b \"c\" $$HOME");
        new ProcessRunner(log).run(c);
        assertThat(lines).containsExactly("a  b \"c\" $HOME");
    }
}
