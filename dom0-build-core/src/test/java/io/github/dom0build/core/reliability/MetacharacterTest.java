package io.github.dom0build.core.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dom0build.core.BuildException;
import io.github.dom0build.core.configure.XenConfigureOptions;
import io.github.dom0build.core.configure.XenConfigurer;
import io.github.dom0build.core.configure.XenstoredChoice;
import io.github.dom0build.core.install.TargetRoot;
import io.github.dom0build.core.kconfig.ConfigRequest;
import io.github.dom0build.core.make.MakeCommand;
import io.github.dom0build.core.process.Command;
import io.github.dom0build.core.process.ProcessRunner;
import io.github.dom0build.core.systemd.UnitEnabler;
import io.github.dom0build.core.testing.RecordingLog;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Parameters with shell and make metacharacters, at the level where they are turned into commands.
 * dom0-build runs argument lists, never shell lines, so a URL or a path is only ever data; but make
 * pastes variables into its recipes' shell lines, configure writes its arguments into makefiles, and the
 * kernel's scripts evaluate kconfig strings. Those values are refused, naming the character and why,
 * before any command runs; each case also checks that the marker the hidden command would create is
 * not there.
 */
class MetacharacterTest {
    @TempDir
    Path tmp;

    private final RecordingLog log = new RecordingLog();

    private String evil(String separator) {
        Path marker = tmp.resolve("INJECTED");
        return switch (separator) {
            case "$(" -> "-x$(touch " + marker + ")";
            case "${" -> "-x${SHELL:+`touch " + marker + "`}";
            case "`" -> "-x`touch " + marker + "`";
            case "\n" -> "-x\ntouch " + marker;
            default -> "-x" + separator + "touch " + marker;
        };
    }

    @ParameterizedTest
    @ValueSource(strings = {"$(", "${", "`", ";", "|", "&", "<", ">", "\n"})
    void aMakeVariableThatWouldRunACommandIsRefusedBeforeMakeRuns(String separator) {
        MakeCommand make = MakeCommand.in(tmp).target("bzImage").variable("EXTRAVERSION", evil(separator));
        assertThatThrownBy(make::toCommand).isInstanceOf(BuildException.class)
                .hasMessageContaining("make variable EXTRAVERSION=")
                .hasMessageContaining("where that would run a command. Nothing was run.")
                .hasMessageContaining("Fix: remove it from the value");
        assertThat(tmp.resolve("INJECTED")).doesNotExist();
    }

    @Test
    void ordinaryMakeValuesAndPathsWithSpacesPassUnchanged() throws Exception {
        Map<String, String> vars = Map.of("KCFLAGS", "-O2 -g -DNAME=\"dom0\"", "CC", "ccache gcc", "O",
                tmp.resolve("build dir").toString(), "LDFLAGS", "-Wl,-rpath,$$ORIGIN");
        Command c = MakeCommand.in(tmp).target("bzImage").variables(vars).toCommand();
        vars.forEach((k, v) -> assertThat(c.argv()).contains(k + "=" + v));
    }

    @Test
    void aMakeTargetThatWouldRunACommandIsRefused() {
        MakeCommand make = MakeCommand.in(tmp).target("bzImage;touch " + tmp.resolve("INJECTED"));
        assertThatThrownBy(make::toCommand).isInstanceOf(BuildException.class)
                .hasMessageContaining("is not a target name").hasMessageContaining("Fix: list plain targets");
        assertThat(tmp.resolve("INJECTED")).doesNotExist();
    }

    private static XenConfigureOptions configureWith(String prefix, List<String> extra) {
        return new XenConfigureOptions(XenstoredChoice.OXENSTORED, true, prefix, "default", true, false,
                "/usr/bin/qemu-system-i386", "/usr/share/seabios/bios.bin", extra);
    }

    @ParameterizedTest
    @ValueSource(strings = {"$(", "`", ";", "&", "\n"})
    void aConfigureArgumentThatWouldRunACommandIsRefused(String separator) {
        assertThatThrownBy(() -> XenConfigurer.arguments(configureWith("/usr", List.of("CFLAGS=-O2 " + evil(
                separator))))).isInstanceOf(BuildException.class).hasMessageContaining("configure argument 'CFLAGS=")
                .hasMessageContaining("would run a command").hasMessageContaining("Fix: remove it from the argument");
        assertThat(tmp.resolve("INJECTED")).doesNotExist();
    }

    @Test
    void theInstallationPrefixIsCheckedLikeAnyConfigureArgument() throws Exception {
        assertThatThrownBy(() -> XenConfigurer.arguments(configureWith("/usr" + evil("$("), List.of())))
                .isInstanceOf(BuildException.class).hasMessageContaining("configure argument '--prefix=/usr-x$(");
        assertThat(XenConfigurer.arguments(configureWith("/opt/xen 4.17", List.of("--enable-debug",
                "--with-extra-qemuu-configure-args=--disable-sdl --enable-kvm")))).contains("--prefix=/opt/xen 4.17",
                        "--with-extra-qemuu-configure-args=--disable-sdl --enable-kvm");
    }

    @ParameterizedTest
    @ValueSource(strings = {"$(", "${", "`"})
    void aKconfigStringTheKernelsScriptsWouldExecuteIsRefused(String separator) {
        assertThatThrownBy(() -> ConfigRequest.builder().inline("CONFIG_LOCALVERSION=\"" + evil(separator) + "\""))
                .isInstanceOf(BuildException.class).hasMessageContaining("CONFIG_LOCALVERSION")
                .hasMessageContaining("would run a command").hasMessageContaining("Fix: remove those characters");
        assertThat(tmp.resolve("INJECTED")).doesNotExist();
    }

    @Test
    void kconfigStringsMayStillHoldSemicolonsAndSpaces() throws Exception {
        ConfigRequest r = ConfigRequest.builder().inline("CONFIG_MODULE_SIG_KEY=\"pkcs11:token=dom0;object=key\"")
                .inline("CONFIG_CMDLINE=\"console=hvc0 earlyprintk=xen\"").build();
        assertThat(r.options()).hasSize(2);
    }

    @Test
    void commandsAreArgumentListsSoMetacharactersAreData() throws Exception {
        String payload = evil("$(") + evil("`") + evil(";") + evil("|") + evil("\n");
        String out = new ProcessRunner(log).capture(Command.of("printf", "%s", payload).build());
        assertThat(out.strip()).isEqualTo(payload.strip());
        assertThat(tmp.resolve("INJECTED")).doesNotExist();
    }

    @Test
    void aUnitNameThatIsNotOneIsRefusedBeforeTheRootIsRead() throws Exception {
        TargetRoot root = TargetRoot.resolve(tmp.resolve("root"), false, "enable", "x.allowLiveSystem");
        assertThatThrownBy(() -> new UnitEnabler(new ProcessRunner(log), log).plan(root,
                List.of("xenstored.service;touch " + tmp.resolve("INJECTED")))).isInstanceOf(BuildException.class)
                .hasMessageContaining("is not a systemd unit name").hasMessageContaining("Fix: name units like");
        assertThat(tmp.resolve("root")).doesNotExist();
        assertThat(tmp.resolve("INJECTED")).doesNotExist();
    }
}
