package io.github.dom0build.core.configure;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.github.dom0build.core.BuildException;
import io.github.dom0build.core.io.Sha256;
import io.github.dom0build.core.log.BuildLog;
import io.github.dom0build.core.process.Command;
import io.github.dom0build.core.process.CommandFailedException;
import io.github.dom0build.core.process.Metacharacters;
import io.github.dom0build.core.process.ProcessRunner;
import io.github.dom0build.core.stamp.StampStore;
import io.github.dom0build.core.xen.XenVersion;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Runs Xen's {@code ./configure} with the recipe's choices ({@code --with-xenstored=oxenstored
 * --enable-systemd}) by default, then reads back what configure recorded and fails when a choice
 * did not take. A rerun with the same arguments, environment and patches does not configure again.
 */
public final class XenConfigurer {
    public static final String STAMP = "configure";

    /** What was run, and what configure recorded. */
    public record Result(List<String> arguments, boolean ran, ConfiguredTree configured) {
    }

    private final ProcessRunner runner;
    private final BuildLog log;

    public XenConfigurer(ProcessRunner runner, BuildLog log) {
        this.runner = runner;
        this.log = log;
    }

    public static List<String> arguments(XenConfigureOptions o) throws BuildException {
        if (o.cross() != null) {
            o.cross().requireXenstored(o.xenstored());
        }
        List<String> args = new ArrayList<>();
        if (o.cross() != null) {
            args.addAll(o.cross().xenConfigureArguments());
        }
        args.add("--prefix=" + o.prefix());
        args.add("--with-xenstored=" + o.xenstored().configureValue());
        args.add(o.systemd() ? "--enable-systemd" : "--disable-systemd");
        if (o.sysconfigLeafDir() != null && !o.sysconfigLeafDir().isBlank()) {
            String leaf = o.sysconfigLeafDir().strip();
            if (!leaf.equals("default") && !leaf.equals("sysconfig")) {
                throw new BuildException("sysconfigDir '" + leaf + "' is neither default nor sysconfig.",
                        "set sysconfigDir to default (Debian, Ubuntu) or sysconfig (Fedora, openSUSE, RHEL)");
            }
            args.add("--with-sysconfig-leaf-dir=" + leaf);
        }
        if (!o.docs()) {
            args.add("--disable-docs");
        }
        if (o.offline()) {
            for (String a : o.extraArguments()) {
                if (a.startsWith("--enable-stubdom") || a.startsWith("--enable-ovmf")
                        || a.startsWith("--with-system-qemu=no")) {
                    throw new BuildException("configureArguments has " + a + ", which makes the build download"
                            + " sources, but offline is on.", "remove " + a + ", or set offline=false");
                }
            }
            args.add("--disable-stubdom");
            args.add("--with-system-qemu=" + o.systemQemu());
            args.add("--with-system-seabios=" + o.systemSeabios());
        }
        for (String a : o.extraArguments()) {
            if (!a.startsWith("--") && !a.matches("(?s)[A-Za-z_][A-Za-z0-9_]*=.*")) {
                throw new BuildException("configure argument '" + a + "' is neither an option (--name[=value]) nor"
                        + " a VAR=value assignment.", "write each argument as one list item, e.g. --enable-debug");
            }
            args.add(a);
        }
        for (String a : args) {
            Optional<String> unsafe = Metacharacters.commandIn(a);
            if (unsafe.isPresent()) {
                throw new BuildException("configure argument '" + a + "' contains " + Metacharacters.describe(
                        unsafe.get()) + ": configure writes its arguments into the makefiles (config/*.mk), and make"
                        + " pastes them into the shell commands of its recipes, where that would run a command."
                        + " Nothing was run.", "remove it from the argument (or from prefix, systemQemu,"
                                + " systemSeabios); dom0-build passes no configure argument that could run a command");
            }
        }
        return args;
    }

    public Result configure(Path tree, XenConfigureOptions options, Map<String, String> environment, Duration timeout)
            throws BuildException {
        return configure(tree, options, environment, timeout, Optional.empty());
    }

    /**
     * Configures {@code tree} unless its stamp says it already is; with a {@code cache}, configure starts
     * from the answers of an earlier run under the same conditions (see {@link ConfigureCache}).
     */
    public Result configure(Path tree, XenConfigureOptions options, Map<String, String> environment, Duration timeout,
            Optional<ConfigureCache> cache) throws BuildException {
        List<String> args = arguments(options);
        Path script = tree.resolve("configure");
        if (!Files.isRegularFile(script)) {
            throw new BuildException("No configure script in " + tree + ": this is not a Xen source tree (or fetch did"
                    + " not run).", "check url and sourceDirectory, and that the fetch goal ran first");
        }
        requireDaemonSources(tree, options);
        try {
            JsonObject identity = identity(tree, args, environment);
            StampStore stamps = StampStore.in(tree);
            Optional<JsonObject> previous = stamps.read(STAMP);
            if (previous.isPresent() && previous.get().equals(identity) && ConfiguredTree.isConfigured(tree)) {
                log.info("Configure up to date: " + tree + " was configured with the same arguments");
                ConfiguredTree configured = ConfiguredTree.read(tree);
                verify(configured, options);
                return new Result(args, false, configured);
            }
            stamps.delete(STAMP);
            Path local = stamps.directory().resolve(ConfigureCache.FILE);
            Files.deleteIfExists(local);
            Optional<ConfigureCache.Entry> entry = cache.isPresent() ? cacheEntry(cache.get(), tree, args, environment)
                    : Optional.empty();
            ConfiguredTree configured;
            if (entry.isPresent() && restored(cache.get(), entry.get(), local)) {
                log.info("Configure cache: starting from the answers of an earlier configure with the same scripts,"
                        + " arguments, environment and installed software (" + entry.get().file() + ")");
                try {
                    configured = run(tree, options, args, environment, timeout, Optional.of(local));
                } catch (BuildException e) {
                    if (e instanceof CommandFailedException f && f.exitCode() < 0) {
                        throw e; // timed out or interrupted: not the answers' fault
                    }
                    log.warn("Configure failed with the cached answers in " + entry.get().file() + " ("
                            + e.problem().lines().findFirst().orElse("")
                            + "); discarding them and configuring again from scratch");
                    try {
                        cache.get().discard(entry.get());
                    } catch (IOException d) {
                        log.warn("The stale entry " + entry.get().file() + " could not be removed: " + d);
                    }
                    Files.deleteIfExists(local);
                    configured = run(tree, options, args, environment, timeout, Optional.of(local));
                }
            } else {
                configured = run(tree, options, args, environment, timeout, entry.map(e -> local));
            }
            if (entry.isPresent() && Files.isRegularFile(local)) {
                try {
                    cache.get().publish(local, entry.get());
                } catch (IOException e) {
                    log.warn("The configure cache " + cache.get().root() + " could not keep this run's answers: " + e);
                }
            }
            stamps.write(STAMP, identity);
            return new Result(args, true, configured);
        } catch (IOException e) {
            throw new BuildException("Configuring " + tree + " failed: " + e, "check that the tree is writable", e);
        }
    }

    /**
     * The cache entry for this run, or empty (and why, in the log) when there is none: a cache that
     * cannot be used costs the time it would have saved, never the build.
     */
    private Optional<ConfigureCache.Entry> cacheEntry(ConfigureCache cache, Path tree, List<String> args,
            Map<String, String> environment) {
        try {
            ConfigureCache.Lookup lookup = cache.lookup(tree, args, environment);
            if (lookup.entry().isEmpty()) {
                log.info("Configuring without a cache: " + lookup.whyNone());
            }
            return lookup.entry();
        } catch (IOException e) {
            log.warn("Configuring without a cache: " + cache.root() + " cannot be used (" + e + ")");
            return Optional.empty();
        }
    }

    private boolean restored(ConfigureCache cache, ConfigureCache.Entry entry, Path local) {
        try {
            return cache.restore(entry, local);
        } catch (IOException e) {
            log.warn("Configuring without the cached answers: " + entry.file() + " cannot be read (" + e + ")");
            return false;
        }
    }

    /** One run of configure (with {@code cacheFile} as its --cache-file), verified. */
    private ConfiguredTree run(Path tree, XenConfigureOptions options, List<String> args,
            Map<String, String> environment, Duration timeout, Optional<Path> cacheFile)
            throws BuildException, IOException {
        List<String> argv = new ArrayList<>();
        argv.add("./configure");
        argv.addAll(args);
        cacheFile.ifPresent(f -> argv.add("--cache-file=" + f.toAbsolutePath()));
        List<String> output = new ArrayList<>();
        Command cmd = Command.of(argv).workDir(tree).env(environment).timeout(timeout).logPrefix("[configure] ")
                .onLine(output::add).build();
        try {
            runner.run(cmd);
        } catch (CommandFailedException e) {
            Optional<String> fix = ConfigureAdvice.fixFor(output);
            if (fix.isPresent()) {
                throw new BuildException(e.problem(), fix.get(), e);
            }
            throw e;
        }
        warnIfDeprecated(tree, options, output);
        ConfiguredTree configured = ConfiguredTree.read(tree);
        verify(configured, options);
        return configured;
    }

    /**
     * Refuses oxenstored for a tree that does not carry it, before configure: later releases move it out of
     * the tree, and configure would otherwise leave the choice to be found missing at boot.
     */
    static void requireDaemonSources(Path tree, XenConfigureOptions o) throws BuildException {
        if (o.xenstored() != XenstoredChoice.OXENSTORED || Files.isDirectory(tree.resolve("tools/ocaml/xenstored"))) {
            return;
        }
        String version = XenVersion.of(tree).map(v -> " (Xen " + v + ")").orElse("");
        throw new BuildException("xenstored=oxenstored, but the tree " + tree + version
                + " has no tools/ocaml/xenstored: oxenstored is not part of this release (deprecated since 4.21, then moved out of the tree). Nothing was"
                + " configured.", "set xenstored=cxenstored (the C daemon, configure's --with-xenstored=xenstored),"
                        + " or build oxenstored from its own repository and install it beside the tools");
    }

    static void verify(ConfiguredTree c, XenConfigureOptions o) throws BuildException {
        List<String> problems = new ArrayList<>();
        String fix = null;
        if (o.systemd() && !c.systemd()) {
            problems.add("systemd was requested but config/Tools.mk has CONFIG_SYSTEMD := "
                    + c.variable("CONFIG_SYSTEMD").orElse("(missing)"));
            fix = "install the systemd development files (libsystemd-dev on Debian/Ubuntu, systemd-devel on"
                    + " Fedora/openSUSE) and run again, or set systemd=false";
        }
        String wanted = "/" + o.xenstored().configureValue();
        Optional<String> daemon = c.xenstoredPath();
        if (daemon.isPresent() && !daemon.get().endsWith(wanted)) {
            problems.add(o.xenstored().displayName() + " was requested but launch-xenstore starts " + daemon.get());
            fix = "see configure's output above for why it chose otherwise";
        }
        if (o.xenstored() == XenstoredChoice.OXENSTORED && !c.ocamlTools()) {
            problems.add("oxenstored was requested but config/Tools.mk has OCAML_TOOLS := "
                    + c.variable("OCAML_TOOLS").orElse("(missing)") + ", so oxenstored is not built");
            fix = "install ocaml and ocaml-findlib (apt-get install ocaml-nox ocaml-findlib), or set"
                    + " xenstored=cxenstored";
        }
        if (o.sysconfigLeafDir() != null && !o.sysconfigLeafDir().isBlank()
                && !c.configLeafDir().map(o.sysconfigLeafDir().strip()::equals).orElse(false)) {
            problems.add("xencommons should go to /etc/" + o.sysconfigLeafDir().strip() + " but config/Paths.mk has"
                    + " CONFIG_LEAF_DIR := " + c.configLeafDir().orElse("(missing)"));
            fix = "check configureArguments for a conflicting --with-sysconfig-leaf-dir";
        }
        if (o.offline() && c.subsystems().map(s -> s.contains("stubdom")).orElse(false)) {
            problems.add("offline is on but stubdom is still enabled (SUBSYSTEMS := " + c.subsystems().get()
                    + "); building it downloads mini-os, newlib and more");
            fix = "remove --enable-stubdom from configureArguments";
        }
        if (!problems.isEmpty()) {
            throw new BuildException("Configure did not take what was asked for:\n    " + String.join("\n    ", problems),
                    fix);
        }
    }

    private void warnIfDeprecated(Path tree, XenConfigureOptions o, List<String> output)
            throws IOException, BuildException {
        if (o.xenstored() != XenstoredChoice.OXENSTORED) {
            return;
        }
        boolean deprecated = output.stream().anyMatch(XenConfigurer::mentionsDeprecatedOxenstored)
                || XenVersion.of(tree).map(XenVersion::oxenstoredDeprecated).orElse(false);
        Path changelog = tree.resolve("CHANGELOG.md");
        if (!deprecated && Files.isRegularFile(changelog)) {
            deprecated = Files.readAllLines(changelog, StandardCharsets.UTF_8).stream()
                    .anyMatch(XenConfigurer::mentionsDeprecatedOxenstored);
        }
        if (deprecated) {
            log.warn("This Xen version deprecates oxenstored; it still builds, but plan to move to the C xenstored"
                    + " (xenstored=cxenstored)");
        }
    }

    private static boolean mentionsDeprecatedOxenstored(String line) {
        String l = line.toLowerCase(Locale.ROOT);
        return l.contains("oxenstored") && l.contains("deprecat");
    }

    private static JsonObject identity(Path tree, List<String> args, Map<String, String> environment)
            throws IOException {
        JsonObject o = new JsonObject();
        JsonArray a = new JsonArray();
        args.forEach(a::add);
        o.add("arguments", a);
        JsonObject env = new JsonObject();
        new TreeMap<>(environment).forEach(env::addProperty);
        o.add("environment", env);
        Path patches = StampStore.in(tree).path("patches");
        o.addProperty("patches", Files.isRegularFile(patches) ? Sha256.of(patches) : "none");
        return o;
    }
}
