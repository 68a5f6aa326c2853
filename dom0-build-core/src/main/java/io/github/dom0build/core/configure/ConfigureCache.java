package io.github.dom0build.core.configure;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.github.dom0build.core.io.FileTrees;
import io.github.dom0build.core.io.Sha256;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Autoconf's cache file ({@code --cache-file}) kept between builds, so that a fresh tree (after
 * {@code mvn clean}, on CI with a kept home) does not rerun every check: Xen 4.17's configure takes
 * about 6 s, 2.4 s with the cache.
 *
 * <p>A cached answer is only right while nothing it depends on has changed, and autoconf itself does
 * not notice when one has (a cache filled under another {@code PATH} hands back that PATH's python).
 * So an entry is keyed on everything configure's answers come from: the configure scripts, the
 * arguments, the environment variables they read (PATH and every "precious" variable the scripts
 * declare), the machine, its package database (any install, removal or upgrade changes it), and the
 * directories on PATH and under {@code /usr/local} (tools and libraries installed by hand). Without a
 * package database there is nothing reliable to key on, and no cache.
 */
public final class ConfigureCache {
    static final String FILE = "config.cache";
    /** Entries unused for this long are removed when a new one is written. */
    static final Duration UNUSED = Duration.ofDays(30);

    private static final List<Path> PACKAGE_DATABASES = List.of(Path.of("/var/lib/dpkg/status"),
            Path.of("/var/lib/rpm"), Path.of("/usr/lib/sysimage/rpm"), Path.of("/lib/apk/db/installed"),
            Path.of("/var/lib/pacman/local"));
    private static final List<Path> HAND_INSTALLED = List.of(Path.of("/usr/local/include"),
            Path.of("/usr/local/lib"), Path.of("/usr/local/lib/pkgconfig"), Path.of("/usr/local/share/pkgconfig"));
    private static final Path MACHINE_ID = Path.of("/etc/machine-id");
    private static final Pattern PRECIOUS = Pattern.compile("ac_precious_vars='([^']*)'");

    private final Path root;
    private final List<Path> packageDatabases;
    private final List<Path> watchedDirectories;
    private final Map<String, String> processEnvironment;

    ConfigureCache(Path root, List<Path> packageDatabases, List<Path> watchedDirectories,
            Map<String, String> processEnvironment) {
        this.root = root;
        this.packageDatabases = List.copyOf(packageDatabases);
        this.watchedDirectories = List.copyOf(watchedDirectories);
        this.processEnvironment = Map.copyOf(processEnvironment);
    }

    /** The cache under {@code root}, keyed on this machine's state and this JVM's environment. */
    public static ConfigureCache in(Path root) {
        return new ConfigureCache(root, PACKAGE_DATABASES, HAND_INSTALLED, System.getenv());
    }

    public Path root() {
        return root;
    }

    /** One key's cache file. */
    public record Entry(String key, Path file) {
    }

    /**
     * The entry for configuring {@code tree} with {@code arguments} and the extra {@code environment}, or
     * empty (with the reason) when this machine has no package database to key on.
     */
    public Lookup lookup(Path tree, List<String> arguments, Map<String, String> environment) throws IOException {
        List<Path> databases = packageDatabases.stream().filter(Files::exists).toList();
        if (databases.isEmpty()) {
            return new Lookup(Optional.empty(), "no package database (" + packageDatabases
                    + ") to tell when installed software changes");
        }
        Map<String, String> effective = new TreeMap<>(processEnvironment);
        effective.putAll(environment);
        JsonObject key = new JsonObject();
        key.addProperty("format", 1);
        JsonObject scripts = new JsonObject();
        TreeSet<String> read = new TreeSet<>(List.of("PATH", "CONFIG_SITE", "CONFIG_SHELL", "LD_LIBRARY_PATH"));
        for (Path script : configureScripts(tree)) {
            String text = Files.readString(script, StandardCharsets.ISO_8859_1);
            scripts.addProperty(tree.relativize(script).toString(), Sha256.of(text.getBytes(StandardCharsets.ISO_8859_1)));
            Matcher m = PRECIOUS.matcher(text);
            while (m.find()) {
                read.addAll(List.of(m.group(1).trim().split("\\s+")));
            }
        }
        key.add("scripts", scripts);
        JsonArray args = new JsonArray();
        arguments.forEach(args::add);
        key.add("arguments", args);
        JsonObject env = new JsonObject();
        for (String name : read) {
            env.addProperty(name, effective.get(name));
        }
        new TreeMap<>(environment).forEach((k, v) -> env.addProperty("set:" + k, v));
        key.add("environment", env);
        key.addProperty("machine", Files.isReadable(MACHINE_ID) ? Files.readString(MACHINE_ID).strip() : "unknown");
        JsonObject state = new JsonObject();
        for (Path p : databases) {
            state.addProperty(p.toString(), databaseStateOf(p));
        }
        List<Path> dirs = new ArrayList<>(watchedDirectories);
        String path = effective.getOrDefault("PATH", "");
        for (String d : path.split(":")) {
            if (!d.isEmpty()) {
                dirs.add(Path.of(d));
            }
        }
        for (Path d : dirs) {
            state.addProperty(d.toString(), stateOf(d));
        }
        key.add("installed", state);
        String digest = Sha256.of(key.toString().getBytes(StandardCharsets.UTF_8));
        return new Lookup(Optional.of(new Entry(digest, root.resolve(digest).resolve(FILE))), null);
    }

    /** What {@link #lookup} found: an entry, or why there is none. */
    public record Lookup(Optional<Entry> entry, String whyNone) {
    }

    /**
     * Copies the entry's file to {@code local} (what configure reads and rewrites, so that a failing run
     * never touches the shared file); false, with {@code local} removed, if there is no entry yet.
     */
    public boolean restore(Entry entry, Path local) throws IOException {
        Files.createDirectories(local.toAbsolutePath().getParent());
        if (!Files.isRegularFile(entry.file())) {
            Files.deleteIfExists(local);
            return false;
        }
        Files.copy(entry.file(), local, StandardCopyOption.REPLACE_EXISTING);
        try {
            Files.setLastModifiedTime(entry.file().getParent(), FileTime.from(Instant.now()));
        } catch (IOException e) {
            // a read-only shared cache: usable, only never pruned from here
        }
        return true;
    }

    /** Makes {@code local} the entry's file, whole or not at all, and drops entries unused for a month. */
    public void publish(Path local, Entry entry) throws IOException {
        FileTrees.writeAtomically(entry.file(), Files.readAllBytes(local));
        Instant cutoff = Instant.now().minus(UNUSED);
        try (Stream<Path> s = Files.list(root)) {
            for (Path e : s.toList()) {
                if (!e.equals(entry.file().getParent()) && Files.isDirectory(e)
                        && Files.getLastModifiedTime(e).toInstant().isBefore(cutoff)) {
                    FileTrees.deleteRecursively(e);
                }
            }
        }
    }

    /** Forgets an entry whose answers made configure fail. */
    public void discard(Entry entry) throws IOException {
        Files.deleteIfExists(entry.file());
    }

    /** {@code configure} and the sub-configures one level down ({@code tools/configure} in Xen). */
    private static List<Path> configureScripts(Path tree) throws IOException {
        List<Path> scripts = new ArrayList<>();
        scripts.add(tree.resolve("configure"));
        try (Stream<Path> s = Files.list(tree)) {
            s.filter(Files::isDirectory).map(d -> d.resolve("configure")).filter(Files::isRegularFile).sorted()
                    .forEach(scripts::add);
        }
        return scripts;
    }

    /** rpm updates its sqlite file in place, so a directory counts with its files' state. */
    private static String databaseStateOf(Path p) throws IOException {
        if (!Files.isDirectory(p)) {
            return stateOf(p);
        }
        StringBuilder b = new StringBuilder(stateOf(p));
        try (Stream<Path> s = Files.list(p)) {
            for (Path f : s.sorted().toList()) {
                b.append(' ').append(f.getFileName()).append('=').append(stateOf(f));
            }
        }
        return b.toString();
    }

    /** Size and modification time: cheap, and changed by every install into a watched place. */
    private static String stateOf(Path p) throws IOException {
        if (!Files.exists(p)) {
            return "absent";
        }
        return Files.size(p) + "@" + Files.getLastModifiedTime(p).toMillis();
    }
}
