package io.github.dom0build.core.fetch.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Archives written by the real tools upstream projects use: GNU tar, git archive, Info-ZIP. */
class ToolMadeArchivesTest extends ExtractionTestSupport {
    private static final Instant SOURCE_TIME = Instant.parse("2023-06-07T08:09:10Z");
    // Over 100 characters, so each format needs its long-name mechanism (ustar: the prefix field).
    private static final String LONG_NAME = "drivers/gpu/drm/amd/display/dc/dml/dcn32/"
            + "display_mode_vba_util_32_with_a_name_long_enough_to_need_more_than_a_hundred.c";

    private Path tree;

    @BeforeEach
    void createSourceTree() throws IOException {
        tree = Files.createDirectories(root.resolve("src/proj-1.0"));
        Files.createDirectories(tree.resolve("scripts"));
        Files.createDirectories(tree.resolve("empty"));
        Files.createDirectories(tree.resolve(LONG_NAME).getParent());
        Path script = Files.writeString(tree.resolve("scripts/setlocalversion"), "#!/bin/sh\necho\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(tree.resolve("Makefile"), "all:\n");
        Files.writeString(tree.resolve(LONG_NAME), "long\n");
        Files.createSymbolicLink(tree.resolve("scripts/link"), Path.of("setlocalversion"));
        Files.createLink(tree.resolve("Makefile.hard"), tree.resolve("Makefile"));
        try (var paths = Files.walk(tree)) {
            for (Path p : paths.filter(p -> !Files.isSymbolicLink(p)).toList()) {
                Files.setLastModifiedTime(p, FileTime.from(SOURCE_TIME));
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"-czf", "--format=pax -cJf", "--format=gnu -cjf", "--format=ustar -cf"})
    void extractsWhatGnuTarWrites(String flags) throws Exception {
        Path archive = archive("proj.tar");
        List<String> command = new ArrayList<>(List.of("tar"));
        command.addAll(List.of(flags.split(" ")));
        command.addAll(List.of(archive.toString(), "-C", root.resolve("src").toString(), "proj-1.0"));
        run(command);

        ExtractionResult result = extract(archive);

        assertThat(result.strippedPrefix()).isEqualTo("proj-1.0");
        assertExtractedTree();
        assertThat(Files.isSameFile(dest.resolve("Makefile"), dest.resolve("Makefile.hard"))).isTrue();
    }

    @Test
    void extractsTarOfDotWithDotSlashNames() throws Exception {
        Path archive = archive("dot.tar.gz");
        run(List.of("tar", "-czf", archive.toString(), "-C", root.resolve("src").toString(), "."));

        assertThat(extract(archive).strippedPrefix()).isEqualTo("proj-1.0");
        assertExtractedTree();
    }

    @Test
    void extractsGitArchiveWithItsPaxGlobalHeader() throws Exception {
        assumeTrue(available("git"), "git is not installed");
        run(List.of("git", "-C", tree.toString(), "init", "-q"));
        run(List.of("git", "-C", tree.toString(), "add", "-A"));
        run(List.of("git", "-C", tree.toString(), "-c", "user.name=t", "-c", "user.email=t@example.org", "commit",
                "-q", "-m", "init"));
        Path archive = archive("proj.tar.gz");
        run(List.of("git", "-C", tree.toString(), "archive", "--format=tar.gz", "--prefix=proj-1.0/", "-o",
                archive.toString(), "HEAD"));

        ExtractionResult result = extract(archive);

        assertThat(result.strippedPrefix()).isEqualTo("proj-1.0");
        assertThat(Files.isExecutable(dest.resolve("scripts/setlocalversion"))).isTrue();
        assertThat(Files.readSymbolicLink(dest.resolve("scripts/link"))).isEqualTo(Path.of("setlocalversion"));
        assertThat(dest.resolve(LONG_NAME)).hasContent("long");
    }

    @Test
    void extractsWhatInfoZipWrites() throws Exception {
        assumeTrue(available("zip"), "zip is not installed");
        Path archive = archive("proj.zip");
        run(List.of("zip", "-q", "-r", "-y", archive.toString(), "proj-1.0"), root.resolve("src"));

        ExtractionResult result = extract(archive);

        assertThat(result.strippedPrefix()).isEqualTo("proj-1.0");
        assertExtractedTree();
    }

    private void assertExtractedTree() throws IOException {
        assertThat(dest.resolve("Makefile")).hasContent("all:");
        assertThat(Files.isExecutable(dest.resolve("scripts/setlocalversion"))).isTrue();
        assertThat(mode(dest.resolve("Makefile"))).isEqualTo("rw-r--r--");
        assertThat(Files.readSymbolicLink(dest.resolve("scripts/link"))).isEqualTo(Path.of("setlocalversion"));
        assertThat(dest.resolve(LONG_NAME)).hasContent("long");
        assertThat(dest.resolve("empty")).isEmptyDirectory();
        assertThat(Files.getLastModifiedTime(dest.resolve("Makefile"))).isEqualTo(FileTime.from(SOURCE_TIME));
        assertThat(Files.getLastModifiedTime(dest.resolve("scripts"))).isEqualTo(FileTime.from(SOURCE_TIME));
    }

    private void run(List<String> command) throws Exception {
        run(command, root);
    }

    private static void run(List<String> command, Path workDir) throws Exception {
        Process process = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("%s: %s", command, output).isZero();
    }

    private static boolean available(String tool) {
        try {
            return new ProcessBuilder(tool, "--version").redirectErrorStream(true).start().waitFor() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }
}
