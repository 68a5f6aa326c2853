package io.github.dom0build.core.fetch.extract;

import io.github.dom0build.core.testing.RecordingLog;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * Layout shared by the extraction tests: archives live in {@code root}, extraction goes to
 * {@code root/out/dest}. Refusals are checked to leave {@code root} exactly as it was, so anything
 * written outside the destination, or left of it, fails the test.
 */
abstract class ExtractionTestSupport {
    @TempDir
    Path root;
    Path dest;
    final RecordingLog log = new RecordingLog();

    @BeforeEach
    void createLayout() throws IOException {
        dest = Files.createDirectory(root.resolve("out")).resolve("dest");
    }

    Path archive(String name) {
        return root.resolve(name);
    }

    ExtractionResult extract(Path archive) throws ArchiveException {
        return new ArchiveExtractor(ExtractionLimits.DEFAULT, log).extract(archive, dest);
    }

    ArchiveException refused(Path archive) throws IOException {
        return refused(archive, ExtractionLimits.DEFAULT);
    }

    ArchiveException refused(Path archive, ExtractionLimits limits) throws IOException {
        Set<String> before = snapshot(root);
        ArchiveException e = catchThrowableOfType(ArchiveException.class,
                () -> new ArchiveExtractor(limits, log).extract(archive, dest));
        assertThat(e).as("extraction of %s should have been refused", archive).isNotNull();
        assertThat(Files.exists(dest, LinkOption.NOFOLLOW_LINKS)).as("dest left behind").isFalse();
        assertThat(snapshot(root)).as("files outside dest").isEqualTo(before);
        assertThat(e.archive()).isEqualTo(archive);
        assertThat(e.getMessage()).contains(archive.toString()).contains("Fix: ");
        assertThat(Thread.getAllStackTraces().keySet()).as("read-ahead threads left running")
                .noneMatch(t -> t.getName().startsWith("dom0-build read-ahead"));
        return e;
    }

    /** Every path under {@code dir}, links not followed. */
    static Set<String> snapshot(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            return paths.map(p -> dir.relativize(p).toString()).collect(TreeSet::new, Set::add, Set::addAll);
        }
    }

    static String mode(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS));
    }
}
