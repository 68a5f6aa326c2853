package io.github.dom0build.core.boottest;

import io.github.dom0build.core.BuildException;
import io.github.dom0build.core.arch.Architecture;
import io.github.dom0build.core.bootroot.CpioWriter;
import io.github.dom0build.core.configure.XenstoredChoice;
import io.github.dom0build.core.log.BuildLog;
import io.github.dom0build.core.process.Command;
import io.github.dom0build.core.process.ProcessRunner;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipParameters;

/**
 * The boot test's initramfs: busybox-static from this machine with its applet links, the xenstore
 * daemon and clients, {@code xl} and {@code xen-init-dom0} from the dom0 root, every library
 * {@code ldd} lists for them, Xen's {@code /etc/xen}, and an {@code /init} that runs the checks. Written
 * as a reproducible gzip'd cpio.
 */
final class InitramfsBuilder {
    private static final Pattern LDD_ARROW = Pattern.compile("^\\s*(\\S+) => (\\S+) \\(0x[0-9a-f]+\\)");
    private static final Pattern LDD_DIRECT = Pattern.compile("^\\s*(/\\S+) \\(0x[0-9a-f]+\\)");
    private static final Pattern LDD_MISSING = Pattern.compile("^\\s*(\\S+) => not found");
    private static final List<String> BIN_DIRS = List.of("usr/sbin", "usr/bin", "sbin", "bin", "usr/lib/xen/bin",
            "usr/libexec/xen/bin", "usr/local/sbin", "usr/local/bin", "usr/local/lib/xen/bin");
    private static final List<String> LIB_DIRS = List.of("usr/lib", "usr/lib64", "lib", "lib64", "usr/local/lib",
            "usr/lib/x86_64-linux-gnu");

    private final ProcessRunner runner;
    private final BuildLog log;
    private final Architecture arch;
    private final Map<String, byte[]> files = new TreeMap<>();
    private final Map<String, Integer> modes = new TreeMap<>();
    private final Map<String, String> links = new TreeMap<>();

    InitramfsBuilder(ProcessRunner runner, BuildLog log) {
        this(runner, log, Architecture.host());
    }

    /**
     * For a dom0 of {@code arch}: when this machine cannot run its programs, the libraries come from the
     * ELF headers instead of ldd, and busybox links its applets itself when the init starts.
     */
    InitramfsBuilder(ProcessRunner runner, BuildLog log, Architecture arch) {
        this.runner = runner;
        this.log = log;
        this.arch = arch;
    }

    private boolean foreign() {
        return arch.isCrossFrom(Architecture.host());
    }

    /** Builds the initramfs for a dom0 root; returns the daemon path it starts. */
    String build(Path root, XenstoredChoice xenstored, Path busybox, String nonce, Instant mtime, Path out)
            throws BuildException {
        try {
            addBusybox(busybox);
            add("init", BootResources.read("init.sh"), 0755);
            Path daemon = find(root, xenstored.configureValue(), true);
            String daemonPath = "/" + root.relativize(daemon);
            List<Path> binaries = new ArrayList<>(List.of(daemon, find(root, "xenstore-read", true),
                    find(root, "xenstore-write", true), find(root, "xen-init-dom0", true)));
            Path xl = find(root, "xl", false);
            if (xl != null) {
                binaries.add(xl);
            }
            for (Path b : binaries) {
                addFromRoot(root, b);
                addLibraries(root, b);
            }
            addTree(root, root.resolve("etc/xen"));
            String conf = "XENSTORED=" + daemonPath + "\nXENSTORED_ARGS=\nNONCE=" + nonce
                    + "\nLD_LIBRARY_PATH=/usr/lib:/usr/lib64:/usr/local/lib"
                    + (foreign() ? ":/" + arch.multiarchLibDir() : "") + "\nexport LD_LIBRARY_PATH\n";
            add("etc/dom0-build-boot-test.conf", conf.getBytes(StandardCharsets.UTF_8), 0644);
            write(out, mtime);
            log.info("Initramfs: busybox, " + binaries.size() + " Xen programs and " + (files.size() - binaries.size())
                    + " other files, " + links.size() + " links (" + Files.size(out) / 1024 + " KiB)");
            return daemonPath;
        } catch (IOException e) {
            throw new BuildException("Cannot build the boot test's initramfs: " + e.getMessage(),
                    "check the dom0 root and the target directory", e);
        }
    }

    private void addBusybox(Path busybox) throws BuildException, IOException {
        BusyboxApplets.requireInstalled(busybox);
        add("bin/busybox", Files.readAllBytes(busybox), 0755);
        if (foreign()) {
            // This machine cannot run it to list its applets: /init runs busybox --install -s first.
            links.put("bin/sh", "/bin/busybox");
        } else {
            links.putAll(BusyboxApplets.links(runner, busybox));
        }
    }

    private static Path find(Path root, String name, boolean required) throws BuildException {
        for (String d : BIN_DIRS) {
            Path p = root.resolve(d).resolve(name);
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        if (required) {
            throw new BuildException(name + " is not in the dom0 root " + root + " (looked in " + String.join(", ", BIN_DIRS)
                    + ").", name.contains("xenstored") ? "build Xen with this xenstored (the configure goal's"
                            + " xenstored parameter), and assemble the root first"
                            : "assemble the dom0 root from a Xen build with its tools first");
        }
        return null;
    }

    private void addFromRoot(Path root, Path file) throws IOException {
        add(root.relativize(file).toString(), Files.readAllBytes(file.toRealPath()), 0755);
    }

    private void addLibraries(Path root, Path binary) throws BuildException, IOException {
        if (foreign()) {
            for (Map.Entry<String, Path> e : new ForeignLibraries(runner, arch, Path.of("/")).of(root, LIB_DIRS, binary)
                    .entrySet()) {
                if (!files.containsKey(e.getKey())) {
                    add(e.getKey(), Files.readAllBytes(e.getValue().toRealPath()), 0755);
                }
            }
            return;
        }
        StringBuilder libPath = new StringBuilder();
        for (String d : LIB_DIRS) {
            if (Files.isDirectory(root.resolve(d))) {
                libPath.append(libPath.length() == 0 ? "" : ":").append(root.resolve(d));
            }
        }
        String out = runner.capture(Command.of("ldd", binary.toString()).env("LD_LIBRARY_PATH", libPath.toString())
                .quiet().build());
        for (String line : out.split("\n")) {
            Matcher missing = LDD_MISSING.matcher(line);
            if (missing.find()) {
                throw new BuildException(binary.getFileName() + " needs " + missing.group(1) + ", which is neither in"
                        + " the dom0 root nor on this machine.", "install the library, or check the Xen build");
            }
            Matcher m = LDD_ARROW.matcher(line);
            String lib = m.find() ? m.group(2) : null;
            if (lib == null) {
                Matcher d = LDD_DIRECT.matcher(line);
                lib = d.find() ? d.group(1) : null;
            }
            if (lib == null) {
                continue;
            }
            Path p = Path.of(lib);
            String dest = p.startsWith(root) ? root.relativize(p).toString() : lib.substring(1);
            if (!files.containsKey(dest)) {
                add(dest, Files.readAllBytes(p.toRealPath()), 0755);
            }
        }
    }

    private void addTree(Path root, Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                add(root.relativize(p).toString(), Files.readAllBytes(p), Files.isExecutable(p) ? 0755 : 0644);
            }
        }
    }

    private void add(String path, byte[] data, int mode) {
        files.put(path, data);
        modes.put(path, mode);
    }

    private void write(Path out, Instant mtime) throws IOException {
        Files.createDirectories(out.toAbsolutePath().getParent());
        TreeMap<String, Integer> dirs = new TreeMap<>();
        for (String d : List.of("proc", "sys", "dev", "run", "tmp", "var/run", "var/log", "var/lib/xen", "etc", "bin",
                "sbin", "usr/bin", "usr/sbin")) {
            dirs.put(d, 0755);
        }
        for (String p : files.keySet()) {
            parents(p, dirs);
        }
        for (String p : links.keySet()) {
            parents(p, dirs);
        }
        GzipParameters gz = new GzipParameters();
        gz.setModificationTime(0);
        gz.setOperatingSystem(3);
        try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(out), 1 << 16);
                CpioWriter cpio = new CpioWriter(new GzipCompressorOutputStream(os, gz), mtime.getEpochSecond())) {
            TreeMap<String, Object> all = new TreeMap<>();
            dirs.keySet().forEach(d -> all.put(d, "dir"));
            all.putAll(links);
            all.putAll(files);
            for (Map.Entry<String, Object> e : all.entrySet()) {
                String p = e.getKey();
                if (files.containsKey(p)) {
                    cpio.file(p, modes.get(p), files.get(p));
                } else if (links.containsKey(p)) {
                    cpio.symlink(p, links.get(p));
                } else {
                    cpio.directory(p, 0755);
                }
            }
        }
    }

    private static void parents(String path, Map<String, Integer> dirs) {
        for (int i = path.indexOf('/'); i > 0; i = path.indexOf('/', i + 1)) {
            dirs.put(path.substring(0, i), 0755);
        }
    }
}
