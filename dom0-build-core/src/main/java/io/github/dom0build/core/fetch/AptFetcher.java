package io.github.dom0build.core.fetch;

import io.github.dom0build.core.BuildException;
import io.github.dom0build.core.fetch.apt.DebSrcSources;
import io.github.dom0build.core.fetch.apt.DscFile;
import io.github.dom0build.core.fetch.apt.PrivateApt;
import io.github.dom0build.core.io.Sha256;
import io.github.dom0build.core.log.BuildLog;
import io.github.dom0build.core.metadata.Sources;
import io.github.dom0build.core.process.ProcessRunner;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Debian source packages through apt, without touching the system's apt: a {@link PrivateApt} under
 * the download cache ({@code <cache>/apt}: deb-src entries derived from the system's deb entries, its
 * own lists and archives), so no root is needed and nothing in /etc/apt or /var/lib/apt changes.
 * {@code apt-get update} checks the signed indexes, {@code apt-get source --download-only} checks each
 * file against them, and the .dsc's sha256 sums are checked once more before the upstream orig tarball
 * is unpacked like any archive (atomically, with the same safety rules).
 */
final class AptFetcher {
    private static final Pattern PRINT_URI = Pattern.compile("^'([^']+)'\\s+(\\S+)\\s+(\\d+)\\s+(\\S+)");
    private static final Pattern ALREADY_HERE = Pattern.compile("^Skipping already downloaded file '([^']+)'");

    private final BuildLog log;
    private final ProcessRunner runner;

    AptFetcher(BuildLog log) {
        this.log = log;
        this.runner = new ProcessRunner(log);
    }

    FetchResult fetch(AptSource src, FetchRequest req) throws BuildException {
        Path aptRoot = req.cacheDirectory().resolve("apt");
        Path target = req.target();
        try {
            Files.createDirectories(aptRoot);
            try (FileChannel ch = FileChannel.open(aptRoot.resolve("lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE, java.nio.file.LinkOption.NOFOLLOW_LINKS); FileLock lock = ch.lock()) {
                Path dir = aptRoot.resolve("sources").resolve(src.packageName());
                Files.createDirectories(dir);
                Path dsc = locateDsc(src, aptRoot, dir, req);
                DscFile control = DscFile.read(dsc);
                verify(control, dir);
                DscFile.Entry orig = control.origTarball();
                Sources.Identity identity = src.identity().withOrig(control.version(), orig.sha256());
                if (FetchStamp.matches(target, identity)) {
                    log.info("Sources up to date: " + target + " is " + src.packageName() + " " + control.version()
                            + " (" + orig.name() + "); nothing fetched");
                    return new FetchResult(target, identity, Sources.Resolved.NONE, false);
                }
                TargetGuard.ensureReplaceable(target, req.force(), req.deletionRule());
                ArchiveFetcher archives = new ArchiveFetcher(log);
                FetchResult r = archives.extract(dir.resolve(orig.name()), target, identity, req);
                if (src.debianPatches()) {
                    Path debian = target.resolveSibling(target.getFileName() + "-debian");
                    Sources.Identity debId = identity.withPart("debian");
                    if (!FetchStamp.matches(debian, debId)) {
                        TargetGuard.ensureReplaceable(debian, req.force(), req.deletionRule());
                        archives.extract(dir.resolve(control.debianTarball().name()), debian, debId, req);
                    }
                    log.info("Debian's packaging is in " + debian + " (series: " + debian.resolve("patches/series") + ")");
                }
                return r;
            }
        } catch (IOException e) {
            throw new BuildException("Fetching " + src.describe() + " failed: " + e,
                    "check that " + aptRoot + " is writable", e);
        }
    }

    /** The .dsc for the requested version, downloading the package files unless they are all here. */
    private Path locateDsc(AptSource src, Path aptRoot, Path dir, FetchRequest req)
            throws BuildException, IOException {
        if (req.offline()) {
            Path dsc = newestLocalDsc(src, dir);
            if (dsc == null) {
                throw new BuildException("Maven is offline and " + src.aptArgument() + " has not been downloaded to "
                        + dir + " yet.", "run the build once without -o");
            }
            log.info("Offline: using " + dsc.getFileName() + " downloaded earlier");
            return dsc;
        }
        String sources = DebSrcSources.derive(Path.of("/etc/apt"));
        if (sources.isBlank()) {
            throw new BuildException("No deb entries in /etc/apt/sources.list(.d) to derive deb-src entries from.",
                    "configure apt with a Debian or Ubuntu mirror first");
        }
        try (PrivateApt apt = new PrivateApt(aptRoot, sources, List.of("APT::Get::Only-Source=true"), req.proxies(),
                runner, log)) {
            apt.refresh("source package");
            List<String> files = printUris(src, apt, dir);
            String dscName = files.stream().filter(f -> f.endsWith(".dsc")).findFirst().orElseThrow(
                    () -> new BuildException("apt-get source --print-uris " + src.aptArgument() + " listed no .dsc.",
                            "check the package name and version"));
            log.info("Downloading " + src.aptArgument() + " with apt-get source (" + String.join(", ", files) + ")");
            runner.run(apt.command("source", "--download-only", src.aptArgument()).workDir(dir).logPrefix("[apt] ")
                    .build());
            return dir.resolve(dscName);
        }
    }

    private List<String> printUris(AptSource src, PrivateApt apt, Path dir) throws BuildException {
        String out = runner.capture(apt.command("source", "--print-uris", src.aptArgument()).workDir(dir).quiet()
                .build());
        List<String> files = new ArrayList<>();
        for (String line : out.split("\n")) {
            Matcher m = PRINT_URI.matcher(line);
            if (m.find()) {
                files.add(m.group(2));
            }
            Matcher here = ALREADY_HERE.matcher(line);
            if (here.find()) {
                files.add(here.group(1));
            }
        }
        if (files.isEmpty()) {
            throw new BuildException("apt found no source package " + src.aptArgument() + ":\n    " + out.strip(),
                    "check the name and version (apt-cache showsrc NAME lists them) and the distribution's mirror");
        }
        return files;
    }

    private static void verify(DscFile control, Path dir) throws BuildException, IOException {
        for (DscFile.Entry e : control.files()) {
            Path f = dir.resolve(e.name());
            if (!Files.isRegularFile(f)) {
                throw new BuildException(e.name() + " of " + control.source() + " " + control.version()
                        + " is missing from " + dir + ".", "run the build again without -o to download it");
            }
            String actual = Sha256.of(f);
            if (!actual.equals(e.sha256()) || Files.size(f) != e.size()) {
                Files.delete(f);
                throw new BuildException(e.name() + " does not match its .dsc (sha256 " + actual + ", expected "
                        + e.sha256() + "); it was deleted.", "run the build again to download it anew");
            }
        }
    }

    private static Path newestLocalDsc(AptSource src, Path dir) throws IOException {
        String prefix = src.packageName() + "_";
        String wanted = src.version() == null ? null : prefix + noEpoch(src.version()) + ".dsc";
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> {
                String n = p.getFileName().toString();
                return wanted != null ? n.equals(wanted) : n.startsWith(prefix) && n.endsWith(".dsc");
            }).sorted().reduce((a, b) -> b).orElse(null);
        }
    }

    private static String noEpoch(String version) {
        int colon = version.indexOf(':');
        return colon >= 0 ? version.substring(colon + 1) : version;
    }
}
