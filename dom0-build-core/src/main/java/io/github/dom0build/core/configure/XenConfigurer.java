package io.github.dom0build.core.configure;

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

    /**
     * The stamp ({@code .dom0-build/configure.json}): the arguments, the environment and the patch stamp's
     * digest configure ran with; the dist metadata records the arguments.
     */
    public record Stamp(List<String> arguments, Map<String, String> environment, String patches) {
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
                            + " sources, but allowDownloads is false.", "remove " + a + ", or set allowDownloads=true");
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

    /**
     * Configures {@code tree} unless its stamp says it already is. Every run starts from scratch: no
     * autoconf cache file is kept between builds, since a stale cached answer is a classic cause of a
     * wrong build and the saving measured was inside the noise (see the performance page).
     */
    public Result configure(Path tree, XenConfigureOptions options, Map<String, String> environment, Duration timeout)
            throws BuildException {
        List<String> args = arguments(options);
        Path script = tree.resolve("configure");
        if (!Files.isRegularFile(script)) {
            throw new BuildException("No configure script in " + tree + ": this is not a Xen source tree (or fetch did"
                    + " not run).", "check url and sourceDirectory, and that the fetch goal ran first");
        }
        requireDaemonSources(tree, options);
        try {
            Stamp identity = identity(tree, args, environment);
            StampStore stamps = StampStore.in(tree);
            Optional<Stamp> previous = stamps.read(STAMP, Stamp.class);
            if (previous.isPresent() && previous.get().equals(identity) && ConfiguredTree.isConfigured(tree)) {
                log.info("Configure up to date: " + tree + " was configured with the same arguments");
                ConfiguredTree configured = ConfiguredTree.read(tree);
                verify(configured, options);
                return new Result(args, false, configured);
            }
            stamps.delete(STAMP);
            ConfiguredTree configured = run(tree, options, args, environment, timeout);
            stamps.write(STAMP, identity);
            return new Result(args, true, configured);
        } catch (IOException e) {
            throw new BuildException("Configuring " + tree + " failed: " + e, "check that the tree is writable", e);
        }
    }

    /** One run of configure, verified. */
    private ConfiguredTree run(Path tree, XenConfigureOptions options, List<String> args,
            Map<String, String> environment, Duration timeout) throws BuildException, IOException {
        List<String> argv = new ArrayList<>();
        argv.add("./configure");
        argv.addAll(args);
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
            problems.add("allowDownloads is false but stubdom is still enabled (SUBSYSTEMS := " + c.subsystems().get()
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

    private static Stamp identity(Path tree, List<String> args, Map<String, String> environment)
            throws IOException {
        Path patches = StampStore.in(tree).path("patches");
        return new Stamp(List.copyOf(args), new TreeMap<>(environment),
                Files.isRegularFile(patches) ? Sha256.of(patches) : "none");
    }

    /** Forgets how {@code tree} was configured, so the next {@link #configure} runs configure again. */
    public static void forget(Path tree) throws BuildException {
        try {
            StampStore.in(tree).delete(STAMP);
        } catch (IOException e) {
            throw new BuildException("Cannot remove the configure record in " + tree + ": " + e,
                    "check that the tree is writable", e);
        }
    }
}
