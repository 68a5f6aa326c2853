package io.github.dom0build.core.configure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dom0build.core.BuildException;
import io.github.dom0build.core.process.ProcessRunner;
import io.github.dom0build.core.stamp.StampStore;
import io.github.dom0build.core.testing.RecordingLog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The configure cache with a real {@code sh} configure that reads and writes an autoconf-style cache
 * file: one answer ({@code ac_cv_answer}), printed "(cached)" when it comes from the file, and a
 * failure when the answer is "broken".
 */
class ConfigureCacheTest {
    private static final String CONFIGURE = """
            #!/bin/sh
            ac_precious_vars='CC
            ANSWER_HINT'
            cache_file=/dev/null
            for a; do case $a in --cache-file=*) cache_file=${a#--cache-file=} ;; esac; done
            test -f "$cache_file" && . "$cache_file"
            printf 'checking the answer... '
            if test -n "${ac_cv_answer-}"; then echo "(cached) $ac_cv_answer"
            else ac_cv_answer=$(cat answer-source); echo "$ac_cv_answer"; fi
            if test "$ac_cv_answer" = broken; then echo 'configure: error: the answer is broken'; exit 1; fi
            mkdir -p config tools/hotplug/Linux
            printf 'OCAML_TOOLS := y\\nCONFIG_SYSTEMD := y\\nANSWER := %s\\n' "$ac_cv_answer" > config/Tools.mk
            printf 'CONFIG_LEAF_DIR := default\\n' > config/Paths.mk
            printf 'SUBSYSTEMS := xen tools\\n' > config/Toplevel.mk
            printf 'XENSTORED=/usr/sbin/oxenstored\\n' > tools/hotplug/Linux/launch-xenstore
            test "$cache_file" = /dev/null || echo "ac_cv_answer=\\${ac_cv_answer=$ac_cv_answer}" > "$cache_file"
            """;
    private static final XenConfigureOptions OPTIONS = new XenConfigureOptions(XenstoredChoice.OXENSTORED, true,
            "/usr", "default", true, false, "/usr/bin/qemu-system-i386", "/usr/share/seabios/bios.bin", List.of());

    @TempDir
    Path tmp;
    private Path packages;
    private Path bin;
    private Path root;
    private final RecordingLog log = new RecordingLog();

    @BeforeEach
    void setUp() throws Exception {
        packages = tmp.resolve("dpkg-status");
        Files.writeString(packages, "Package: gcc\n");
        bin = Files.createDirectories(tmp.resolve("bin"));
        root = tmp.resolve("cache");
    }

    private ConfigureCache cache(Map<String, String> env) {
        return new ConfigureCache(root, List.of(packages), List.of(), env);
    }

    private ConfigureCache cache() {
        return cache(Map.of("PATH", bin + ":/usr/bin:/bin", "TERM", "xterm"));
    }

    private Path tree(String name) throws Exception {
        Path t = Files.createDirectories(tmp.resolve(name));
        Files.writeString(t.resolve("configure"), CONFIGURE);
        t.resolve("configure").toFile().setExecutable(true);
        Files.writeString(t.resolve("answer-source"), "42\n");
        Files.createDirectories(t.resolve("tools/ocaml/xenstored"));
        Files.writeString(t.resolve("tools/configure"), "#!/bin/sh\nac_precious_vars='PYTHON'\n");
        return t;
    }

    private String key(ConfigureCache c, Path tree, List<String> args, Map<String, String> env) throws Exception {
        return c.lookup(tree, args, env).entry().orElseThrow().key();
    }

    private XenConfigurer.Result configure(Path tree, ConfigureCache c) throws Exception {
        return new XenConfigurer(new ProcessRunner(log), log).configure(tree, OPTIONS, Map.of(), Duration.ofMinutes(1),
                Optional.of(c));
    }

    @Test
    void theKeyFollowsWhatConfiguresAnswersComeFromAndNothingElse() throws Exception {
        Path t = tree("t");
        List<String> args = List.of("--prefix=/usr");
        String base = key(cache(), t, args, Map.of());
        assertThat(key(cache(), t, args, Map.of())).as("same inputs").isEqualTo(base);
        assertThat(key(cache(Map.of("PATH", bin + ":/usr/bin:/bin", "TERM", "dumb")), t, args, Map.of()))
                .as("a variable configure does not read").isEqualTo(base);

        assertThat(key(cache(), t, List.of("--prefix=/opt"), Map.of())).as("arguments").isNotEqualTo(base);
        assertThat(key(cache(), t, args, Map.of("CC", "clang"))).as("a precious variable set by the build")
                .isNotEqualTo(base);
        assertThat(key(cache(Map.of("PATH", bin + ":/usr/bin:/bin", "ANSWER_HINT", "x")), t, args, Map.of()))
                .as("a precious variable of the top-level script, inherited").isNotEqualTo(base);
        assertThat(key(cache(Map.of("PATH", bin + ":/usr/bin:/bin", "PYTHON", "python2")), t, args, Map.of()))
                .as("a precious variable of a sub-configure").isNotEqualTo(base);
        assertThat(key(cache(Map.of("PATH", "/usr/bin:/bin")), t, args, Map.of())).as("PATH").isNotEqualTo(base);

        Files.writeString(t.resolve("tools/configure"), "#!/bin/sh\nac_precious_vars='PYTHON'\n# patched\n");
        String patched = key(cache(), t, args, Map.of());
        assertThat(patched).as("a sub-configure patched").isNotEqualTo(base);

        Files.writeString(packages, "Package: gcc\nPackage: libsystemd-dev\n");
        String installed = key(cache(), t, args, Map.of());
        assertThat(installed).as("a package installed").isNotEqualTo(patched);

        Files.writeString(bin.resolve("ocamlfind"), "#!/bin/sh\n");
        // the clock may not have moved past the directory's last change; installs are seconds apart
        Files.setLastModifiedTime(bin, FileTime.from(Files.getLastModifiedTime(bin).toInstant().plusSeconds(2)));
        assertThat(key(cache(), t, args, Map.of())).as("a tool installed by hand in a PATH directory")
                .isNotEqualTo(installed);
    }

    @Test
    void withoutAPackageDatabaseThereIsNoCacheAndConfigureSaysWhy() throws Exception {
        Path t = tree("t");
        ConfigureCache c = new ConfigureCache(root, List.of(tmp.resolve("no-such-db")), List.of(), Map.of());
        ConfigureCache.Lookup l = c.lookup(t, List.of(), Map.of());
        assertThat(l.entry()).isEmpty();
        assertThat(l.whyNone()).contains("no package database").contains("no-such-db");

        assertThat(configure(t, c).ran()).isTrue();
        assertThat(log.lines("INFO")).anyMatch(s -> s.startsWith("Configuring without a cache: no package database"));
        assertThat(root).doesNotExist();
        assertThat(log.text()).doesNotContain("--cache-file");
    }

    @Test
    void aFreshTreeStartsFromTheAnswersOfTheFirstAndEndsTheSame() throws Exception {
        Path first = tree("first");
        assertThat(configure(first, cache()).ran()).isTrue();
        assertThat(log.text()).contains("checking the answer... 42").doesNotContain("Configure cache: starting");
        Path entry = cache().lookup(first, XenConfigurer.arguments(OPTIONS), Map.of()).entry().orElseThrow().file();
        assertThat(entry).hasContent("ac_cv_answer=${ac_cv_answer=42}");

        Path second = tree("second");
        Files.writeString(second.resolve("answer-source"), "not read when cached\n");
        assertThat(configure(second, cache()).ran()).isTrue();
        assertThat(log.text()).contains("Configure cache: starting from the answers of an earlier configure")
                .contains("checking the answer... (cached) 42");
        assertThat(second.resolve("config/Tools.mk")).hasSameTextualContentAs(first.resolve("config/Tools.mk"));
        assertThat(StampStore.in(second).directory().resolve(ConfigureCache.FILE)).as("configure's own copy")
                .hasSameTextualContentAs(entry);
    }

    @Test
    void cachedAnswersThatMakeConfigureFailAreDiscardedAndConfigureRunsAgainFromScratch() throws Exception {
        Path first = tree("first");
        configure(first, cache());
        Path entry = cache().lookup(first, XenConfigurer.arguments(OPTIONS), Map.of()).entry().orElseThrow().file();
        Files.writeString(entry, "ac_cv_answer=${ac_cv_answer=broken}\n");

        Path second = tree("second");
        assertThat(configure(second, cache()).ran()).isTrue();
        assertThat(log.lines("WARN")).singleElement().asString().contains("Configure failed with the cached answers in "
                + entry).contains("discarding them and configuring again from scratch");
        assertThat(log.text()).contains("checking the answer... (cached) broken").contains("checking the answer... 42");
        assertThat(second.resolve("config/Tools.mk")).content().contains("ANSWER := 42");
        assertThat(entry).as("the entry is rewritten by the good run").hasContent("ac_cv_answer=${ac_cv_answer=42}");
    }

    @Test
    void aFailedConfigurePublishesNothingAndLeavesOtherEntriesAsTheyWere() throws Exception {
        Path first = tree("first");
        configure(first, cache());
        Path entry = cache().lookup(first, XenConfigurer.arguments(OPTIONS), Map.of()).entry().orElseThrow().file();
        byte[] before = Files.readAllBytes(entry);

        Path bad = tree("bad");
        Files.writeString(bad.resolve("configure"), CONFIGURE.replace("test -f \"$cache_file\" && . \"$cache_file\"",
                "echo 'ac_cv_answer=${ac_cv_answer=garbage}' > \"$cache_file\"; exit 1"));
        Path badEntry = cache().lookup(bad, XenConfigurer.arguments(OPTIONS), Map.of()).entry().orElseThrow().file();
        assertThatThrownBy(() -> configure(bad, cache())).isInstanceOf(BuildException.class);
        assertThat(badEntry).as("the failed run's answers are not kept").doesNotExist();
        assertThat(Files.readAllBytes(entry)).isEqualTo(before);
    }

    @Test
    void aCacheDirectoryThatCannotBeWrittenCostsAWarningNotTheBuild() throws Exception {
        Files.writeString(root, "a file where the cache directory should be\n");
        Path t = tree("t");
        assertThat(configure(t, cache()).ran()).isTrue();
        assertThat(t.resolve("config/Tools.mk")).content().contains("ANSWER := 42");
        assertThat(log.lines("WARN")).singleElement().asString().startsWith("The configure cache " + root
                + " could not keep this run's answers");
    }

    @Test
    void publishingDropsEntriesUnusedForAMonthAndKeepsTheRest() throws Exception {
        Path t = tree("t");
        configure(t, cache());
        Path old = Files.createDirectories(root.resolve("0".repeat(64)));
        Files.writeString(old.resolve(ConfigureCache.FILE), "x=1\n");
        Files.setLastModifiedTime(old, FileTime.from(Instant.now().minus(ConfigureCache.UNUSED).minusSeconds(60)));
        Path recent = Files.createDirectories(root.resolve("1".repeat(64)));
        Files.writeString(recent.resolve(ConfigureCache.FILE), "x=2\n");

        Files.writeString(packages, "Package: gcc\nPackage: ocaml\n"); // a new key, so a new entry is written
        Path second = tree("second");
        configure(second, cache());
        try (Stream<Path> s = Files.list(root)) {
            Set<String> left = Set.copyOf(s.map(p -> p.getFileName().toString()).toList());
            assertThat(left).hasSize(3).contains(recent.getFileName().toString())
                    .doesNotContain(old.getFileName().toString());
        }
    }
}
