package io.github.dom0build.core.userland;

import io.github.dom0build.core.BuildException;
import io.github.dom0build.core.bootroot.TarRootSource;
import io.github.dom0build.core.fetch.apt.PrivateApt;
import io.github.dom0build.core.io.Sha256;
import io.github.dom0build.core.log.BuildLog;
import io.github.dom0build.core.net.ProxySelection;
import io.github.dom0build.core.process.ProcessRunner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Gives a boot test its distribution userland, made once and then taken from the cache: the request's
 * packages are resolved to exact versions through a private apt index, and a cached tarball with that
 * list is used as is; otherwise mmdebstrap makes one. Offline (Maven's {@code -o}) the most recently
 * used tarball of the same request is taken without asking the registry; without one the build fails
 * and says what to do.
 */
public final class Userlands {
    private final ProcessRunner runner;
    private final BuildLog log;
    private final ProxySelection proxies;

    public Userlands(ProcessRunner runner, BuildLog log) {
        this(runner, log, ProxySelection.none());
    }

    /** @param proxies settings.xml's proxies, for apt's index and mmdebstrap's downloads alike */
    public Userlands(ProcessRunner runner, BuildLog log, ProxySelection proxies) {
        this.runner = runner;
        this.log = log;
        this.proxies = proxies;
    }

    public Userland obtain(UserlandRequest r) throws BuildException {
        UserlandCache cache = new UserlandCache(r.cacheDirectory(), r, log);
        try {
            if (r.offline()) {
                UserlandCache.Entry e = cache.newest().orElseThrow(() -> new BuildException("Maven is offline (-o) and"
                        + " no userland for " + r.describe() + " is cached in " + cache.directory() + ".",
                        "run the build once without -o (mmdebstrap then makes it from the package registry), or give a"
                                + " ready userland with the userland parameter (a directory or a root file system"
                                + " tarball), or use init=busybox"));
                log.info("Offline: using the cached userland " + e.tarball() + " (" + e.packages().size()
                        + " packages, made " + e.record().created() + ")");
                cache.touch(e);
                return toUserland(r, e);
            }
            try (PrivateApt apt = new PrivateApt(r.cacheDirectory().resolve("apt"), r.sources(), List.of(
                    "APT::Architecture=" + r.architecture(), "APT::Architectures=" + r.architecture()), proxies, runner,
                    log); UserlandCache.Lock lock = cache.lock()) {
                apt.refresh("binary package");
                List<String> resolved = new PackageResolver(runner).resolve(apt, r);
                String key = Sha256.of(String.join("\n", resolved).getBytes(StandardCharsets.UTF_8)).substring(0, 16);
                Optional<UserlandCache.Entry> hit = cache.find(key);
                if (hit.isPresent()) {
                    log.info("Userland up to date: " + hit.get().tarball() + " holds the " + resolved.size()
                            + " packages apt resolves today");
                    cache.touch(hit.get());
                    return toUserland(r, hit.get());
                }
                cache.sweepLeftovers();
                return toUserland(r, make(r, apt, cache, key, resolved));
            }
        } catch (IOException e) {
            throw new BuildException("Cannot use the userland cache " + cache.directory() + ": " + e.getMessage(),
                    "check that it is writable, or set userlandCacheDirectory", e);
        }
    }

    private UserlandCache.Entry make(UserlandRequest r, PrivateApt apt, UserlandCache cache, String key,
            List<String> resolved) throws BuildException, IOException {
        Mmdebstrap mmdebstrap = new Mmdebstrap(runner);
        String version = mmdebstrap.version(r);
        log.info("Making the userland " + r.describe() + " with " + version + ": " + resolved.size() + " packages");
        Path tmp = cache.newTemporaryTarball();
        try {
            long start = System.nanoTime();
            Map<String, String> proxyEnvironment = apt.proxyEnvironment();
            if (!proxyEnvironment.isEmpty()) {
                log.info("mmdebstrap goes through the proxy of settings.xml: " + apt.proxySettingsShown());
            }
            mmdebstrap.build(r, apt.sourcesFile(), tmp, proxyEnvironment);
            List<String> installed = installedPackages(tmp);
            if (!installed.equals(resolved)) {
                log.warn("The userland holds other versions than apt resolved a moment before (the package index"
                        + " changed?); it is recorded with what it holds");
            }
            UserlandCache.Record record = new UserlandCache.Record(r.suite(), r.architecture(),
                    List.copyOf(r.packages()), installed, version, Sha256.of(tmp), java.time.Instant.now().toString());
            UserlandCache.Entry e = cache.publish(tmp, key, record);
            log.info(String.format("Userland made in %.0f s: %s (%d MiB)", (System.nanoTime() - start) / 1e9,
                    e.tarball(), Files.size(e.tarball()) >> 20));
            return e;
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** {@code name=version} of every package dpkg's status in the tarball lists as installed. */
    static List<String> installedPackages(Path tarball) throws IOException {
        TreeSet<String> out = new TreeSet<>();
        new TarRootSource(tarball).read((e, data) -> {
            if (!e.path().equals("var/lib/dpkg/status")) {
                return;
            }
            String pkg = null;
            String version = null;
            boolean installed = false;
            List<String> lines = new ArrayList<>(List.of(new String(data.readAllBytes(), StandardCharsets.UTF_8)
                    .split("\n")));
            lines.add("");
            for (String line : lines) {
                if (line.isBlank()) {
                    if (pkg != null && version != null && installed) {
                        out.add(pkg + "=" + version);
                    }
                    pkg = null;
                    version = null;
                    installed = false;
                } else if (line.startsWith("Package: ")) {
                    pkg = line.substring(9).strip();
                } else if (line.startsWith("Version: ")) {
                    version = line.substring(9).strip();
                } else if (line.startsWith("Status: ")) {
                    installed = line.strip().endsWith(" installed");
                }
            }
        });
        return List.copyOf(out);
    }

    private static Userland toUserland(UserlandRequest r, UserlandCache.Entry e) {
        return new Userland(e.tarball(), false, r.describe() + " from " + e.tarball(), e.packages());
    }
}
