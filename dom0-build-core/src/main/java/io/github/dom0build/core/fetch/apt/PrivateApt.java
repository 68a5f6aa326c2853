package io.github.dom0build.core.fetch.apt;

import io.github.dom0build.core.BuildException;
import io.github.dom0build.core.install.TargetRoot;
import io.github.dom0build.core.io.FileTrees;
import io.github.dom0build.core.log.BuildLog;
import io.github.dom0build.core.net.AptProxySettings;
import io.github.dom0build.core.net.ProxySelection;
import io.github.dom0build.core.process.Command;
import io.github.dom0build.core.process.ProcessRunner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * apt with a configuration and state of its own under {@code root}: its own sources file, lists and
 * archive cache, no dpkg status. Nothing in /etc/apt or /var/lib/apt is read or changed beyond the
 * trusted keys, and no root is needed. The lists are refreshed when the sources change or are older
 * than a day. settings.xml's proxies reach apt through {@link AptProxySettings}: a file only the user
 * can read under {@code root/run}, passed with {@code -c}, deleted by {@link #close()} (and at the JVM's
 * exit; one a killed build left is deleted a day later by the next refresh).
 */
public final class PrivateApt implements AutoCloseable {
    private static final Duration LISTS_MAX_AGE = Duration.ofHours(24);
    private static final Duration LEFTOVER_AGE = Duration.ofHours(24);

    private final Path root;
    private final String sources;
    private final List<String> extraOptions;
    private final ProcessRunner runner;
    private final BuildLog log;
    private final AptProxySettings proxy;
    private Path proxyFile;

    /**
     * @param sources the deb822 sources apt reads (never empty)
     * @param extraOptions more {@code Key=Value} settings, such as {@code APT::Get::Only-Source=true}
     */
    public PrivateApt(Path root, String sources, List<String> extraOptions, ProcessRunner runner, BuildLog log) {
        this(root, sources, extraOptions, ProxySelection.none(), runner, log);
    }

    /** @param proxies settings.xml's proxies, for the hosts of {@code sources} */
    public PrivateApt(Path root, String sources, List<String> extraOptions, ProxySelection proxies,
            ProcessRunner runner, BuildLog log) {
        this.root = root;
        this.sources = sources;
        this.extraOptions = List.copyOf(extraOptions);
        this.runner = runner;
        this.log = log;
        this.proxy = AptProxySettings.of(proxies, sources);
    }

    public Path root() {
        return root;
    }

    /** The sources file apt reads; written by {@link #refresh}. */
    public Path sourcesFile() {
        return root.resolve("etc/dom0-build.sources");
    }

    /** Writes the sources and runs {@code apt-get update} if they changed or the lists are stale. */
    public void refresh(String what) throws BuildException, IOException {
        Files.createDirectories(root.resolve("etc"));
        prepareProxy();
        Path file = sourcesFile();
        boolean changed = !Files.isRegularFile(file) || !Files.readString(file, StandardCharsets.UTF_8).equals(sources);
        if (changed) {
            FileTrees.writeAtomically(file, sources.getBytes(StandardCharsets.UTF_8));
        }
        Path lists = root.resolve("lists");
        Path stamp = root.resolve("lists.updated");
        boolean stale = changed || !Files.exists(stamp)
                || Files.getLastModifiedTime(stamp).toInstant().isBefore(Instant.now().minus(LISTS_MAX_AGE));
        if (!stale) {
            return;
        }
        Files.createDirectories(lists.resolve("partial"));
        Files.createDirectories(root.resolve("cache/archives/partial"));
        log.info("Updating the private " + what + " lists in " + lists);
        runner.run(command("update").logPrefix("[apt] ").build());
        Files.writeString(stamp, Instant.now().toString() + "\n");
    }

    /** {@code apt-get} with the private configuration, then {@code args}. */
    public Command.Builder command(String... args) {
        List<String> argv = new ArrayList<>(List.of("apt-get"));
        argv.addAll(options());
        argv.addAll(List.of(args));
        return Command.of(argv).env(environment());
    }

    /** apt pointed at the private configuration and state. */
    public List<String> options() {
        List<String> o = new ArrayList<>();
        if (!proxy.isEmpty()) {
            try {
                o.addAll(List.of("-c", prepareProxy().toString()));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException("Cannot write apt's proxy settings under " + root, e);
            }
        }
        List<String> settings = new ArrayList<>(List.of("Dir::Etc::SourceList=/dev/null",
                "Dir::Etc::SourceParts=" + root.resolve("etc"), "Dir::State::Lists=" + root.resolve("lists"),
                "Dir::Cache=" + root.resolve("cache"), "Dir::State::status=/dev/null", "Debug::NoLocking=1"));
        settings.addAll(extraOptions);
        if (TargetRoot.runningAsRoot()) {
            // apt drops to _apt for downloads, which cannot write into the user's cache.
            settings.add("APT::Sandbox::User=root");
        }
        for (String kv : settings) {
            o.add("-o");
            o.add(kv);
        }
        return o;
    }

    public static Map<String, String> environment() {
        return Map.of("LC_ALL", "C");
    }

    /** The proxy settings apt gets, credentials shown as {@code ***}; empty without a proxy. */
    public String proxySettingsShown() {
        return proxy.toString();
    }

    /**
     * The same proxy settings as apt's environment, for a tool that runs apt with a configuration of its
     * own (mmdebstrap); empty without a proxy. See {@link AptProxySettings#environment}.
     */
    public Map<String, String> proxyEnvironment() {
        return proxy.environment();
    }

    /** The file with the proxy settings, written on first use; null without a proxy. */
    private Path prepareProxy() throws IOException {
        if (proxy.isEmpty() || proxyFile != null) {
            return proxyFile;
        }
        Path run = root.resolve("run");
        deleteLeftovers(run);
        proxyFile = proxy.writeTo(run);
        log.info("apt goes through the proxy of settings.xml: " + proxy);
        return proxyFile;
    }

    private static void deleteLeftovers(Path run) throws IOException {
        if (!Files.isDirectory(run)) {
            return;
        }
        Instant before = Instant.now().minus(LEFTOVER_AGE);
        try (var s = Files.newDirectoryStream(run, "proxy-*.conf")) {
            for (Path f : s) {
                if (Files.getLastModifiedTime(f).toInstant().isBefore(before)) {
                    Files.deleteIfExists(f);
                }
            }
        }
    }

    /** Deletes the proxy settings file: the credentials do not outlive the apt runs that need them. */
    @Override
    public void close() throws IOException {
        if (proxyFile != null) {
            Files.deleteIfExists(proxyFile);
            proxyFile = null;
        }
    }
}
