package io.github.dom0build.it.harness;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.maven.shared.invoker.DefaultInvocationRequest;
import org.apache.maven.shared.invoker.DefaultInvoker;
import org.apache.maven.shared.invoker.InvocationRequest;
import org.apache.maven.shared.invoker.InvocationResult;
import org.apache.maven.shared.invoker.Invoker;
import org.apache.maven.shared.invoker.MavenInvocationException;

/**
 * Runs Maven on an IT project through maven-invoker, in batch mode, against {@code target/local-repo}
 * (where the plugins under test were installed) with the outer build's local repository as a
 * file-based remote, so nothing is downloaded twice and no stale plugin is ever picked up.
 */
public final class MavenRun {
    private static final AtomicInteger RUNS = new AtomicInteger();
    /**
     * The IT builds are short: the JIT's first tier only halves the CPU time Maven spends starting up
     * (about 2.5 s instead of 5 s per run on 2 cores). Used unless MAVEN_OPTS is set.
     */
    static final String QUICK_JVM = "-XX:TieredStopAtLevel=1";

    private final Path projectDir;
    private final List<String> goals = new ArrayList<>();
    private final Map<String, String> properties = new LinkedHashMap<>();
    private final Map<String, String> environment = new LinkedHashMap<>();
    private boolean offline;
    private final List<String> profiles = new ArrayList<>();
    private final List<String> projects = new ArrayList<>();
    private boolean maven39;
    private Duration timeout = Duration.ofMinutes(10);
    private String logName;
    private String settingsElements;
    private Path localRepository;
    private Path settingsFile;

    MavenRun(Path projectDir) {
        this.projectDir = projectDir;
    }

    public MavenRun goals(String... g) {
        goals.addAll(List.of(g));
        return this;
    }

    /** {@code -pl}: these modules of the reactor only. */
    public MavenRun projects(String... modules) {
        projects.addAll(List.of(modules));
        return this;
    }

    public MavenRun property(String name, Object value) {
        properties.put(name, String.valueOf(value));
        return this;
    }

    public MavenRun env(String name, String value) {
        environment.put(name, value);
        return this;
    }

    public MavenRun profile(String id) {
        profiles.add(id);
        return this;
    }

    /** More settings.xml elements for this run (such as {@code <proxies>}), beside the IT repository. */
    public MavenRun settings(String elements) {
        this.settingsElements = elements;
        return this;
    }

    public MavenRun offline() {
        this.offline = true;
        return this;
    }

    /** Runs on the Maven 3.9 that the build unpacked, instead of the machine's Maven. */
    public MavenRun onMaven39() {
        this.maven39 = true;
        return this;
    }

    public MavenRun timeout(Duration t) {
        this.timeout = t;
        return this;
    }

    /** Another local repository than the shared one: a second "machine" that starts empty. */
    public MavenRun localRepository(Path dir) {
        this.localRepository = dir;
        return this;
    }

    /** Another settings.xml, such as one from {@link #settingsWith(Path, String)}. */
    public MavenRun settings(Path file) {
        this.settingsFile = file;
        return this;
    }

    public MavenRun log(String name) {
        this.logName = name;
        return this;
    }

    public BuildResult run() {
        Path logFile = projectDir.resolve(logName != null ? logName : "build-" + RUNS.incrementAndGet() + ".log");
        StringBuilder out = new StringBuilder();
        InvocationRequest req = new DefaultInvocationRequest();
        req.setBaseDirectory(projectDir.toFile());
        req.setGoals(goals);
        Properties props = new Properties();
        props.put("fixtures", Fixtures.trees().toString());
        props.putAll(properties);
        req.setProperties(props);
        req.setBatchMode(true);
        req.setShowErrors(true);
        req.setShowVersion(true);
        req.setNoTransferProgress(true);
        req.setOffline(offline);
        req.setProfiles(profiles);
        if (!projects.isEmpty()) {
            req.setProjects(projects);
        }
        req.setLocalRepositoryDirectory((localRepository != null ? localRepository : localRepo()).toFile());
        req.setUserSettingsFile((settingsFile != null ? settingsFile
                : settingsElements != null ? settingsWith(settingsElements) : settings()).toFile());
        req.setTimeoutInSeconds((int) timeout.toSeconds());
        req.setShellEnvironmentInherited(true);
        environment.forEach(req::addShellEnvironment);
        if (!environment.containsKey("MAVEN_OPTS") && System.getenv("MAVEN_OPTS") == null) {
            req.setMavenOpts(QUICK_JVM);
        }
        req.setOutputHandler(line -> {
            synchronized (out) {
                out.append(line).append('\n');
            }
        });
        req.setErrorHandler(line -> {
            synchronized (out) {
                out.append(line).append('\n');
            }
        });
        Path home = mavenHome();
        req.setMavenHome(home.toFile());
        req.setMavenExecutable(home.resolve("bin/mvn").toFile());
        Invoker invoker = new DefaultInvoker();
        invoker.setMavenHome(home.toFile());
        try {
            InvocationResult r = invoker.execute(req);
            String log;
            synchronized (out) {
                log = out.toString();
            }
            Files.writeString(logFile, log, StandardCharsets.UTF_8);
            if (r.getExecutionException() != null) {
                throw new IllegalStateException("Maven could not be run: " + r.getExecutionException(),
                        r.getExecutionException());
            }
            return new BuildResult(r.getExitCode(), log, logFile);
        } catch (MavenInvocationException e) {
            throw new IllegalStateException("Maven could not be run", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path mavenHome() {
        String home = maven39 ? System.getProperty("it.maven39.home") : System.getProperty("maven.home");
        if (home == null || !Files.isDirectory(Path.of(home))) {
            throw new IllegalStateException("no Maven home (" + home + "); run the ITs through the it module's build");
        }
        return Path.of(home);
    }

    static Path localRepo() {
        return Path.of(System.getProperty("it.localRepo", "target/local-repo")).toAbsolutePath();
    }

    /** The IT settings plus {@code elements}, in a file of this project. */
    private Path settingsWith(String elements) {
        return write(projectDir.resolve("settings-" + RUNS.incrementAndGet() + ".xml"), elements, "");
    }

    /** A settings.xml that lets the IT builds read the outer build's local repository as a remote. */
    static synchronized Path settings() {
        Path settings = ItProject.workDir().resolve("settings.xml");
        if (Files.exists(settings)) {
            return settings;
        }
        return write(settings, "", "");
    }

    /**
     * Writes {@code file}: the IT settings (the outer local repository as a remote; the local repository of
     * the plugins under test too, for a run with its own empty local repository) plus {@code extra}, XML
     * inside {@code <settings>} such as a {@code <servers>} section.
     */
    public static Path settingsWith(Path file, String extra) {
        String underTest = """
                        <pluginRepository>
                          <id>plugins-under-test</id>
                          <url>%s</url>
                          <releases><enabled>false</enabled></releases>
                          <snapshots><enabled>true</enabled></snapshots>
                        </pluginRepository>
                """.formatted(localRepo().toUri());
        return write(file, extra, underTest);
    }

    private static Path write(Path settings, String extra, String underTest) {
        String outer = System.getProperty("it.outerLocalRepo",
                System.getProperty("user.home") + "/.m2/repository");
        String url = new File(outer).toURI().toString();
        String xml = """
                <?xml version="1.0" encoding="UTF-8"?>
                <settings>
                %3$s
                  <profiles>
                    <profile>
                      <id>it-repo</id>
                      <activation><activeByDefault>true</activeByDefault></activation>
                      <repositories>
                        <repository>
                          <id>outer-local</id>
                          <url>%1$s</url>
                          <releases><enabled>true</enabled></releases>
                          <snapshots><enabled>true</enabled></snapshots>
                        </repository>
                      </repositories>
                      <pluginRepositories>
                %2$s        <pluginRepository>
                          <id>outer-local</id>
                          <url>%1$s</url>
                          <releases><enabled>true</enabled></releases>
                          <snapshots><enabled>true</enabled></snapshots>
                        </pluginRepository>
                      </pluginRepositories>
                    </profile>
                  </profiles>
                </settings>
                """.formatted(url, underTest, extra);
        try {
            Files.createDirectories(settings.getParent());
            Files.writeString(settings, xml, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return settings;
    }
}
