package io.github.dom0build.core.hygiene;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Finds what the tests of this repository must not hold: absolute paths of a developer machine (a test
 * that reads one passes only there, and leaks the machine's layout) and host names of real package
 * registries (test data that names one invites a test that reaches it). Tests use temporary directories
 * and example.org-style names (RFC 2606) instead.
 */
final class TestDataHygiene {
    /** The directories of a module that hold tests and their data. */
    static final List<String> TEST_DIRECTORIES = List.of("src/test", "src/it", "src/fixtures");

    /**
     * A home, root's home, a work area or a Windows drive at the start of a path. Not after a name
     * character, a dot, a slash or a closing brace, so that {@code target/root/boot}, {@code srv/home/user}
     * and {@code ${basedir}/work} (relative paths) pass while a quoted absolute path, a {@code file:} URL
     * and a {@code dir=} value with one of those directories first do not.
     */
    private static final Pattern MACHINE_PATH = Pattern.compile(
            "(?<![\\w.~$/})-])(?:/+(?:home|root|work|Users)/|[A-Za-z]:\\\\{1,2}(?![nrtb0\"'\\\\]))");

    /** The hosts of real package registries and source mirrors, written so this file matches none of them. */
    private static final Pattern REGISTRY_HOST = Pattern.compile("(?<![\\w.-])(?:"
            + "(?:deb|security|ftp(?:\\.[a-z]{2})?|httpredir|snapshot|incoming)\\.debian\\.org"
            + "|(?:[a-z]{2}\\.)?(?:archive|security|ports|old-releases)\\.ubuntu\\.com"
            + "|repo1\\.maven\\.org|repo\\.maven\\.apache\\.org|central\\.sonatype\\.(?:com|org)|oss\\.sonatype\\.org"
            + "|plugins\\.gradle\\.org|registry\\.npmjs\\.org|registry\\.yarnpkg\\.com|pypi\\.org"
            + "|files\\.pythonhosted\\.org|static\\.crates\\.io|proxy\\.golang\\.org|rubygems\\.org"
            + "|packages\\.cloud\\.google\\.com|deb\\.nodesource\\.com|download\\.docker\\.com"
            + "|packages\\.microsoft\\.com|(?:dl|download|mirrors)\\.fedoraproject\\.org|mirror\\.centos\\.org"
            + "|dl-cdn\\.alpinelinux\\.org|download\\.opensuse\\.org|(?:cdn|mirrors)\\.kernel\\.org"
            + ")(?![\\w-]|\\.\\w)", Pattern.CASE_INSENSITIVE);

    /** One offending spot: the file (relative to the scanned root), its line, what was found and why it is refused. */
    record Finding(Path file, int line, String found, String why) {
        @Override
        public String toString() {
            return file + ":" + line + ": '" + found + "' " + why;
        }
    }

    private TestDataHygiene() {
    }

    /** Every finding in the test directories of {@code root}'s modules (the root itself counts as one). */
    static List<Finding> scanModules(Path root) throws IOException {
        List<Path> modules = new ArrayList<>(List.of(root));
        try (Stream<Path> s = Files.list(root)) {
            s.filter(d -> Files.isRegularFile(d.resolve("pom.xml"))).sorted().forEach(modules::add);
        }
        List<Finding> out = new ArrayList<>();
        for (Path module : modules) {
            for (String dir : TEST_DIRECTORIES) {
                Path tests = module.resolve(dir);
                if (Files.isDirectory(tests)) {
                    out.addAll(scan(root, tests));
                }
            }
        }
        return out;
    }

    /** Every finding in the text files under {@code dir}, with paths relative to {@code root}. */
    static List<Finding> scan(Path root, Path dir) throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.walk(dir)) {
            files = s.filter(Files::isRegularFile).sorted().toList();
        }
        List<Finding> out = new ArrayList<>();
        for (Path file : files) {
            byte[] bytes = Files.readAllBytes(file);
            if (isBinary(bytes)) {
                continue;
            }
            // ISO-8859-1 maps every byte, so a fixture in another encoding is still read line by line.
            String[] lines = new String(bytes, StandardCharsets.ISO_8859_1).split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                find(MACHINE_PATH, lines[i], root.relativize(file), i + 1, "is an absolute path of a developer"
                        + " machine: use a temporary directory (@TempDir) or a path relative to the test's", out);
                find(REGISTRY_HOST, lines[i], root.relativize(file), i + 1, "is the host of a real package"
                        + " registry: test data uses example.org-style names, and tests reach only loopback servers",
                        out);
            }
        }
        return out;
    }

    private static void find(Pattern p, String line, Path file, int number, String why, List<Finding> out) {
        Matcher m = p.matcher(line);
        while (m.find()) {
            out.add(new Finding(file, number, m.group(), why));
        }
    }

    private static boolean isBinary(byte[] bytes) {
        for (int i = 0; i < Math.min(bytes.length, 8192); i++) {
            if (bytes[i] == 0) {
                return true;
            }
        }
        return false;
    }
}
