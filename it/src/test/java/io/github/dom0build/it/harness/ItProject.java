package io.github.dom0build.it.harness;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * A fresh copy of one project under {@code src/it/<case>} in {@code target/it}, with
 * {@code @project.version@} in its XML files replaced by the version under test.
 */
public final class ItProject {
    private final Path dir;

    private ItProject(Path dir) {
        this.dir = dir;
    }

    public static Path projectsDir() {
        return Path.of(System.getProperty("it.projects", "src/it")).toAbsolutePath();
    }

    public static Path workDir() {
        return Path.of(System.getProperty("it.work", "target/it")).toAbsolutePath();
    }

    public static String pluginVersion() {
        return System.getProperty("it.pluginVersion", "0.1.0-SNAPSHOT");
    }

    /** Copies {@code src/it/<caseName>} to {@code target/it/<instance>}, replacing any earlier copy. */
    public static ItProject copy(String caseName, String instance) throws IOException {
        return copyTree(projectsDir().resolve(caseName), instance);
    }

    /** Copies {@code examples/<name>} (what users copy) to {@code target/it/<instance>}. */
    public static ItProject copyExample(String name, String instance) throws IOException {
        return copyTree(Path.of(System.getProperty("it.examples", "../examples")).toAbsolutePath().resolve(name),
                instance);
    }

    private static ItProject copyTree(Path from, String instance) throws IOException {
        if (!Files.isDirectory(from)) {
            throw new IOException("no IT project " + from);
        }
        Path to = workDir().resolve(instance);
        deleteTree(to);
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) throws IOException {
                if (!d.equals(from) && d.getFileName().toString().equals("target")) {
                    return FileVisitResult.SKIP_SUBTREE; // what a local build of an example left behind
                }
                Files.createDirectories(to.resolve(from.relativize(d).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) throws IOException {
                Path t = to.resolve(from.relativize(f).toString());
                if (f.getFileName().toString().endsWith(".xml")) {
                    String s = Files.readString(f, StandardCharsets.UTF_8).replace("@project.version@", pluginVersion());
                    Files.writeString(t, s, StandardCharsets.UTF_8);
                } else {
                    Files.copy(f, t, StandardCopyOption.COPY_ATTRIBUTES);
                }
                return FileVisitResult.CONTINUE;
            }
        });
        return new ItProject(to);
    }

    public static ItProject copy(String caseName) throws IOException {
        return copy(caseName, caseName);
    }

    /**
     * A copy of this project as it is now (built trees, stamps, logs, links and modes kept) in
     * {@code target/it/<instance>}: a state prepared once and reused by several tests.
     */
    public ItProject duplicate(String instance) throws IOException {
        Path to = workDir().resolve(instance);
        deleteTree(to);
        Path from = dir;
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) throws IOException {
                Files.copy(d, to.resolve(from.relativize(d).toString()), StandardCopyOption.COPY_ATTRIBUTES);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) throws IOException {
                Files.copy(f, to.resolve(from.relativize(f).toString()), StandardCopyOption.COPY_ATTRIBUTES,
                        java.nio.file.LinkOption.NOFOLLOW_LINKS);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException exc) throws IOException {
                if (exc != null) {
                    throw exc;
                }
                Files.setLastModifiedTime(to.resolve(from.relativize(d).toString()), Files.getLastModifiedTime(d));
                return FileVisitResult.CONTINUE;
            }
        });
        return new ItProject(to);
    }

    /** An empty project directory {@code target/it/<instance>} for a POM the test writes itself. */
    public static ItProject empty(String instance) throws IOException {
        Path to = workDir().resolve(instance);
        deleteTree(to);
        Files.createDirectories(to);
        return new ItProject(to);
    }

    public Path dir() {
        return dir;
    }

    public Path resolve(String path) {
        return dir.resolve(path);
    }

    /**
     * Replaces the project's POM by a pom-packaged {@code it.dom0build:<artifactId>:1} that uses the xen plugin
     * under test: {@code before} goes before {@code <build>} (properties, dependencies), {@code plugin} inside
     * the plugin element (configuration, executions).
     */
    public void writeXenPluginPom(String artifactId, String before, String plugin) throws IOException {
        Files.writeString(resolve("pom.xml"), """
                <project xmlns="http://maven.apache.org/POM/4.0.0">
                  <modelVersion>4.0.0</modelVersion>
                  <groupId>it.dom0build</groupId>
                  <artifactId>%s</artifactId>
                  <version>1</version>
                  <packaging>pom</packaging>
                  %s
                  <build><plugins><plugin>
                    <groupId>io.github.dom0build</groupId>
                    <artifactId>xen-maven-plugin</artifactId>
                    <version>%s</version>
                    %s
                  </plugin></plugins></build>
                </project>
                """.formatted(artifactId, before, pluginVersion(), plugin), StandardCharsets.UTF_8);
    }

    public MavenRun maven(String... goals) {
        return new MavenRun(dir).goals(goals);
    }

    /** Maven in one module of a multi-module project, as a user runs a goal there by itself. */
    public MavenRun mavenIn(String module, String... goals) {
        return new MavenRun(dir.resolve(module)).goals(goals);
    }

    public static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(p, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) throws IOException {
                Files.delete(f);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException exc) throws IOException {
                d.toFile().setWritable(true);
                Files.delete(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
