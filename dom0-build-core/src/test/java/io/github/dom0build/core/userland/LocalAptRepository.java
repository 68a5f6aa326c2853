package io.github.dom0build.core.userland;

import io.github.dom0build.core.io.Sha256;
import io.github.dom0build.core.testing.LoopbackHttpServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * A Debian repository on disk, as apt reads it over file:: a Release file with the index's checksum and
 * one Packages index of made-up packages (Essential, Priority required, optional, with dependencies),
 * served as trusted so that no signing key is needed. apt resolves against it exactly as against a
 * mirror; nothing is ever downloaded from it.
 */
public final class LocalAptRepository {
    public static final String SUITE = "testsuite";

    private LocalAptRepository() {
    }

    /** Writes the repository under {@code dir}; returns the deb822 sources that name it. */
    public static String write(Path dir, String systemdVersion) throws IOException {
        String packages = stanza("base-files", "12.4", "Essential: yes\nPriority: required", null)
                + stanza("libc6", "2.36-9", "Priority: required", null)
                + stanza("apt", "2.6.1", "Priority: required", "libc6")
                + stanza("libsystemd0", systemdVersion, "Priority: optional", "libc6")
                + stanza("systemd", systemdVersion, "Priority: important", "libc6, libsystemd0")
                + stanza("libyajl2", "2.1.0-3", "Priority: optional", "libc6")
                + stanza("unrelated", "1.0", "Priority: optional", null);
        Path index = dir.resolve("dists/" + SUITE + "/main/binary-amd64/Packages");
        Files.createDirectories(index.getParent());
        Files.writeString(index, packages);
        byte[] bytes = packages.getBytes(StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("dists/" + SUITE + "/Release"), "Origin: Example\nLabel: Example\nSuite: " + SUITE
                + "\nCodename: " + SUITE + "\nArchitectures: amd64\nComponents: main\nDate: Sat, 01 Jun 2024 00:00:00"
                + " UTC\nSHA256:\n " + Sha256.of(bytes) + " " + bytes.length + " main/binary-amd64/Packages\n");
        return "Types: deb\nURIs: file:" + dir.toAbsolutePath() + "\nSuites: " + SUITE + "\nComponents: main\n"
                + "Trusted: yes\n";
    }

    /**
     * Serves the repository written in {@code dir} under {@code /debian/} of {@code server}; returns the
     * deb822 sources that name it as {@code http://<host>:<port>/debian} (a host only a test proxy
     * reaches, or the loopback address).
     */
    public static String serve(Path dir, LoopbackHttpServer server, String host) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                server.on("/debian/" + dir.relativize(f), LoopbackHttpServer.bytes(Files.readAllBytes(f)));
            }
        }
        return "Types: deb\nURIs: http://" + host + ":" + server.port() + "/debian\nSuites: " + SUITE
                + "\nComponents: main\nTrusted: yes\n";
    }

    private static String stanza(String name, String version, String extra, String depends) {
        return "Package: " + name + "\nVersion: " + version + "\nArchitecture: amd64\n" + extra + "\n"
                + (depends == null ? "" : "Depends: " + depends + "\n") + "Filename: pool/" + name + "_" + version
                + "_amd64.deb\nSize: 1000\nSHA256: " + "0".repeat(64) + "\nDescription: " + name + "\n\n";
    }
}
